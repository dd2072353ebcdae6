import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { getMetadataArgsStorage } from 'typeorm';
import { Organization } from './organization.entity.js';

describe('Organization entity', () => {
  it('keeps decorator metadata under the test transform', () => {
    expect(Reflect.getMetadata('design:type', Organization.prototype, 'name')).toBe(String);
    const columns = getMetadataArgsStorage().columns.filter((c) => c.target === Organization);
    expect(columns.map((c) => c.propertyName)).toContain('path');
  });
});

import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, EDUCATIONS, ORGANIZATION_CATEGORIES, ORGANIZATION_TYPES, ROLES, TRANSFER_STATUSES } from '@/api/types';
import { ERROR_CODES } from '@/api/errors';
import enUS from './en-US';
import zhCN from './zh-CN';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

function lookup(catalogue: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

const featureModules = import.meta.glob<{ default: { 'zh-CN': unknown; 'en-US': unknown } }>('./modules/*.ts', {
  eager: true,
});

describe('message catalogues', () => {
  it.each(Object.entries(featureModules))('%s: en-US has exactly the keys of zh-CN, none empty', (_, module) => {
    const feature = module.default;
    expect(keys(feature['en-US']).sort()).toEqual(keys(feature['zh-CN']).sort());
    for (const key of keys(feature['zh-CN'])) expect(lookup(feature['zh-CN'], key), key).not.toBe('');
  });

  it('en-US has exactly the keys of zh-CN, none empty', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
    for (const key of keys(zhCN)) expect(lookup(zhCN, key), key).not.toBe('');
  });

  it('names every enum value and error code the console shows', () => {
    const required = [
      ...ROLES.map((role) => `roles.${role}`),
      ...ORGANIZATION_TYPES.map((value) => `enums.organizationType.${value}`),
      ...ORGANIZATION_CATEGORIES.map((value) => `enums.organizationCategory.${value}`),
      ...EDUCATIONS.map((value) => `enums.education.${value}`),
      ...TRANSFER_STATUSES.map((value) => `enums.transferStatus.${value}`),
      ...AUDIT_ACTIONS.map((value) => `enums.auditAction.${value}`),
      ...ERROR_CODES.map((code) => `errors.${code}`),
    ];
    for (const key of required) expect(typeof lookup(zhCN, key), key).toBe('string');
  });

  it('uses the glossary terms', () => {
    expect(zhCN.enums.organizationType.WORKING_COMMITTEE).toBe('街道党工委');
    expect(zhCN.enums.transferStatus.IN_TRANSIT).toBe('在途');
    expect(zhCN.enums.memberStatus.PROBATIONARY).toBe('预备党员');
    expect(zhCN.menu.transfers).toBe('组织关系转接');
  });

  it('has no characters vue-i18n would read as syntax', () => {
    for (const catalogue of [zhCN, enUS]) {
      for (const key of keys(catalogue)) {
        const value = String(lookup(catalogue, key));
        expect(value, key).not.toMatch(/[@|$]/);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseQuery, toQuery, type QuerySchema } from './route-query';

const schema = {
  search: { kind: 'string' },
  status: { kind: 'strings', allowed: ['FULL', 'PROBATIONARY'] },
  includeDescendants: { kind: 'boolean', default: true },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

describe('filters in the URL query', () => {
  it('reads defaults from an empty query', () => {
    expect(parseQuery({}, schema)).toEqual({ search: '', status: [], includeDescendants: true, size: 20 });
  });

  it('round-trips what a person chose', () => {
    const values = { search: '张', status: ['FULL', 'PROBATIONARY'], includeDescendants: false, size: 50 };
    const query = toQuery(values, schema);
    expect(query).toEqual({ search: '张', status: 'FULL,PROBATIONARY', includeDescendants: '0', size: '50' });
    expect(parseQuery(query as Record<string, string>, schema)).toEqual(values);
  });

  it('leaves defaults out of the URL', () => {
    expect(toQuery({ search: '', status: [], includeDescendants: true, size: 20 }, schema)).toEqual({});
  });

  it('drops values a hand-edited URL should not carry', () => {
    expect(parseQuery({ status: 'FULL,HACKED', size: 'many' }, schema)).toMatchObject({ status: ['FULL'], size: 20 });
    expect(parseQuery({ status: ['FULL', 'FULL'] }, schema).status).toEqual(['FULL']);
  });
});

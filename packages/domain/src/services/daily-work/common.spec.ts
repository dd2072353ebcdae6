import { describe, expect, it } from 'vitest';
import { merged, scopeWhere, sortOf } from './common.js';

describe('list helpers', () => {
  it('turns the scope into named parameters, one per path', () => {
    expect(scopeWhere('org.path', { all: true })).toEqual({ sql: '1=1', params: {} });
    expect(scopeWhere('org.path', { all: false, organizationPaths: [] })).toEqual({ sql: '1=0', params: {} });
    expect(scopeWhere('org.path', { all: false, organizationPaths: ['/1/4/', '/1/9/'] })).toEqual({
      sql: '(org.path LIKE :scopePath0 OR org.path LIKE :scopePath1)',
      params: { scopePath0: '/1/4/%', scopePath1: '/1/9/%' },
    });
  });

  it('sorts only by the columns a list offers', () => {
    const columns = { NAME: 'name', HELD_ON: 'heldOn' } as Record<string, string>;
    expect(sortOf({ field: 'HELD_ON' }, columns, { field: 'NAME', direction: 'DESC' })).toEqual({
      property: 'heldOn',
      direction: 'DESC',
    });
    expect(sortOf(null, columns, { field: 'NAME', direction: 'ASC' })).toEqual({
      property: 'name',
      direction: 'ASC',
    });
    for (const field of ['constructor', 'toString', 'name; DROP TABLE unit']) {
      expect(() => sortOf({ field }, columns, { field: 'NAME' })).toThrow(/不支持按/);
    }
    expect(() =>
      sortOf({ field: 'NAME', direction: 'SIDEWAYS' as 'ASC' }, columns, { field: 'NAME' }),
    ).toThrow(/排序方向/);
  });

  it('applies a patch over a row, leaving undefined fields as they were', () => {
    expect(merged({ a: 1, b: 'x', c: null }, { a: 2, b: undefined, c: 'y' })).toEqual({
      a: 2,
      b: 'x',
      c: 'y',
    });
  });
});

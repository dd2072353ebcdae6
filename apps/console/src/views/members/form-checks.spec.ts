import { describe, expect, it } from 'vitest';
import { fieldErrorsByPath, formCheckMessages, integerIn, maxLength } from './form-checks';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

describe('form checks', () => {
  it('count text as the domain does, after trimming', () => {
    expect(maxLength(3)('  abc  ')).toBeNull();
    expect(maxLength(3)('abcd')).toBe('TOO_LONG');
    expect(integerIn(0, 10)(10)).toBeNull();
    expect(integerIn(0, 10)(2.5)).toBe('INTEGER_RANGE');
    expect(integerIn(0, 10)(-1)).toBe('INTEGER_RANGE');
  });

  it('keep the whole path of repeated fields the server refused', () => {
    const error = { fields: [{ field: 'items[1].state', message: '请选择落实情况' }, { field: 'input.visitedOn', message: '日期无效' }] };
    expect(fieldErrorsByPath(error)).toEqual({ 'items[1].state': '请选择落实情况', visitedOn: '日期无效' });
    expect(fieldErrorsByPath(new Error('x'))).toEqual({});
  });

  it('say every reason in both languages', () => {
    expect(keys(formCheckMessages['en-US']).sort()).toEqual(keys(formCheckMessages['zh-CN']).sort());
  });
});

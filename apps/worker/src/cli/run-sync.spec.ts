import { describe, expect, it } from 'vitest';
import { parseSyncArguments } from './run-sync.js';

describe('pnpm sync arguments', () => {
  it('syncs everything incrementally by default', () => {
    expect(parseSyncArguments([])).toEqual({ full: false, collections: undefined });
  });

  it('takes --full and --collections in either form, any case, in sync order', () => {
    expect(parseSyncArguments(['--full', '--collections', 'transfers,Members'])).toEqual({
      full: true,
      collections: ['MEMBERS', 'TRANSFERS'],
    });
    expect(parseSyncArguments(['--collections=organizations'])).toEqual({
      full: false,
      collections: ['ORGANIZATIONS'],
    });
    expect(parseSyncArguments(['--', '--full'])).toEqual({ full: true, collections: undefined });
  });

  it('explains a mistake with the usage', () => {
    expect(parseSyncArguments(['--collections', 'people'])).toMatchObject({
      error: expect.stringContaining('people'),
    });
    expect(parseSyncArguments(['--collections'])).toMatchObject({ error: expect.stringContaining('用法') });
    expect(parseSyncArguments(['--fast'])).toMatchObject({ error: expect.stringContaining('--fast') });
    expect(parseSyncArguments(['--help'])).toEqual({ help: true });
  });
});

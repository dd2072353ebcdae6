import { describe, expect, it } from 'vitest';
import { CommittedPrefix, holdersOf } from './feed-lanes.js';

describe('CommittedPrefix', () => {
  it('moves the cursor only over pages that have all committed, whatever order they commit in', () => {
    const prefix = new CommittedPrefix('c0');
    const [a, b, c, d] = ['c1', 'c2', 'c3', 'c4'].map((cursor) => prefix.add(cursor)) as [
      ReturnType<CommittedPrefix['add']>,
      ReturnType<CommittedPrefix['add']>,
      ReturnType<CommittedPrefix['add']>,
      ReturnType<CommittedPrefix['add']>,
    ];
    expect(prefix.commit(c)).toBeNull();
    expect(prefix.commit(b)).toBeNull();
    expect(prefix.cursor).toBe('c0');
    expect(prefix.commit(a)).toBe('c3');
    expect(prefix.cursor).toBe('c3');
    expect(prefix.commit(d)).toBe('c4');
  });

  it('does not ask to store a cursor again when a page repeats the one stored', () => {
    const prefix = new CommittedPrefix('c7');
    // An empty last page of a feed resumes where the feed already stands.
    expect(prefix.commit(prefix.add('c7'))).toBeNull();
    expect(prefix.commit(prefix.add('c8'))).toBe('c8');
  });
});

describe('holdersOf', () => {
  it('names the pages in flight that hold one of the records, and no others', () => {
    const inFlight = new Map([
      ['lane 1', new Set(['M1', 'M2'])],
      ['lane 2', new Set(['M3'])],
      ['lane 3', new Set(['M2', 'M9'])],
    ]);
    expect(holdersOf(new Set(['M2', 'M4']), inFlight)).toEqual(['lane 1', 'lane 3']);
    expect(holdersOf(new Set(['M5']), inFlight)).toEqual([]);
  });
});

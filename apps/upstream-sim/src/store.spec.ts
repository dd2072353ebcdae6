import { describe, expect, it } from 'vitest';
import { addDays, isDay, SimClock } from './clock.js';
import { decodeToken, encodeToken } from './cursor.js';
import { type BaseSource, type Row, VersionedStore } from './store.js';

function source(count: number): BaseSource {
  const rows: Row[] = Array.from({ length: count }, (_, i) => ({ id: `r${i}`, value: i }));
  return {
    count,
    idAt: (i) => rows[i].id,
    recordAt: (i) => rows[i],
    indexOf: (id) => rows.findIndex((row) => row.id === id),
    updatedAtOf: () => '2026-11-25T20:00:00+08:00',
  };
}

function storeOf(count: number, retentionMs = 1_000) {
  let now = 0;
  const store = new VersionedStore(source(count), retentionMs, () => now);
  return { store, tick: (ms: number) => (now += ms) };
}

describe('VersionedStore', () => {
  it('serves base records in order, then changes, each record once at its newest version', () => {
    const { store } = storeOf(5);
    store.write('r1', { id: 'r1', value: 10 }, 't1');
    store.write('r1', { id: 'r1', value: 11 }, 't2');
    store.write('new', { id: 'new', value: 99 }, 't3');
    const feed = store.changesSince(0, 100);
    expect(feed.items.map((i) => [i.view.id, i.view.version])).toEqual([
      ['r0', 1], ['r2', 1], ['r3', 1], ['r4', 1], ['r1', 3], ['new', 1],
    ]);
    expect(feed).toMatchObject({ nextSeq: 8, hasMore: false });
  });

  it('pages by limit and resumes after the last position read', () => {
    const { store } = storeOf(5);
    const first = store.changesSince(0, 2);
    expect(first).toMatchObject({ nextSeq: 2, hasMore: true });
    store.write('r0', { id: 'r0', value: -1 }, 't');
    const rest = store.changesSince(first.nextSeq, 10);
    expect(rest.items.map((i) => i.view.id)).toEqual(['r2', 'r3', 'r4', 'r0']);
  });

  it('keeps tombstones for the retention window only, and deleted records stay deleted', () => {
    const { store, tick } = storeOf(3);
    store.write('r2', null, 't');
    expect(store.changesSince(0, 10).items.map((i) => [i.view.id, i.view.deleted])).toEqual([
      ['r0', false], ['r1', false], ['r2', true],
    ]);
    tick(1_001);
    expect(store.changesSince(0, 10).items.map((i) => i.view.id)).toEqual(['r0', 'r1']);
    expect(store.get('r2')).toBeNull();
    expect(store.write('r2', { id: 'r2', value: 2 }, 't').version).toBe(3);
  });

  it('reads a snapshot as of its start, whatever changes between pages', () => {
    const { store } = storeOf(4);
    store.write('early', { id: 'early', value: 0 }, 't');
    const asOf = store.lastSeq;
    const first = store.snapshotPage(asOf, 0, 2);
    store.write('r3', { id: 'r3', value: 33 }, 't');
    store.write('r2', null, 't');
    store.write('late', { id: 'late', value: 1 }, 't');
    store.write('early', null, 't');
    const second = store.snapshotPage(asOf, first.nextPosition, 10);
    expect([...first.items, ...second.items].map((v) => [v.id, v.value, v.version])).toEqual([
      ['r0', 0, 1], ['r1', 1, 1], ['r2', 2, 1], ['r3', 3, 1], ['early', 0, 1],
    ]);
    expect(second.done).toBe(true);
    expect([...store.current()].map((v) => v.id)).toEqual(['r0', 'r1', 'r3', 'late']);
  });

  it('remembers the previous version of a changed record', () => {
    const { store } = storeOf(2);
    expect(store.previousView('r0')).toBeNull();
    store.write('r0', { id: 'r0', value: 5 }, 't');
    expect(store.previousView('r0')).toMatchObject({ id: 'r0', value: 0, version: 1 });
  });
});

describe('tokens', () => {
  it('round-trip and refuse what this simulator did not issue', () => {
    const cursor = { kind: 'feed', collection: 'members', seq: 42, issuedAtMs: 1_700_000_000_000, epoch: 2, instance: 'ab12cd34' } as const;
    expect(decodeToken(encodeToken(cursor))).toEqual(cursor);
    const page = { kind: 'snapshot', collection: 'transfers', asOfSeq: 9, position: 3, startedAtMs: 5, instance: 'x' } as const;
    expect(decodeToken(encodeToken(page))).toEqual(page);
    expect(decodeToken('not a token!')).toBeNull();
    expect(decodeToken(Buffer.from('f|members|-1|0|0|x').toString('base64url'))).toBeNull();
    expect(decodeToken(Buffer.from('q|members|1|0|0|x').toString('base64url'))).toBeNull();
  });
});

describe('SimClock', () => {
  it('starts on the day it is given and moves by whole days', () => {
    const clock = new SimClock('2026-11-26');
    expect(clock.today()).toBe('2026-11-26');
    expect(clock.isoNow()).toMatch(/^2026-11-26T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    clock.advance(36);
    expect(clock.today()).toBe('2027-01-01');
    expect(() => new SimClock('2026-02-30')).toThrow(RangeError);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect([isDay('2023-02-29'), isDay('2024-02-29')]).toEqual([false, true]);
  });
});

import { demoSubdistrict, idCardWithCheck } from '@dangjian/domain/demo';
import { UpstreamError } from '@dangjian/upstream-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from './server.js';
import { call, clientFor, manualClock, readFeed, readSnapshot, startTestSimulator, TOKEN, withoutVersion } from './test-support.js';

const demo = demoSubdistrict();

describe('change feeds', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(() => sim.close());

  it('serves every organisation once from the start of the feed, in pages, at version 1', async () => {
    const client = clientFor(sim);
    const feed = await readFeed(client, 'organizations', null, 25);
    expect(feed.pages).toBe(Math.ceil(demo.organizations.length / 25));
    expect(feed.items.map((item) => item.id)).toEqual(demo.organizations.map((o) => o.id));
    expect(feed.items.every((item) => item.version === 1 && item.deleted === false && typeof item.updatedAt === 'string')).toBe(true);
    expect(feed.items.map(withoutVersion)).toEqual(demo.organizations);
    expect(feed.quarantined).toEqual([]);
    // Resuming from the end gives nothing new.
    const again = await client.changes('organizations', { cursor: feed.cursor });
    expect(again).toMatchObject({ items: [], hasMore: false });
  });

  it('puts a change after the resume point with a higher version, and only its newest version', async () => {
    const client = clientFor(sim);
    const { cursor } = await readFeed(client, 'members', null, 1000);
    const member = demo.members[10];
    const first = sim.upsertRecord('members', { id: member.id, phone: '13900000001' });
    const second = sim.upsertRecord('members', { id: member.id, flags: ['MOBILE'] });
    expect([first.version, second.version]).toEqual([2, 3]);
    const changes = await readFeed(client, 'members', cursor);
    expect(changes.items).toHaveLength(1);
    expect(changes.items[0]).toMatchObject({ id: member.id, version: 3, phone: '13900000001', flags: ['MOBILE'], name: member.name });
    expect(String(changes.items[0].updatedAt) > '2026-11-26').toBe(true);
    // From the start, the record appears once, at its new place in the feed.
    const whole = await readFeed(client, 'members', null, 1000);
    expect(whole.items.filter((item) => item.id === member.id)).toEqual([changes.items[0]]);
    expect(whole.items.at(-1)?.id).toBe(member.id);
  });

  it('shows a deletion as a tombstone and leaves it out of the snapshot and state', async () => {
    const client = clientFor(sim);
    const { cursor } = await readFeed(client, 'members', null, 1000);
    const member = demo.members[20];
    sim.deleteRecord('members', member.id);
    const changes = await readFeed(client, 'members', cursor);
    expect(changes.items).toEqual([{ id: member.id, version: 2, updatedAt: expect.any(String), deleted: true }]);
    const snapshot = await readSnapshot(client, 'members', 1000);
    expect(snapshot.items.some((item) => item.id === member.id)).toBe(false);
    expect(sim.currentRecords('members').some((record) => record.id === member.id)).toBe(false);
    expect(() => sim.deleteRecord('members', member.id)).toThrow();
  });

  it('refuses a cursor it cannot read, an unknown collection, a wrong page size and a wrong token', async () => {
    expect((await call(sim, '/v1/changes/members?cursor=nonsense')).status).toBe(400);
    expect((await call(sim, '/v1/changes/cadres')).json).toMatchObject({ error: 'NOT_FOUND' });
    expect((await call(sim, '/v1/changes/members?limit=0')).json).toMatchObject({ error: 'VALIDATION_FAILED' });
    expect((await call(sim, '/v1/snapshot/members?limit=1001')).status).toBe(400);
    const wrongToken = await call(sim, '/v1/changes/members', { token: 'guess' });
    expect(wrongToken).toMatchObject({ status: 401, json: { error: 'UNAUTHORIZED', message: expect.any(String) } });
    const snapshotPageAsCursor = (await call(sim, '/v1/snapshot/members?limit=1')).json.nextPage as string;
    expect((await call(sim, `/v1/changes/members?cursor=${snapshotPageAsCursor}`)).status).toBe(400);
  });

  it('answers 410 to every cursor after expireCursors, and the snapshot relist gives a cursor that works', async () => {
    const client = clientFor(sim);
    const { cursor } = await readFeed(client, 'organizations', null, 1000);
    sim.expireCursors();
    const error = await client.changes('organizations', { cursor }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 410, code: 'CURSOR_EXPIRED', retryable: false });
    expect(client.stats.retries).toBe(0);
    const admin = await call(sim, '/admin/expire-cursors', { method: 'POST' });
    expect(admin.status).toBe(200);

    const snapshot = await readSnapshot(client, 'organizations', 30);
    expect(snapshot.items.map((item) => item.id).sort()).toEqual(demo.organizations.map((o) => o.id).sort());
    sim.upsertRecord('organizations', { id: demo.organizations[3].id, name: '改名后的党支部' });
    const resumed = await readFeed(client, 'organizations', snapshot.cursor);
    expect(resumed.items.map((item) => [item.id, item.name, item.version])).toEqual([[demo.organizations[3].id, '改名后的党支部', 2]]);
  });
});

describe('snapshots', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(() => sim.close());

  it('stay consistent as of their start while records change between pages', async () => {
    const client = clientFor(sim);
    const first = await client.snapshot('members', { limit: 500 });
    expect(first.items).toHaveLength(500);
    expect(first.hasMore).toBe(true);
    const later = demo.members[2000];
    const deletedLater = demo.members[2100];
    const alreadyRead = demo.members[5];
    sim.upsertRecord('members', { id: later.id, name: '新名字' });
    sim.deleteRecord('members', deletedLater.id);
    sim.upsertRecord('members', { id: alreadyRead.id, phone: '13900000002' });
    sim.upsertRecord('members', { ...demo.members[0], id: 'M99990001', idCardNumber: idCardWithCheck('41010419900101001'), name: '新来的' });

    const items = [...first.items] as unknown as Array<Record<string, unknown>>;
    let page = first.nextPage;
    let cursor: string | null = null;
    while (page) {
      const next = await client.snapshot('members', { page, limit: 500 });
      items.push(...(next.items as unknown as Array<Record<string, unknown>>));
      page = next.hasMore ? next.nextPage : null;
      if (!next.hasMore) cursor = next.cursor;
    }
    const ids = items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(demo.members.length);
    expect(items.find((item) => item.id === later.id)).toMatchObject({ name: later.name, version: 1 });
    expect(ids).toContain(deletedLater.id);
    expect(ids).not.toContain('M99990001');

    // The changes made during the snapshot follow from its cursor.
    const changes = await readFeed(client, 'members', cursor);
    expect(changes.quarantined).toEqual([]);
    expect(changes.items.map((item) => [item.id, item.deleted])).toEqual([
      [later.id, false],
      [deletedLater.id, true],
      [alreadyRead.id, false],
      ['M99990001', false],
    ]);
  });
});

describe('retention', () => {
  it('keeps tombstones and cursors for the retention window only', async () => {
    const clock = manualClock();
    const sim = await startTestSimulator({ retentionMs: 60_000, wallClock: clock.now });
    try {
      const client = clientFor(sim);
      const { cursor } = await readFeed(client, 'organizations', null, 1000);
      const dissolved = demo.organizations.find((o) => o.type === 'PARTY_GROUP')!;
      sim.deleteRecord('organizations', dissolved.id);
      clock.advance(30_000);
      const withinWindow = await readFeed(client, 'organizations', cursor);
      expect(withinWindow.items).toEqual([expect.objectContaining({ id: dissolved.id, deleted: true })]);
      expect((await readFeed(client, 'organizations')).items.some((item) => item.id === dissolved.id && item.deleted)).toBe(true);

      clock.advance(31_000);
      // The first cursor is now older than the window: the client must relist.
      await expect(client.changes('organizations', { cursor })).rejects.toMatchObject({ code: 'CURSOR_EXPIRED' });
      // A cursor issued within the window still works, and the purged tombstone is gone from the feed.
      await expect(client.changes('organizations', { cursor: withinWindow.cursor })).resolves.toMatchObject({ items: [] });
      const fromStart = await readFeed(client, 'organizations');
      expect(fromStart.items.some((item) => item.id === dissolved.id)).toBe(false);
      expect(fromStart.items).toHaveLength(demo.organizations.length - 1);
    } finally {
      await sim.close();
    }
  });

  it('expires snapshot pages older than the window and the cursors of a restarted simulator', async () => {
    const clock = manualClock();
    const sim = await startTestSimulator({ retentionMs: 60_000, wallClock: clock.now });
    const client = clientFor(sim);
    const first = await client.snapshot('organizations', { limit: 10 });
    const { cursor } = await readFeed(client, 'organizations', null, 1000);
    clock.advance(61_000);
    await expect(client.snapshot('organizations', { page: first.nextPage, limit: 10 })).rejects.toMatchObject({ status: 410 });
    await sim.close();

    const restarted = await startTestSimulator({ wallClock: clock.now });
    try {
      await expect(clientFor(restarted).changes('organizations', { cursor })).rejects.toMatchObject({ code: 'CURSOR_EXPIRED' });
      expect(TOKEN).toBeTruthy();
    } finally {
      await restarted.close();
    }
  });
});

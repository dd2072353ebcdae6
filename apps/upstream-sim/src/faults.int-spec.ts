import { randomUUID } from 'node:crypto';
import { demoSubdistrict } from '@dangjian/domain/demo';
import { type ChangesPage, type RetryInfo, UpstreamError } from '@dangjian/upstream-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './server.js';
import { call, clientFor, latestById, readFeed, startTestSimulator, TOKEN } from './test-support.js';

const demo = demoSubdistrict();
const busy = new Set(demo.transfers.map((t) => t.memberId));
const movableMembers = demo.members.filter((m) => m.organizationId.length === 14 && !busy.has(m.id));

let sim: Simulator;
beforeEach(async () => {
  sim = await startTestSimulator({ seed: 11 });
});
afterEach(() => sim.close());

describe('injected server errors', () => {
  it('are retried by the client until the whole feed is read', async () => {
    sim.setFaults({ errorRate: 0.4 });
    const retries: RetryInfo[] = [];
    const client = clientFor(sim, { maxRetries: 10, onRetry: (info) => retries.push(info) });
    const feed = await readFeed(client, 'members', null, 250);
    expect(latestById(feed.items).size).toBe(demo.members.length);
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => [500, 502, 503].includes(r.status!) && r.error.startsWith('UNAVAILABLE'))).toBe(true);
    expect(client.stats.retries).toBe(retries.length);
  });

  it('surface as a retryable UNAVAILABLE once the retries are spent', async () => {
    sim.setFaults({ errorRate: 1 });
    const client = clientFor(sim, { maxRetries: 3 });
    const error = await client.changes('organizations').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(client.stats).toMatchObject({ requests: 4, retries: 3 });
    expect(sim.stats().requests).toBe(4);
  });

  it('on pushes, half after the work is done: retrying with the same key still does it exactly once', async () => {
    sim.setFaults({ errorRate: 0.5 });
    const client = clientFor(sim, { maxRetries: 12 });
    const before = sim.currentRecords('transfers').length;
    const created = [];
    for (const member of movableMembers.slice(0, 12)) {
      created.push(
        await client.createTransfer({ memberId: member.id, kind: 'PAPER', toOrganizationName: '河南省某科研院所党委', reason: '工作调动' }, randomUUID()),
      );
    }
    expect(new Set(created.map((t) => t.id)).size).toBe(12);
    expect(sim.currentRecords('transfers')).toHaveLength(before + 12);
    const outcomes = sim.pushes().map((p) => p.outcome);
    expect(outcomes).toContain('FAILED_AFTER');
    expect(outcomes).toContain('FAILED_BEFORE');
    // A key whose first answer was lost is answered from the record of the first time.
    expect(outcomes).toContain('REPLAYED');
    const firstTimes = sim.pushes().filter((p) => p.firstTime);
    expect(firstTimes).toHaveLength(12);
    expect(new Set(firstTimes.map((p) => p.idempotencyKey)).size).toBe(12);
  });
});

describe('latency and timeouts', () => {
  it('times out slow answers, retrying them, and reports TIMEOUT', async () => {
    sim.setFaults({ latencyMs: 300 });
    const client = clientFor(sim, { timeoutMs: 50, maxRetries: 2 });
    await expect(client.changes('organizations')).rejects.toMatchObject({ code: 'TIMEOUT', status: 0, retryable: true });
    expect(client.stats.requests).toBe(3);
  });

  it('never has more requests in flight than the client’s concurrency', async () => {
    sim.setFaults({ latencyMs: 40 });
    const client = clientFor(sim, { concurrency: 3 });
    await Promise.all(demo.transfers.slice(0, 12).map((t) => client.getTransfer(t.id)));
    expect(client.stats.maxInFlight).toBe(3);
    expect(sim.stats().maxConcurrent).toBe(3);
    expect(sim.stats().requests).toBe(12);
  });
});

describe('rate limiting', () => {
  it('injected 429s are waited out for exactly Retry-After seconds', async () => {
    sim.setFaults({ rateLimitRate: 1, retryAfterSeconds: 1 });
    const retries: RetryInfo[] = [];
    const client = clientFor(sim, {
      onRetry: (info) => {
        retries.push(info);
        sim.clearFaults();
      },
    });
    const started = Date.now();
    const page = await client.changes('organizations', { limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(retries).toEqual([{ attempt: 1, status: 429, delayMs: 1000, error: expect.stringContaining('RATE_LIMITED') }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('the token bucket answers 429 with Retry-After once the burst is spent', async () => {
    const limited = await startTestSimulator({ rateLimit: { perSecond: 2, burst: 3 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push(await call(limited, '/v1/changes/organizations?limit=1'));
      expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 429]);
      expect(statuses[3].headers.get('retry-after')).toBe('1');
      expect(statuses[3].json).toMatchObject({ error: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
      // Admin endpoints are not limited.
      expect((await call(limited, '/admin/state/organizations')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('cut connections', () => {
  it('leave a truncated answer the client retries', async () => {
    sim.setFaults({ cutConnectionRate: 1 });
    await expect(
      fetch(`${sim.url}/v1/changes/organizations`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.json()),
    ).rejects.toThrow();
    sim.setFaults({ cutConnectionRate: 0.4 });
    const retries: RetryInfo[] = [];
    const client = clientFor(sim, { maxRetries: 12, onRetry: (info) => retries.push(info) });
    const feed = await readFeed(client, 'organizations', null, 10);
    expect(feed.items.map((item) => item.id)).toEqual(demo.organizations.map((o) => o.id));
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => r.error.startsWith('NETWORK'))).toBe(true);
  });

  it('after a push was done still give exactly one transfer', async () => {
    sim.setFaults({ cutConnectionRate: 0.5 });
    const client = clientFor(sim, { maxRetries: 12 });
    const before = sim.currentRecords('transfers').length;
    for (const member of movableMembers.slice(20, 28)) {
      await client.createTransfer({ memberId: member.id, kind: 'WITHIN_SYSTEM', toOrganizationName: '某社区党委', reason: '迁居' }, randomUUID());
    }
    expect(sim.currentRecords('transfers')).toHaveLength(before + 8);
    expect(sim.pushes().some((p) => p.outcome === 'CUT')).toBe(true);
  });
});

describe('malformed records', () => {
  it('are quarantined with their reason while the real records arrive', async () => {
    sim.setFaults({ malformedRate: 0.3 });
    const client = clientFor(sim);
    const feed = await readFeed(client, 'members', null, 500);
    expect(latestById(feed.items).size).toBe(demo.members.length);
    expect(feed.quarantined.length).toBeGreaterThan(100);
    const codes = new Set(feed.quarantined.map((q) => /\(([A-Z_]+)\)/.exec(q.reason)![1]));
    expect(codes).toEqual(new Set(['MISSING_ID', 'UNKNOWN_ENUM_VALUE', 'INVALID_DATE', 'ID_CARD_CHECK_DIGIT']));
    expect(feed.quarantined.find((q) => q.reason.includes('ID_CARD_CHECK_DIGIT'))!.reason).toBe('身份证号校验位错误 (ID_CARD_CHECK_DIGIT)');
    expect(feed.quarantined.some((q) => q.id === null)).toBe(true);
    const snapshot = await client.snapshot('organizations', { limit: 1000 });
    expect(snapshot.items).toHaveLength(demo.organizations.length);
    expect(snapshot.quarantined.length).toBeGreaterThan(0);
  });
});

describe('at-least-once, roughly ordered delivery', () => {
  it('duplicates items within and across pages; applying by version gives the right state', async () => {
    sim.setFaults({ duplicateRate: 0.3 });
    const client = clientFor(sim);
    const feed = await readFeed(client, 'members', null, 100);
    expect(feed.items.length).toBeGreaterThan(demo.members.length);
    const latest = latestById(feed.items);
    expect(latest.size).toBe(demo.members.length);
    const seen = new Set<string>();
    let acrossPages = 0;
    let cursor: string | null = null;
    for (;;) {
      const page: ChangesPage<unknown> = await client.changes('members', { cursor, limit: 100 });
      const ids = new Set(page.items.map((item) => (item as { id: string }).id));
      for (const id of ids) if (seen.has(id)) acrossPages++;
      for (const id of ids) seen.add(id);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(acrossPages).toBeGreaterThan(0);
  });

  it('sends older versions after newer ones; applying only newer versions ends at the newest', async () => {
    const client = clientFor(sim);
    const { cursor } = await readFeed(client, 'members', null, 1000);
    const changed = demo.members.slice(100, 140);
    for (const member of changed) {
      sim.upsertRecord('members', { id: member.id, phone: '13600000001' });
      sim.upsertRecord('members', { id: member.id, phone: '13600000002' });
    }
    sim.setFaults({ reorderRate: 0.5 });
    const feed = await readFeed(client, 'members', cursor, 20);
    const stale = feed.items.filter((item, i) => feed.items.slice(0, i).some((before) => before.id === item.id && (before.version as number) > (item.version as number)));
    expect(stale.length).toBeGreaterThan(0);
    const latest = latestById(feed.items);
    expect([...latest.values()].every((item) => item.version === 3 && item.phone === '13600000002')).toBe(true);
    expect(latest.size).toBe(changed.length);
  });
});

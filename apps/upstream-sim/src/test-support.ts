import { type ChangesPage, type SnapshotPage, UpstreamClient, type UpstreamClientOptions, type UpstreamCollection } from '@dangjian/upstream-client';
import { startSimulator, type Simulator, type SimulatorOptions } from './server.js';

export const TOKEN = 'test-upstream-token';
/** The demo's day: its letters about to expire and overdue receipts hold on it. */
export const TODAY = '2026-11-26';

/** A wall clock the test moves by hand, for retention windows without waiting. */
export function manualClock(start = Date.parse('2026-11-26T02:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ token: TOKEN, rateLimit: false, today: TODAY, ...options });
}

export function clientFor(simulator: Simulator, options: Partial<UpstreamClientOptions> = {}): UpstreamClient {
  return new UpstreamClient({ baseUrl: simulator.url, token: TOKEN, retryBaseMs: 5, maxRetryDelayMs: 50, ...options });
}

/** A raw request with the test token, for what the typed client deliberately hides. */
export async function call(
  simulator: Simulator,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string } = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(simulator.url + path, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${init.token ?? TOKEN}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Follows a change feed to its end; returns every item in order and the resume cursor. */
export async function readFeed(client: UpstreamClient, collection: UpstreamCollection, cursor: string | null = null, limit = 200) {
  const items: Array<Record<string, unknown>> = [];
  const quarantined: Array<{ id: string | null; reason: string }> = [];
  let pages = 0;
  for (;;) {
    const page: ChangesPage<unknown> = await client.changes(collection, { cursor, limit });
    pages++;
    items.push(...(page.items as unknown as Array<Record<string, unknown>>));
    quarantined.push(...page.quarantined);
    cursor = page.nextCursor;
    if (!page.hasMore) return { items, quarantined, cursor, pages };
  }
}

/** Reads a whole snapshot; returns its records and the cursor the feed resumes from. */
export async function readSnapshot(client: UpstreamClient, collection: UpstreamCollection, limit = 200) {
  const items: Array<Record<string, unknown>> = [];
  let page: string | null = null;
  for (;;) {
    const answer: SnapshotPage<unknown> = await client.snapshot(collection, { page, limit });
    items.push(...(answer.items as unknown as Array<Record<string, unknown>>));
    if (!answer.hasMore) return { items, cursor: answer.cursor! };
    page = answer.nextPage;
  }
}

/** The newest version of each record, as a client applying "only if newer" ends up with. */
export function latestById(items: Array<Record<string, unknown>>): Map<string, Record<string, unknown>> {
  const latest = new Map<string, Record<string, unknown>>();
  for (const item of items) {
    const id = item.id as string;
    const known = latest.get(id);
    if (!known || (known.version as number) < (item.version as number)) latest.set(id, item);
  }
  return latest;
}

export function withoutVersion(view: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, updatedAt: _updatedAt, deleted: _deleted, ...record } = view;
  return record;
}

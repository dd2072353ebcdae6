import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Random } from '@dangjian/domain/demo';
import { decodeToken, encodeToken } from './cursor.js';
import { disturbFeedPage, type Faults, malformedCopy, parseFaults } from './faults.js';
import { type Collection, isCollection, type FarSideAction, type Population, SimError, UpstreamWorld } from './world.js';

export interface SimulatorOptions {
  token: string;
  population?: Population;
  /** How long tombstones and cursors stay valid (real time); default 72 hours. */
  retentionMs?: number;
  /** Per bearer token; default 20/s with a burst of 40. Tests pass false. */
  rateLimit?: { perSecond: number; burst: number } | false;
  /** The business day the simulator starts on; default today in Asia/Shanghai. */
  today?: string;
  /** Seed of the fault dice, so that a failing run can be repeated. */
  seed?: number;
  /** Real time for retention and rate limits (milliseconds); tests pass a clock they move. */
  wallClock?: () => number;
}

export interface PushRecord {
  idempotencyKey: string;
  path: string;
  body: unknown;
  /** The HTTP status sent (or that would have been, when the connection was cut). */
  status: number;
  /**
   * PROCESSED: answered; REPLAYED: answered from the record of an earlier request with this key;
   * FAILED_BEFORE / FAILED_AFTER: an injected 5xx before or after the work (the answer lost);
   * CUT: the answer cut off; REJECTED: refused before the key was looked at (no key, rate limit).
   */
  outcome: 'PROCESSED' | 'REPLAYED' | 'FAILED_BEFORE' | 'FAILED_AFTER' | 'CUT' | 'REJECTED';
  /** True for the one request per key that did the work. */
  firstTime: boolean;
}

export interface Simulator {
  url: string;
  port: number;
  close(): Promise<void>;
  setFaults(faults: Faults): void;
  clearFaults(): void;
  /** Every cursor issued so far answers 410 CURSOR_EXPIRED. */
  expireCursors(): void;
  /** Current (non-deleted) records with their version. */
  currentRecords(collection: Collection): Array<Record<string, unknown>>;
  /** Changes a record as upstream would: version + 1, updatedAt now, at the end of the feed. */
  upsertRecord(collection: Collection, record: Record<string, unknown>): Record<string, unknown>;
  /** Deletes a record: a tombstone in the feed. */
  deleteRecord(collection: Collection, id: string): void;
  /** The organisation on the other side of the transfer acts. */
  farSide(transferId: string, action: FarSideAction, note?: string): Record<string, unknown>;
  /** Moves the business clock; IN_TRANSIT letters past validity become EXPIRED. */
  advanceClock(days: number): void;
  /** The simulator's business day. */
  today(): string;
  /** Every push received, in order, for "exactly once" tests. */
  pushes(): PushRecord[];
  stats(): { requests: number; maxConcurrent: number };
}

const DEFAULT_RETENTION_MS = 72 * 3_600_000;
const DEFAULT_PAGE = 500;
const MAX_PAGE = 1000;
const MAX_BODY_BYTES = 1_000_000;

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** null when a request may go; otherwise the seconds until one may. */
  take(): number | null {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }
}

/** JSON with keys sorted, so that the same body in another key order is the same body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function errorBody(error: SimError) {
  return { error: error.code, message: error.message, details: error.details };
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SimError(400, 'VALIDATION_FAILED', '请求体过大'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new SimError(400, 'VALIDATION_FAILED', '请求体不是有效的 JSON'));
      }
    });
  });
}

function send(res: ServerResponse, status: number, payload: unknown, options: { headers?: Record<string, string>; cut?: boolean } = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = payload === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(payload), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(body.length),
    ...options.headers,
  });
  if (options.cut && body.length > 1) {
    // Half the promised bytes, then the connection drops: a truncated JSON answer.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseLimit(value: string | null): number {
  if (value === null) return DEFAULT_PAGE;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_PAGE) {
    throw new SimError(400, 'VALIDATION_FAILED', `limit 必须是 1 到 ${MAX_PAGE} 之间的整数`, { fields: ['limit'] });
  }
  return limit;
}

/**
 * Starts the upstream simulator: a real HTTP server (node:http) speaking docs/upstream-api.md,
 * with admin endpoints and fault injection for tests and for trying the platform by hand.
 */
export async function startSimulator(options: SimulatorOptions & { port?: number; host?: string }): Promise<Simulator> {
  if (!options.token) throw new RangeError('the simulator needs a bearer token');
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const now = options.wallClock ?? Date.now;
  const world = new UpstreamWorld({ population: options.population, retentionMs, today: options.today, wallClock: now });
  const instance = randomUUID().slice(0, 8);
  const random = new Random(options.seed ?? 1);
  const rateLimit = options.rateLimit === undefined ? { perSecond: 20, burst: 40 } : options.rateLimit;
  const buckets = new Map<string, TokenBucket>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const pushLog: PushRecord[] = [];
  let faults: Faults = {};
  let cursorEpoch = 0;
  let requests = 0;
  let inFlight = 0;
  let maxConcurrent = 0;

  const expected = `Bearer ${options.token}`;

  const feedCursor = (collection: Collection, seq: number, issuedAtMs = now()) =>
    encodeToken({ kind: 'feed', collection, seq, issuedAtMs, epoch: cursorEpoch, instance });

  function collectionOf(name: string): Collection {
    if (!isCollection(name)) throw new SimError(404, 'NOT_FOUND', `没有 ${name} 这个数据集`, { collection: name });
    return name;
  }

  function changes(collection: Collection, url: URL) {
    const limit = parseLimit(url.searchParams.get('limit'));
    const store = world.stores[collection];
    let afterSeq = 0;
    const text = url.searchParams.get('cursor');
    if (text !== null && text !== '') {
      const token = decodeToken(text);
      if (!token || token.kind !== 'feed' || token.collection !== collection) {
        throw new SimError(400, 'VALIDATION_FAILED', 'cursor 无法识别', { fields: ['cursor'] });
      }
      if (token.instance !== instance || token.epoch < cursorEpoch || now() - token.issuedAtMs > retentionMs || token.seq > store.lastSeq) {
        throw new SimError(410, 'CURSOR_EXPIRED', 'cursor 已超过保留期，请重新全量同步', { collection });
      }
      afterSeq = token.seq;
    }
    world.sweepIfDayChanged();
    const page = store.changesSince(afterSeq, limit);
    const disturbed = disturbFeedPage(collection, page.items, store, faults, random);
    const nextSeq = disturbed.redeliverFromSeq ?? page.nextSeq;
    return { items: disturbed.items, nextCursor: feedCursor(collection, nextSeq), hasMore: page.hasMore || nextSeq < page.nextSeq };
  }

  function snapshot(collection: Collection, url: URL) {
    const limit = parseLimit(url.searchParams.get('limit'));
    const store = world.stores[collection];
    const text = url.searchParams.get('page');
    let asOfSeq: number;
    let position = 0;
    let startedAtMs: number;
    if (text !== null && text !== '') {
      const token = decodeToken(text);
      if (!token || token.kind !== 'snapshot' || token.collection !== collection) {
        throw new SimError(400, 'VALIDATION_FAILED', 'page 无法识别', { fields: ['page'] });
      }
      if (token.instance !== instance || now() - token.startedAtMs > retentionMs || token.asOfSeq > store.lastSeq) {
        throw new SimError(410, 'CURSOR_EXPIRED', '快照已过期，请从第一页重新读取', { collection });
      }
      ({ asOfSeq, position, startedAtMs } = token);
    } else {
      world.sweepIfDayChanged();
      asOfSeq = store.lastSeq;
      startedAtMs = now();
    }
    const page = store.snapshotPage(asOfSeq, position, limit);
    const items: Array<Record<string, unknown>> = [];
    for (const view of page.items) {
      if (faults.malformedRate && random.chance(faults.malformedRate)) items.push(malformedCopy(collection, view, random));
      items.push(view);
    }
    return {
      items,
      nextPage: page.done ? null : encodeToken({ kind: 'snapshot', collection, asOfSeq, position: page.nextPosition, startedAtMs, instance }),
      hasMore: !page.done,
      cursor: page.done ? feedCursor(collection, asOfSeq, startedAtMs) : null,
    };
  }

  /** A push, answered once per idempotency key: a repeat gets the first answer, another body 422. */
  function push(key: string, path: string, body: unknown, work: () => { status: number; body: unknown }) {
    const fingerprint = `${path}\n${canonical(body)}`;
    const previous = idempotency.get(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        return {
          replayed: false,
          firstTime: false,
          status: 422,
          body: errorBody(new SimError(422, 'IDEMPOTENCY_KEY_REUSED', '同一个 Idempotency-Key 已用于另一个请求', { idempotencyKey: key })),
        };
      }
      return { replayed: true, firstTime: false, status: previous.status, body: previous.body };
    }
    let answer: { status: number; body: unknown };
    try {
      answer = work();
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      answer = { status: error.status, body: errorBody(error) };
    }
    idempotency.set(key, { fingerprint, ...answer });
    return { replayed: false, firstTime: true, ...answer };
  }

  async function handleV1(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const body = method === 'POST' ? await readBody(req) : undefined;
    const isPush = method === 'POST' && segments[1] === 'transfers';
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : '';
    const logPush = (status: number, outcome: PushRecord['outcome'], firstTime = false) => {
      if (isPush) pushLog.push({ idempotencyKey: key, path: url.pathname, body, status, outcome, firstTime });
    };

    const latency = faults.latencyMs ?? 0;
    if (latency > 0) await sleep(latency);

    if (rateLimit) {
      let bucket = buckets.get(options.token);
      if (!bucket) buckets.set(options.token, (bucket = new TokenBucket(rateLimit.perSecond, rateLimit.burst, now)));
      const wait = bucket.take();
      if (wait !== null) {
        logPush(429, 'REJECTED');
        return send(res, 429, errorBody(new SimError(429, 'RATE_LIMITED', '请求过于频繁，请稍后再试', { retryAfterSeconds: wait })), {
          headers: { 'retry-after': String(wait) },
        });
      }
    }
    if (faults.rateLimitRate && random.chance(faults.rateLimitRate)) {
      const wait = faults.retryAfterSeconds ?? 1;
      logPush(429, 'REJECTED');
      return send(res, 429, errorBody(new SimError(429, 'RATE_LIMITED', '请求过于频繁，请稍后再试', { retryAfterSeconds: wait })), {
        headers: { 'retry-after': String(wait) },
      });
    }
    const fail = Boolean(faults.errorRate && random.chance(faults.errorRate));
    const cut = Boolean(faults.cutConnectionRate && random.chance(faults.cutConnectionRate));
    const failureStatus = random.pick([500, 502, 503]);
    const failure = errorBody(new SimError(failureStatus, 'UNAVAILABLE', '上级系统暂时不可用'));

    if (isPush) {
      if (!key || key.length > 255) {
        logPush(400, 'REJECTED');
        return send(res, 400, errorBody(new SimError(400, 'VALIDATION_FAILED', '推送必须带 Idempotency-Key 请求头', { fields: ['Idempotency-Key'] })));
      }
      // Half of the injected failures happen before the work, half after it (the answer is lost).
      if (fail && random.chance(0.5)) {
        logPush(failureStatus, 'FAILED_BEFORE');
        return send(res, failureStatus, failure);
      }
      let work: () => { status: number; body: unknown };
      if (segments.length === 2) work = () => ({ status: 201, body: world.createTransfer(body) });
      else if (segments.length === 4 && segments[3] === 'actions') work = () => ({ status: 200, body: world.act(segments[2], body, 'LOCAL') });
      else throw new SimError(404, 'NOT_FOUND', `没有这个接口: ${method} ${url.pathname}`);
      const answer = push(key, url.pathname, body, work);
      if (fail) {
        logPush(failureStatus, 'FAILED_AFTER', answer.firstTime);
        return send(res, failureStatus, failure);
      }
      logPush(answer.status, cut ? 'CUT' : answer.replayed ? 'REPLAYED' : 'PROCESSED', answer.firstTime);
      return send(res, answer.status, answer.body, { cut });
    }

    if (fail) return send(res, failureStatus, failure);
    let payload: unknown;
    if (method === 'GET' && segments.length === 3 && segments[1] === 'changes') payload = changes(collectionOf(segments[2]), url);
    else if (method === 'GET' && segments.length === 3 && segments[1] === 'snapshot') payload = snapshot(collectionOf(segments[2]), url);
    else if (method === 'GET' && segments.length === 3 && segments[1] === 'transfers') payload = world.getTransfer(segments[2]);
    else throw new SimError(404, 'NOT_FOUND', `没有这个接口: ${method} ${url.pathname}`);
    send(res, 200, payload, { cut });
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const body = method === 'POST' || method === 'PUT' ? await readBody(req) : undefined;
    const route = `${method} ${segments.slice(1, 2).join('/')}`;
    const objectBody = (body ?? {}) as Record<string, unknown>;
    switch (route) {
      case 'POST faults':
        simulator.setFaults(body as Faults);
        return send(res, 200, { faults });
      case 'DELETE faults':
        simulator.clearFaults();
        return send(res, 200, { faults });
      case 'GET faults':
        return send(res, 200, { faults });
      case 'POST clock':
        world.advanceClock(objectBody.days as number);
        return send(res, 200, { today: world.clock.today() });
      case 'GET clock':
        return send(res, 200, { today: world.clock.today() });
      case 'POST expire-cursors':
        simulator.expireCursors();
        return send(res, 200, { expired: true });
      case 'POST transfers':
        if (segments.length === 4 && segments[3] === 'far-side') {
          return send(res, 200, world.farSide(segments[2], String(objectBody.action ?? ''), (objectBody.note as string | null | undefined) ?? null));
        }
        break;
      case 'GET state':
        if (segments.length === 3) {
          const items = simulator.currentRecords(collectionOf(segments[2]));
          return send(res, 200, { items, count: items.length });
        }
        break;
      case 'PUT records':
        if (segments.length === 3) return send(res, 200, world.upsert(collectionOf(segments[2]), body));
        break;
      case 'DELETE records':
        if (segments.length === 4) return send(res, 200, world.remove(collectionOf(segments[2]), segments[3]));
        break;
      case 'GET pushes':
        return send(res, 200, { items: pushLog });
      case 'GET stats':
        return send(res, 200, simulator.stats());
    }
    throw new SimError(404, 'NOT_FOUND', `没有这个接口: ${method} ${url.pathname}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://upstream-sim');
    if (url.pathname === '/healthz') return send(res, 200, { status: 'ok', today: world.clock.today() });
    const v1 = url.pathname.startsWith('/v1/');
    if (v1) {
      requests++;
      inFlight++;
      maxConcurrent = Math.max(maxConcurrent, inFlight);
      res.once('close', () => inFlight--);
    }
    if (req.headers.authorization !== expected) {
      return send(res, 401, errorBody(new SimError(401, 'UNAUTHORIZED', '访问令牌无效')));
    }
    if (v1) return handleV1(req, res, url);
    if (url.pathname.startsWith('/admin/')) return handleAdmin(req, res, url);
    throw new SimError(404, 'NOT_FOUND', `没有这个接口: ${req.method} ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof SimError) return send(res, error.status, errorBody(error));
      if (error instanceof RangeError) return send(res, 400, errorBody(new SimError(400, 'VALIDATION_FAILED', error.message)));
      console.error('upstream-sim: unexpected error', error);
      send(res, 500, { error: 'UNAVAILABLE', message: '模拟器内部错误', details: {} });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  const simulator: Simulator = {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    setFaults: (next) => {
      faults = parseFaults(next);
    },
    clearFaults: () => {
      faults = {};
    },
    expireCursors: () => {
      cursorEpoch++;
    },
    currentRecords: (collection) => [...world.stores[collectionOf(collection)].current()],
    upsertRecord: (collection, record) => world.upsert(collectionOf(collection), record),
    deleteRecord: (collection, id) => {
      world.remove(collectionOf(collection), id);
    },
    farSide: (transferId, action, note) => world.farSide(transferId, action, note ?? null),
    advanceClock: (days) => world.advanceClock(days),
    today: () => world.clock.today(),
    pushes: () => pushLog.map((entry) => ({ ...entry })),
    stats: () => ({ requests, maxConcurrent }),
  };
  return simulator;
}


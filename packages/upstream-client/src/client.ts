import { codeForStatus, isRetryableStatus, UPSTREAM_ERROR_CODES, UpstreamError, type UpstreamErrorCode } from './errors.js';
import type {
  ChangesPage,
  QuarantineEntry,
  RecordOf,
  SnapshotPage,
  UpstreamCollection,
  UpstreamTombstone,
  UpstreamTransfer,
  UpstreamTransferAction,
  UpstreamTransferKind,
} from './records.js';
import { backoffDelay, retryAfterMs, Semaphore, sleep } from './timing.js';
import { validateRecord, validateTransfer } from './validate.js';

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  status?: number;
  delayMs: number;
  error: string;
}

export interface UpstreamClientOptions {
  baseUrl: string;
  token: string;
  /** Requests in flight at once (UPSTREAM_CONCURRENCY). */
  concurrency?: number;
  /** Per request, answer body included. */
  timeoutMs?: number;
  /** Retries of transient failures (5xx, timeouts, resets, cut answers) before giving up. */
  maxRetries?: number;
  retryBaseMs?: number;
  maxRetryDelayMs?: number;
  /** Waits for 429 are counted apart from maxRetries: the server said how long to wait. */
  maxRateLimitWaits?: number;
  onRetry?: (info: RetryInfo) => void;
}

export interface CreateTransferBody {
  memberId: string;
  kind: UpstreamTransferKind | string;
  toOrganizationId?: string | null;
  toOrganizationName: string;
  reason: string;
}

export interface TransferActionBody {
  action: UpstreamTransferAction | string;
  note?: string | null;
  letterValidDays?: number | null;
  letterNumber?: string | null;
}

interface RequestOptions {
  query?: Record<string, string | number | null | undefined>;
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

interface Answer {
  status: number;
  json: unknown;
}

const COLLECTIONS = new Set(['organizations', 'members', 'transfers']);

function isKnownCode(code: string): code is UpstreamErrorCode {
  return (UPSTREAM_ERROR_CODES as readonly string[]).includes(code);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

/**
 * The upstream contract (docs/upstream-api.md) as typed calls. Every call carries the bearer
 * token and a timeout; no more than `concurrency` are in flight; transient failures are retried
 * with exponential backoff and full jitter, a 429 after exactly its Retry-After; every other
 * failure surfaces at once as an UpstreamError. Records are validated: contract breaches come back
 * in `quarantined` and the rest of the page goes on.
 */
export class UpstreamClient {
  readonly stats = { requests: 0, retries: 0, maxInFlight: 0 };

  private readonly baseUrl: string;
  private readonly semaphore: Semaphore;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxRateLimitWaits: number;
  private inFlight = 0;

  constructor(private readonly options: UpstreamClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.semaphore = new Semaphore(options.concurrency ?? 4);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxRetries = options.maxRetries ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 200;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? 20;
  }

  /** One page of a change feed from `cursor` (none: the start of the feed). */
  async changes<C extends UpstreamCollection>(
    collection: C,
    params: { cursor?: string | null; limit?: number; signal?: AbortSignal } = {},
  ): Promise<ChangesPage<RecordOf<C>>> {
    this.checkCollection(collection);
    const { json } = await this.request('GET', `/v1/changes/${collection}`, {
      query: { cursor: params.cursor ?? undefined, limit: params.limit },
      signal: params.signal,
    });
    const body = json as { items: unknown[]; nextCursor: string; hasMore: boolean };
    const items: Array<RecordOf<C> | UpstreamTombstone> = [];
    const quarantined: QuarantineEntry[] = [];
    for (const raw of body.items) {
      const result = validateRecord(collection, raw);
      if (result.ok) items.push(result.record);
      else quarantined.push(result.entry);
    }
    return { items, quarantined, nextCursor: body.nextCursor, hasMore: body.hasMore };
  }

  /** One page of a consistent snapshot of the current records (no tombstones). */
  async snapshot<C extends UpstreamCollection>(
    collection: C,
    params: { page?: string | null; limit?: number; signal?: AbortSignal } = {},
  ): Promise<SnapshotPage<RecordOf<C>>> {
    this.checkCollection(collection);
    const { json } = await this.request('GET', `/v1/snapshot/${collection}`, {
      query: { page: params.page ?? undefined, limit: params.limit },
      signal: params.signal,
    });
    const body = json as { items: unknown[]; nextPage?: string | null; hasMore: boolean; cursor?: string | null };
    const items: Array<RecordOf<C>> = [];
    const quarantined: QuarantineEntry[] = [];
    for (const raw of body.items) {
      const result = validateRecord(collection, raw, { allowTombstone: false });
      if (result.ok) items.push(result.record as RecordOf<C>);
      else quarantined.push(result.entry);
    }
    return { items, quarantined, nextPage: body.nextPage ?? null, hasMore: body.hasMore, cursor: body.cursor ?? null };
  }

  /** Starts an outgoing transfer; the same key on a repeat returns the first answer. */
  async createTransfer(body: CreateTransferBody, idempotencyKey: string): Promise<UpstreamTransfer> {
    const { json } = await this.request('POST', '/v1/transfers', { body, idempotencyKey });
    return this.transferFrom(json);
  }

  async actOnTransfer(id: string, body: TransferActionBody, idempotencyKey: string): Promise<UpstreamTransfer> {
    const { json } = await this.request('POST', `/v1/transfers/${encodeURIComponent(id)}/actions`, { body, idempotencyKey });
    return this.transferFrom(json);
  }

  /** The transfer as upstream has it now (after a 409, to see what happened). */
  async getTransfer(id: string, params: { signal?: AbortSignal } = {}): Promise<UpstreamTransfer> {
    const { json } = await this.request('GET', `/v1/transfers/${encodeURIComponent(id)}`, { signal: params.signal });
    return this.transferFrom(json);
  }

  private checkCollection(collection: string): void {
    if (!COLLECTIONS.has(collection)) throw new RangeError(`unknown upstream collection "${collection}"`);
  }

  private transferFrom(json: unknown): UpstreamTransfer {
    const result = validateTransfer(json);
    if (!result.ok) {
      throw new UpstreamError(200, 'VALIDATION_FAILED', `上级系统返回的转接记录不符合约定: ${result.entry.reason}`, {
        reason: result.entry.reason,
      });
    }
    return result.record;
  }

  private async request(method: 'GET' | 'POST', path: string, options: RequestOptions): Promise<Answer> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    let retries = 0;
    let rateLimitWaits = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const release = await this.semaphore.acquire(options.signal);
      this.inFlight++;
      this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight);
      let outcome: { answer: Answer } | { error: UpstreamError; retryAfter: number | null };
      try {
        outcome = await this.attempt(method, url, options);
      } finally {
        this.inFlight--;
        release();
      }
      if ('answer' in outcome) return outcome.answer;

      const { error } = outcome;
      let delayMs: number;
      if (error.code === 'RATE_LIMITED' && rateLimitWaits < this.maxRateLimitWaits) {
        rateLimitWaits++;
        delayMs = outcome.retryAfter ?? backoffDelay(rateLimitWaits, this.retryBaseMs, this.maxRetryDelayMs);
      } else if (error.retryable && error.code !== 'RATE_LIMITED' && retries < this.maxRetries) {
        delayMs = backoffDelay(retries, this.retryBaseMs, this.maxRetryDelayMs);
        retries++;
      } else {
        throw error;
      }
      this.stats.retries++;
      this.options.onRetry?.({
        attempt: retries + rateLimitWaits,
        status: error.status || undefined,
        delayMs,
        error: `${error.code}: ${error.message}`,
      });
      await sleep(delayMs, options.signal);
    }
  }

  /** One HTTP exchange, answer body read in full under the same timeout. */
  private async attempt(
    method: string,
    url: URL,
    options: RequestOptions,
  ): Promise<{ answer: Answer } | { error: UpstreamError; retryAfter: number | null }> {
    this.stats.requests++;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;

    let status = 0;
    let text: string;
    let retryAfterHeader: string | null = null;
    try {
      const response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
      });
      status = response.status;
      retryAfterHeader = response.headers.get('retry-after');
      text = await response.text();
    } catch (error) {
      // The caller's own abort is not a failure to retry.
      if (options.signal?.aborted) throw options.signal.reason;
      if (timeout.aborted) {
        return { error: new UpstreamError(status, 'TIMEOUT', `上级系统在 ${this.timeoutMs} ms 内未应答 (TIMEOUT)`, {}, true), retryAfter: null };
      }
      return {
        error: new UpstreamError(status, 'NETWORK', `与上级系统的连接中断 (NETWORK): ${describeError(error)}`, {}, true),
        retryAfter: null,
      };
    }

    let json: unknown;
    let parsed = true;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = false;
    }

    if (status >= 200 && status < 300) {
      if (!parsed || !this.wellFormed(url.pathname, json)) {
        // A cut or garbled answer is transient: the next try usually reads it whole.
        return {
          error: new UpstreamError(status, 'NETWORK', '上级系统的应答不完整或不是约定的 JSON (NETWORK)', { length: text.length }, true),
          retryAfter: null,
        };
      }
      return { answer: { status, json } };
    }

    const body = parsed && json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
    const declared = typeof body.error === 'string' ? body.error : null;
    const code = declared && isKnownCode(declared) ? declared : codeForStatus(status);
    const message = typeof body.message === 'string' ? body.message : `上级系统返回 HTTP ${status}`;
    const details = body.details && typeof body.details === 'object' ? (body.details as Record<string, unknown>) : {};
    return {
      error: new UpstreamError(status, code, message, details, isRetryableStatus(status)),
      retryAfter: status === 429 ? retryAfterMs(retryAfterHeader) : null,
    };
  }

  /** The envelope of a feed or snapshot page; a transfer answer is checked by its own validation. */
  private wellFormed(pathname: string, json: unknown): boolean {
    if (json === null || typeof json !== 'object') return false;
    const body = json as Record<string, unknown>;
    if (pathname.includes('/v1/changes/')) {
      return Array.isArray(body.items) && typeof body.nextCursor === 'string' && typeof body.hasMore === 'boolean';
    }
    if (pathname.includes('/v1/snapshot/')) return Array.isArray(body.items) && typeof body.hasMore === 'boolean';
    return true;
  }
}

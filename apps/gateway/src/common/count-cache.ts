import { Injectable } from '@nestjs/common';
import type { CountCache } from '@dangjian/domain';
import { Kind, type OperationDefinitionNode } from 'graphql';

/**
 * Totals below this are always counted afresh (cheap, and a person may be watching them change);
 * larger ones are remembered for `TTL_MS`. Deciding by size rather than by the time the statement
 * took keeps the behaviour the same on a busy server and an idle one.
 */
const LARGE_COUNT = 5_000;
const TTL_MS = 3_000;
/**
 * When a remembered value runs out, one request works it out again; the requests arriving
 * meanwhile keep getting the last value for up to this long, rather than all recounting at once
 * (at 300 requests a second, a 20 ms count would otherwise run a handful of times in parallel).
 */
const REFRESH_GRACE_MS = 1_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  value: unknown;
  until: number;
  /** When one caller set out to work the value out again (0: nobody is). */
  refreshingSince: number;
}

/**
 * The totals of large lists and the figures of the overview, remembered for three seconds by this
 * gateway process: counting a million members on every page request would cost more than the
 * page itself. Small lists stay exact; any mutation through this gateway forgets everything at
 * once, so a person never sees a total that ignores their own change. (Changes by the nightly
 * sync or another gateway show within seconds: at most `TTL_MS + REFRESH_GRACE_MS`.)
 */
@Injectable()
export class TtlCountCache implements CountCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<unknown>>();
  /** Bumped by `clear`: a computation that started before a mutation must not be remembered after it. */
  private generation = 0;

  get(key: string): number | undefined {
    const value = this.fresh(key, Date.now());
    return typeof value === 'number' ? value : undefined;
  }

  offer(key: string, count: number): void {
    if (count < LARGE_COUNT) {
      this.entries.delete(key);
      return;
    }
    this.store(key, count);
  }

  /**
   * The value under `key`, worked out by `compute` at most once per `TTL_MS`, for results that
   * sum up the whole scope (the overview). Concurrent callers share one computation; once the value
   * has run out, callers within the grace get the last one while the next is worked out behind
   * them, so that no request waits for a recount a dashboard in constant use keeps asking for.
   */
  async remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.until >= now) return entry.value as T;
    const running = this.pending.get(key) as Promise<T> | undefined;
    if (entry && now - entry.until <= REFRESH_GRACE_MS) {
      // A failed refresh leaves the last value in place until the grace ends; then a caller waits for a new one.
      if (!running) this.start(key, compute).catch(() => undefined);
      return entry.value as T;
    }
    return running ?? this.start(key, compute);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.pending.clear();
  }

  private start<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const generation = this.generation;
    const settle = () => {
      if (this.pending.get(key) === work) this.pending.delete(key);
    };
    const work: Promise<T> = compute().then(
      (value) => {
        settle();
        if (generation === this.generation) this.store(key, value);
        return value;
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
    this.pending.set(key, work);
    return work;
  }

  /** The remembered value if still good, or undefined when this caller should work it out. */
  private fresh(key: string, now: number): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until >= now) return entry.value;
    const recentlyExpired = now - entry.until <= REFRESH_GRACE_MS;
    const someoneRefreshing = entry.refreshingSince > 0 && now - entry.refreshingSince <= REFRESH_GRACE_MS;
    if (recentlyExpired && someoneRefreshing) return entry.value;
    if (!recentlyExpired) {
      this.entries.delete(key);
      return undefined;
    }
    entry.refreshingSince = now;
    return undefined;
  }

  private store(key: string, value: unknown): void {
    if (!this.entries.has(key) && this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until: Date.now() + TTL_MS, refreshingSince: 0 });
  }
}

/**
 * Mutations that change no figure a list or the overview counts: signing in and out, renewing a
 * session, changing one's password. They are the commonest mutations of all, and forgetting every
 * total on each would have the overview worked out again on nearly every request of a busy morning.
 */
const SESSION_MUTATIONS: ReadonlySet<string> = new Set(['login', 'refreshToken', 'logout', 'changePassword']);

/** Whether a mutation may change a total: it has a root field other than the session ones. */
export function mayChangeTotals(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some(
    (selection) => selection.kind !== Kind.FIELD || !SESSION_MUTATIONS.has(selection.name.value),
  );
}

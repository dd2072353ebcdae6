import { Injectable } from '@nestjs/common';
import type { CountCache } from '@dangjian/domain';

/**
 * Totals below this are always counted afresh (cheap, and a person may be watching them change);
 * larger ones are remembered for `TTL_MS`. Deciding by size rather than by the time the statement
 * took keeps the behaviour the same on a busy server and an idle one.
 */
const LARGE_COUNT = 5_000;
const TTL_MS = 3_000;
const MAX_ENTRIES = 2_000;

/**
 * The totals of large lists, remembered for three seconds by this gateway process: counting a
 * million members on every page request would cost more than the page itself. Small lists stay
 * exact; any mutation through this gateway forgets everything at once, so a person
 * never sees a total that ignores their own change. (Changes by the nightly sync show within
 * seconds.)
 */
@Injectable()
export class TtlCountCache implements CountCache {
  private readonly entries = new Map<string, { count: number; until: number }>();

  get(key: string): number | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.count;
  }

  offer(key: string, count: number): void {
    if (count < LARGE_COUNT) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { count, until: Date.now() + TTL_MS });
  }

  clear(): void {
    this.entries.clear();
  }
}

const DAY_MS = 86_400_000;
/** China has one time zone and no daylight saving: Asia/Shanghai is always UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && addDays(value, 0) === value;
}

/**
 * The simulator's business clock: real time shifted by whole days, so that a test can move
 * "today" forward and see letters expire. Retention of cursors and tombstones uses real time.
 */
export class SimClock {
  private offsetMs: number;

  constructor(today?: string) {
    if (today !== undefined && !isDay(today)) throw new RangeError(`today must be a day like 2026-11-26, not "${today}"`);
    const realToday = shanghaiDay(Date.now());
    this.offsetMs = today ? Date.parse(`${today}T00:00:00Z`) - Date.parse(`${realToday}T00:00:00Z`) : 0;
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today(): string {
    return shanghaiDay(this.nowMs());
  }

  /** Now as ISO 8601 with the +08:00 offset. */
  isoNow(): string {
    return `${new Date(this.nowMs() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
  }

  advance(days: number): void {
    this.offsetMs += days * DAY_MS;
  }
}

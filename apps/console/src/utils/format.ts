import { runtimeConfig } from '@/config/runtime';

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string): Record<string, string> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
}

/** "2024-05-01 14:03:09" in the platform's time zone (the server's), whatever the browser's; "—" when absent. */
export function formatDateTime(value: string | null | undefined, timeZone = runtimeConfig().timeZone): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = partsIn(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Today, 'YYYY-MM-DD', in the platform's time zone: the day rules about dates count in. */
export function todayIn(timeZone = runtimeConfig().timeZone, now: Date = new Date()): string {
  const p = partsIn(now, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Day dates are shown as the server sends them ('YYYY-MM-DD'): no time zone may shift them. */
export function formatDay(value: string | null | undefined): string {
  return value || '—';
}

/** A 0..1 fraction as a percentage with one decimal: 0.9630 → "96.3". */
export function percent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return (Math.round(ratio * 100 * 10 ** digits) / 10 ** digits).toFixed(digits);
}

/** One decimal, as reports give averages: 34.444 → "34.4". */
export function oneDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** Age in completed years on a day ('YYYY-MM-DD' strings, compared as calendar days). */
export function ageOn(birthDate: string, on: string): number | null {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  if (!birth || !day) return null;
  let age = Number(day[1]) - Number(birth[1]);
  if (`${day[2]}${day[3]}` < `${birth[2]}${birth[3]}`) age -= 1;
  return age;
}

/** Seconds between two instants, or up to now when the second is absent. */
export function durationSeconds(from: string | null, to: string | null, now = Date.now()): number | null {
  if (!from) return null;
  const start = new Date(from).getTime();
  const end = to ? new Date(to).getTime() : now;
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  return Math.max(0, Math.round((end - start) / 1000));
}

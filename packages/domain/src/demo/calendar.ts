/**
 * Day arithmetic for generating records in bulk: the same results as ../rules/dates.ts for valid
 * input, without its validation, because a million generated members call it ten times each.
 */
const DAY_MS = 86_400_000;
/** Formatted days by epoch day + OFFSET (1900…2150 fits), filled as they are asked for. */
const OFFSET = 25_567;
const texts: string[] = [];

function epochDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function dayText(epoch: number): string {
  const slot = epoch + OFFSET;
  let text = slot >= 0 && slot < 91_500 ? texts[slot] : undefined;
  if (text === undefined) {
    text = new Date(epoch * DAY_MS).toISOString().slice(0, 10);
    if (slot >= 0 && slot < 91_500) texts[slot] = text;
  }
  return text;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function addDays(date: string, days: number): string {
  return dayText(epochDay(date) + days);
}

/** A day the target month lacks falls back to its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

export function compareDays(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

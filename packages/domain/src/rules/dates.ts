import { DomainError } from '../errors/domain-error.js';

/**
 * A calendar day, 'YYYY-MM-DD', as stored in DATE columns. Rules work on days, never on instants,
 * so that a letter "valid until" a day means the same thing in every time zone and test.
 */
export type DayDate = string;
/** A calendar month, 'YYYY-MM' (e.g. 党费交至). */
export type MonthKey = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

interface DayParts {
  year: number;
  month: number; // 1..12
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function partsOf(value: unknown): DayParts | null {
  if (typeof value !== 'string') return null;
  const match = DAY_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format({ year, month, day }: DayParts): DayDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function requireParts(value: unknown, field = 'date'): DayParts {
  const parts = partsOf(value);
  if (parts) return parts;
  const shown = typeof value === 'string' ? `「${value}」` : '';
  throw DomainError.badInput([
    {
      field,
      reason: 'DATE_INVALID',
      message: `日期${shown}无效，应为真实存在的日期，格式为 YYYY-MM-DD`,
    },
  ]);
}

function epochDay(value: DayDate): number {
  const { year, month, day } = requireParts(value);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

function fromEpochDay(days: number): DayDate {
  const d = new Date(days * MS_PER_DAY);
  return format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** True for a real calendar day written 'YYYY-MM-DD' (2023-02-29 is not one). */
export function isDayDate(value: unknown): value is DayDate {
  return partsOf(value) !== null;
}

/**
 * Checks a day written by a person or another system. Throws BAD_USER_INPUT (reason DATE_INVALID)
 * for a wrong format or an impossible day such as 2023-02-29.
 */
export function parseDayDate(value: unknown, field = 'date'): DayDate {
  return format(requireParts(value, field));
}

export function addDays(date: DayDate, days: number): DayDate {
  return fromEpochDay(epochDay(date) + Math.trunc(days));
}

/**
 * Calendar months later (or earlier); a day that the target month lacks falls back to that
 * month's last day: 2024-01-31 + 1 month = 2024-02-29, 2024-02-29 + 12 months = 2025-02-28.
 */
export function addMonths(date: DayDate, months: number): DayDate {
  const { year, month, day } = requireParts(date);
  const index = year * 12 + (month - 1) + Math.trunc(months);
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Calendar years later; 29 February + 1 year is 28 February. */
export function addYears(date: DayDate, years: number): DayDate {
  return addMonths(date, Math.trunc(years) * 12);
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: DayDate, b: DayDate): number {
  return epochDay(b) - epochDay(a);
}

/** -1, 0 or 1, usable as a sort comparator. */
export function compareDays(a: DayDate, b: DayDate): -1 | 0 | 1 {
  const diff = daysBetween(b, a);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function minDay(a: DayDate, b: DayDate): DayDate {
  return compareDays(a, b) <= 0 ? a : b;
}

export function maxDay(a: DayDate, b: DayDate): DayDate {
  return compareDays(a, b) >= 0 ? a : b;
}

/**
 * Today's calendar day in a time zone. The subdistrict works on Beijing time whatever the
 * server's clock zone is, so "today" is never taken from the process's local zone.
 */
export function todayIn(timeZone = 'Asia/Shanghai', now: Date = new Date()): DayDate {
  const parts = dayFormatter(timeZone).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return format({ year: get('year'), month: get('month'), day: get('day') });
}

/**
 * One formatter per time zone: building an Intl.DateTimeFormat loads the zone's rules and costs
 * a hundred times more than using one, and "today" is asked for on nearly every request.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** 'YYYY-MM' of a day. */
export function monthOf(date: DayDate): MonthKey {
  const { year, month } = requireParts(date);
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

export function isMonthKey(value: unknown): value is MonthKey {
  if (typeof value !== 'string') return false;
  const match = MONTH_PATTERN.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  return Number(match[1]) >= 1 && month >= 1 && month <= 12;
}

/** First day of a 'YYYY-MM' month. */
export function firstDayOfMonth(month: MonthKey): DayDate {
  if (!isMonthKey(month)) {
    throw DomainError.badInput([{ field: 'month', reason: 'MONTH_INVALID', message: `月份「${month}」无效，格式应为 YYYY-MM` }]);
  }
  return `${month}-01`;
}

/** Last day of a 'YYYY-MM' month. */
export function lastDayOfMonth(month: MonthKey): DayDate {
  const first = requireParts(firstDayOfMonth(month));
  return format({ ...first, day: daysInMonth(first.year, first.month) });
}

/**
 * Whole years from `from` to `to` (an age, a Party standing). An anniversary counts once its
 * month and day are reached; someone born on 29 February completes a year on 1 March in a common
 * year, because their birthday never comes that year. 0 when `to` is before `from`.
 */
export function completedYears(from: DayDate, to: DayDate): number {
  const a = requireParts(from);
  const b = requireParts(to);
  let years = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.day < a.day)) years -= 1;
  return Math.max(0, years);
}

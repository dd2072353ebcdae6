import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import {
  addDays,
  addMonths,
  addYears,
  compareDays,
  daysBetween,
  daysInMonth,
  firstDayOfMonth,
  isDayDate,
  isLeapYear,
  isMonthKey,
  lastDayOfMonth,
  maxDay,
  minDay,
  monthOf,
  parseDayDate,
  todayIn,
} from './dates.js';

describe('day dates are YYYY-MM-DD strings of real calendar days', () => {
  it('accepts a real day and refuses formats and impossible days', () => {
    expect(isDayDate('2024-02-29')).toBe(true);
    expect(isDayDate('2023-02-29')).toBe(false);
    expect(isDayDate('2024-13-01')).toBe(false);
    expect(isDayDate('2024-04-31')).toBe(false);
    expect(isDayDate('2024-4-1')).toBe(false);
    expect(isDayDate('2024-04-01T00:00:00Z')).toBe(false);
    expect(isDayDate(20240401)).toBe(false);
    expect(isDayDate(null)).toBe(false);
  });

  it('knows leap years: 2000 is one, 1900 and 2100 are not', () => {
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2100)).toBe(false);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 12)).toBe(31);
  });

  it('parseDayDate refuses an impossible date like 2023-02-29 with BAD_USER_INPUT in Chinese', () => {
    expect(parseDayDate('2024-02-29')).toBe('2024-02-29');
    let caught: unknown;
    try {
      parseDayDate('2023-02-29', 'electedOn');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const error = caught as DomainError;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.reason).toBe('DATE_INVALID');
    expect(error.fields[0].field).toBe('electedOn');
    expect(error.message).toContain('2023-02-29');
    expect(error.message).toMatch(/日期/);
  });

  it('parseDayDate refuses a value that is not a string', () => {
    expect(() => parseDayDate(undefined)).toThrow(DomainError);
    expect(() => parseDayDate('2024/01/01')).toThrow(/YYYY-MM-DD/);
  });
});

describe('adding days, months and years', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', 0)).toBe('2024-01-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('adding a month to the 31st falls back to the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', 1)).toBe('2024-04-30');
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-15');
    expect(addMonths('2024-01-15', -1)).toBe('2023-12-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('29 February + 1 year is 28 February; + 4 years is 29 February again', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addYears('2023-06-30', 3)).toBe('2026-06-30');
  });

  it('refuses to compute from an impossible day', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(DomainError);
    expect(() => addMonths('nonsense', 1)).toThrow(DomainError);
  });
});

describe('comparing days', () => {
  it('daysBetween counts from a to b, negative when b is earlier', () => {
    expect(daysBetween('2024-01-01', '2024-01-31')).toBe(30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('compareDays sorts days and min/max pick them', () => {
    expect(compareDays('2024-01-01', '2024-01-02')).toBe(-1);
    expect(compareDays('2024-01-02', '2024-01-02')).toBe(0);
    expect(compareDays('2025-01-01', '2024-12-31')).toBe(1);
    expect(['2024-03-01', '2023-12-31', '2024-01-15'].sort(compareDays)).toEqual(['2023-12-31', '2024-01-15', '2024-03-01']);
    expect(minDay('2024-03-01', '2024-02-01')).toBe('2024-02-01');
    expect(maxDay('2024-03-01', '2024-02-01')).toBe('2024-03-01');
  });
});

describe('today and months', () => {
  it('todayIn uses Beijing time: 2024-12-31 16:30 UTC is already 2025-01-01 in Asia/Shanghai', () => {
    const now = new Date('2024-12-31T16:30:00Z');
    expect(todayIn('Asia/Shanghai', now)).toBe('2025-01-01');
    expect(todayIn('UTC', now)).toBe('2024-12-31');
    expect(todayIn(undefined, new Date('2024-06-01T15:59:59Z'))).toBe('2024-06-01');
    expect(todayIn(undefined, new Date('2024-06-01T16:00:00Z'))).toBe('2024-06-02');
  });

  it('todayIn defaults to now and gives a real day', () => {
    expect(isDayDate(todayIn())).toBe(true);
  });

  it('monthOf gives YYYY-MM; month keys give their first and last days', () => {
    expect(monthOf('2026-11-30')).toBe('2026-11');
    expect(isMonthKey('2026-11')).toBe(true);
    expect(isMonthKey('2026-13')).toBe(false);
    expect(isMonthKey('2026-1')).toBe(false);
    expect(firstDayOfMonth('2024-02')).toBe('2024-02-01');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2023-02')).toBe('2023-02-28');
    expect(lastDayOfMonth('2023-12')).toBe('2023-12-31');
    expect(() => firstDayOfMonth('2023-00')).toThrow(/月份/);
  });
});

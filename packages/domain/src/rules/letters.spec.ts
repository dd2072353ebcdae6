import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import {
  defaultLetterValidDays,
  isLetterExpired,
  isLetterExpiringWithin,
  letterDaysLeft,
  letterExpiresOn,
  validateLetterValidDays,
} from './letters.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

describe("the letter's validity is set when it is issued", () => {
  it('defaults to 30 days in the city and 90 days elsewhere', () => {
    expect(defaultLetterValidDays(true, DEFAULT_SETTINGS)).toBe(30);
    expect(defaultLetterValidDays(false, DEFAULT_SETTINGS)).toBe(90);
  });

  it('follows the district setting', () => {
    const settings = resolveSettings({ letterValidDaysInCity: 20, letterValidDaysElsewhere: 60 });
    expect(defaultLetterValidDays(true, settings)).toBe(20);
    expect(defaultLetterValidDays(false, settings)).toBe(60);
  });

  it('accepts 1 to 180 days and refuses more, zero, negatives and fractions', () => {
    expect(validateLetterValidDays(1, DEFAULT_SETTINGS)).toBe(1);
    expect(validateLetterValidDays(180, DEFAULT_SETTINGS)).toBe(180);
    for (const bad of [181, 0, -5, 30.5, Number.NaN]) {
      let error: unknown;
      try {
        validateLetterValidDays(bad, DEFAULT_SETTINGS);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).reason).toBe('LETTER_VALID_DAYS_RANGE');
      expect((error as DomainError).message).toContain('180');
    }
  });

  it('the maximum is a setting too', () => {
    expect(() => validateLetterValidDays(120, resolveSettings({ letterValidDaysMax: 100, letterValidDaysElsewhere: 90 }))).toThrow(/100/);
  });
});

describe('letter expiry', () => {
  it('the issue day is the first valid day: 30 days from 1 June last through 30 June', () => {
    expect(letterExpiresOn('2025-06-01', 30)).toBe('2025-06-30');
    expect(letterExpiresOn('2025-06-01', 1)).toBe('2025-06-01');
    expect(letterExpiresOn('2024-02-01', 90)).toBe('2024-04-30');
  });

  it('refuses a validity that is not a positive whole number of days', () => {
    expect(() => letterExpiresOn('2025-06-01', 0)).toThrow(DomainError);
  });

  it('a letter expiring today is still valid on its last day, and expired the day after', () => {
    expect(isLetterExpired('2025-06-30', '2025-06-30')).toBe(false);
    expect(isLetterExpired('2025-06-30', '2025-07-01')).toBe(true);
    expect(isLetterExpired('2025-06-30', '2025-06-01')).toBe(false);
    expect(letterDaysLeft('2025-06-30', '2025-06-30')).toBe(1);
    expect(letterDaysLeft('2025-06-30', '2025-07-01')).toBe(0);
    expect(letterDaysLeft('2025-06-30', '2025-06-01')).toBe(30);
  });

  it('a letter expiring within N days is flagged until its last day, not after', () => {
    expect(isLetterExpiringWithin('2025-06-30', '2025-06-30', 7)).toBe(true);
    expect(isLetterExpiringWithin('2025-06-30', '2025-06-23', 7)).toBe(true);
    expect(isLetterExpiringWithin('2025-06-30', '2025-06-22', 7)).toBe(false);
    expect(isLetterExpiringWithin('2025-06-30', '2025-07-01', 7)).toBe(false);
  });
});

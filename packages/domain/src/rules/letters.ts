import { DomainError } from '../errors/domain-error.js';
import { addDays, compareDays, daysBetween, type DayDate } from './dates.js';
import type { Settings } from './settings.js';

/**
 * 介绍信有效期: set when the letter is issued, by default by where the member goes (settings).
 * The issue day is the first valid day, so a letter of 30 days issued on 1 June is valid through
 * 30 June and expired on 1 July.
 */
export function defaultLetterValidDays(inCity: boolean, settings: Settings): number {
  return inCity ? settings.letterValidDaysInCity : settings.letterValidDaysElsewhere;
}

/** Accepts 1..letterValidDaysMax whole days; otherwise BAD_USER_INPUT (LETTER_VALID_DAYS_RANGE). */
export function validateLetterValidDays(days: number, settings: Settings): number {
  if (!Number.isInteger(days) || days < 1 || days > settings.letterValidDaysMax) {
    throw DomainError.badInput([
      {
        field: 'letterValidDays',
        reason: 'LETTER_VALID_DAYS_RANGE',
        message: `介绍信有效期应为 1 至 ${settings.letterValidDaysMax} 天的整数`,
      },
    ]);
  }
  return days;
}

/** The last day on which the letter is valid. */
export function letterExpiresOn(issuedOn: DayDate, validDays: number): DayDate {
  if (!Number.isInteger(validDays) || validDays < 1) {
    throw DomainError.badInput([
      { field: 'letterValidDays', reason: 'LETTER_VALID_DAYS_RANGE', message: '介绍信有效期应为正整数天' },
    ]);
  }
  return addDays(issuedOn, validDays - 1);
}

/** Still valid on its last day; expired from the day after. */
export function isLetterExpired(expiresOn: DayDate, today: DayDate): boolean {
  return compareDays(today, expiresOn) > 0;
}

/** Valid today and its last day is at most `days` days away (0: it expires today). */
export function isLetterExpiringWithin(expiresOn: DayDate, today: DayDate, days: number): boolean {
  const left = daysBetween(today, expiresOn);
  return left >= 0 && left <= days;
}

/** Days of validity left counting today, 0 once expired. */
export function letterDaysLeft(expiresOn: DayDate, today: DayDate): number {
  return Math.max(0, daysBetween(today, expiresOn) + 1);
}

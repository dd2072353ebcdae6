import type { OrganizationCategory } from '../entities/organization.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { addYears, compareDays, daysBetween, type DayDate } from './dates.js';
import type { Settings } from './settings.js';

/** A community organisation's committee serves `communityTermYears` (5), others `otherTermYears` (3). */
export function termYearsFor(category: OrganizationCategory, settings: Settings): number {
  return category === 'COMMUNITY' ? settings.communityTermYears : settings.otherTermYears;
}

/** Term end = election date + term (29 February + 5 years → 28 February). */
export function termEndsOn(electedOn: DayDate, termYears: number): DayDate {
  if (!Number.isInteger(termYears) || termYears < 1) {
    throw DomainError.badInput([{ field: 'termYears', reason: 'TERM_YEARS_INVALID', message: '任期年限应为正整数' }]);
  }
  return addYears(electedOn, termYears);
}

export type TermWarning = 'OK' | 'ENDING_SOON' | 'ENDED';

export const TERM_WARNING_LABELS: Record<TermWarning, string> = {
  OK: '任期内',
  ENDING_SOON: '即将到期',
  ENDED: '已到期',
};

/** ENDED from the end day on; ENDING_SOON within `termWarningDays` before it. */
export function termWarning(termEndsOnDay: DayDate, today: DayDate, settings: Settings): TermWarning {
  if (compareDays(today, termEndsOnDay) >= 0) return 'ENDED';
  return daysBetween(today, termEndsOnDay) <= settings.termWarningDays ? 'ENDING_SOON' : 'OK';
}

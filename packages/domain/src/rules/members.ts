import type { MemberStatus } from '../entities/member.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { addMonths, addYears, compareDays, completedYears, maxDay, type DayDate } from './dates.js';
import type { Settings } from './settings.js';

/**
 * 预备期 (党章 Art. 7): from `joinedOn`, `probationYears` long, extendable once by at most
 * `probationMaxExtensionMonths`. The day returned is the first day the member may be made full.
 */
export function probationEndsOn(joinedOn: DayDate, extensionMonths: number | null | undefined, settings: Settings): DayDate {
  return addMonths(addYears(joinedOn, settings.probationYears), extensionMonths ?? 0);
}

export interface ProbationState {
  status: MemberStatus;
  joinedOn: DayDate;
  probationExtendedMonths?: number | null;
}

/** A probationary member whose probation (with its extension) ended before today and who is not yet full. */
export function isProbationOverdue(member: ProbationState, today: DayDate, settings: Settings): boolean {
  if (member.status !== 'PROBATIONARY') return false;
  return compareDays(today, probationEndsOn(member.joinedOn, member.probationExtendedMonths, settings)) > 0;
}

/**
 * Checks an extension of probation: whole months, 1..probationMaxExtensionMonths, and only once.
 * Throws BAD_USER_INPUT (PROBATION_EXTENSION_RANGE / PROBATION_ALREADY_EXTENDED).
 */
export function validateProbationExtension(months: number, settings: Settings, alreadyExtendedMonths = 0): number {
  if (alreadyExtendedMonths > 0) {
    throw DomainError.badInput([
      { field: 'probationExtendedMonths', reason: 'PROBATION_ALREADY_EXTENDED', message: '预备期只能延长一次，该党员的预备期已经延长过' },
    ]);
  }
  if (!Number.isInteger(months) || months < 1 || months > settings.probationMaxExtensionMonths) {
    throw DomainError.badInput([
      {
        field: 'probationExtendedMonths',
        reason: 'PROBATION_EXTENSION_RANGE',
        message: `预备期延长应为 1 至 ${settings.probationMaxExtensionMonths} 个月`,
      },
    ]);
  }
  return months;
}

/** 党龄: whole years since becoming a full member; 0 for a probationary member. */
export function partyStandingYears(fullMemberOn: DayDate | null | undefined, asOf: DayDate): number {
  return fullMemberOn ? completedYears(fullMemberOn, asOf) : 0;
}

export interface ActivityState {
  lastPartyLifeOn?: DayDate | null;
  lastDuesPaidOn?: DayDate | null;
  joinedOn: DayDate;
}

/**
 * 连续六个月不参加党的组织生活、不交纳党费: `inactivityMonths` or more since the later of the last
 * Party life and the last dues payment (since joining when neither is known). Only a flag for the
 * branch, which decides whether the member is regarded as having left; nothing is removed.
 */
export function isInactiveSixMonths(member: ActivityState, today: DayDate, settings: Settings): boolean {
  let last = member.joinedOn;
  if (member.lastPartyLifeOn) last = maxDay(last, member.lastPartyLifeOn);
  if (member.lastDuesPaidOn) last = maxDay(last, member.lastDuesPaidOn);
  return compareDays(today, addMonths(last, settings.inactivityMonths)) >= 0;
}

/** Out of contact for `lostContactMonths` or more: a candidate for LOST_CONTACT, decided by a person. */
export function isLostContactCandidate(lastContactOn: DayDate | null | undefined, today: DayDate, settings: Settings): boolean {
  if (!lastContactOn) return false;
  return compareDays(today, addMonths(lastContactOn, settings.lostContactMonths)) >= 0;
}

/** The last day by which a member who moved must have transferred the relation. */
export function transferDueOn(movedOn: DayDate, settings: Settings): DayDate {
  return addMonths(movedOn, settings.transferDueMonths);
}

/** Moved (workplace, residence, or away at a fixed place) and not transferred within `transferDueMonths`. */
export function isTransferOverdue(movedOn: DayDate | null | undefined, today: DayDate, settings: Settings): boolean {
  if (!movedOn) return false;
  return compareDays(today, transferDueOn(movedOn, settings)) > 0;
}

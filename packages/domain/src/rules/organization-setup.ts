import type { FieldProblem } from '../errors/domain-error.js';
import type { Settings } from './settings.js';

/**
 * Organisation setup (支部工作条例 Art. 4 and 11). The thresholds of 3 full members and of a
 * secretary (with at most one deputy) below the committee threshold are national rules; the
 * others are settings.
 */
export const FULL_MEMBERS_FOR_OWN_ORGANIZATION = 3;

/** A unit with 3 or more full members should have its own Party organisation. */
export function shouldHaveOwnOrganization(fullMemberCount: number): boolean {
  return fullMemberCount >= FULL_MEMBERS_FOR_OWN_ORGANIZATION;
}

/** A joint branch normally covers at most `jointBranchMaxUnits` units. */
export function jointBranchOverLimit(unitCount: number, settings: Settings): boolean {
  return unitCount > settings.jointBranchMaxUnits;
}

/** A branch normally has at most `branchMaxMembers` members. */
export function branchOverSize(memberCount: number, settings: Settings): boolean {
  return memberCount > settings.branchMaxMembers;
}

export interface CommitteeRequirement {
  /** Fewer full members than the threshold: no committee, a secretary (and a deputy if needed). */
  secretaryOnly: boolean;
  minSeats: number;
  normalMaxSeats: number;
  maxSeats: number;
}

/**
 * 7 or more full members: a committee of 3–5, at most 7 (settings). Fewer: a secretary only,
 * with one deputy secretary where needed (支部工作条例 Art. 11).
 */
export function committeeRequirement(fullMemberCount: number, settings: Settings): CommitteeRequirement {
  if (fullMemberCount < settings.committeeThresholdFullMembers) {
    return { secretaryOnly: true, minSeats: 1, normalMaxSeats: 1, maxSeats: 2 };
  }
  return {
    secretaryOnly: false,
    minSeats: settings.committeeMinSeats,
    normalMaxSeats: settings.committeeNormalMaxSeats,
    maxSeats: settings.committeeMaxSeats,
  };
}

/**
 * Problems with a number of seats for a branch of `fullMemberCount` full members (field "seats").
 * With `complete: false` (seats still being added one by one) only the upper bound is checked.
 */
export function validateCommitteeSeats(
  fullMemberCount: number,
  seatCount: number,
  settings: Settings,
  options: { complete?: boolean } = {},
): FieldProblem[] {
  const rule = committeeRequirement(fullMemberCount, settings);
  const kind = rule.secretaryOnly
    ? `正式党员不足 ${settings.committeeThresholdFullMembers} 人的党支部不设支部委员会，只设书记 1 名，必要时增设副书记 1 名`
    : `正式党员 ${settings.committeeThresholdFullMembers} 人以上的党支部设支部委员会，一般 ${rule.minSeats} 至 ${rule.normalMaxSeats} 人，最多 ${rule.maxSeats} 人`;
  if (seatCount > rule.maxSeats) {
    return [{ field: 'seats', reason: 'COMMITTEE_TOO_MANY_SEATS', message: `班子成员 ${seatCount} 人，超过上限：${kind}` }];
  }
  if ((options.complete ?? true) && seatCount < rule.minSeats) {
    return [{ field: 'seats', reason: 'COMMITTEE_TOO_FEW_SEATS', message: `班子成员 ${seatCount} 人，不足：${kind}` }];
  }
  return [];
}

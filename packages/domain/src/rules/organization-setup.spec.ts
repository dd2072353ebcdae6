import { describe, expect, it } from 'vitest';
import {
  branchOverSize,
  committeeRequirement,
  jointBranchOverLimit,
  shouldHaveOwnOrganization,
  validateCommitteeSeats,
} from './organization-setup.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

const S = DEFAULT_SETTINGS;

describe('a unit with 3 or more full members should have its own Party organisation', () => {
  it('a branch with exactly 3 full members qualifies; 2 do not', () => {
    expect(shouldHaveOwnOrganization(3)).toBe(true);
    expect(shouldHaveOwnOrganization(2)).toBe(false);
    expect(shouldHaveOwnOrganization(0)).toBe(false);
    expect(shouldHaveOwnOrganization(40)).toBe(true);
  });
});

describe('a joint branch normally covers at most 5 units', () => {
  it('5 units are within the limit, 6 are over', () => {
    expect(jointBranchOverLimit(5, S)).toBe(false);
    expect(jointBranchOverLimit(6, S)).toBe(true);
    expect(jointBranchOverLimit(6, resolveSettings({ jointBranchMaxUnits: 8 }))).toBe(false);
  });
});

describe('a branch normally has at most 50 members', () => {
  it('warns above 50, not at 50', () => {
    expect(branchOverSize(50, S)).toBe(false);
    expect(branchOverSize(51, S)).toBe(true);
  });
});

describe('fewer than 7 full members: a secretary only; 7 or more: a committee of 3–5, at most 7', () => {
  it('6 full members: a secretary, with a deputy where needed', () => {
    expect(committeeRequirement(6, S)).toEqual({ secretaryOnly: true, minSeats: 1, normalMaxSeats: 1, maxSeats: 2 });
  });

  it('7 full members: a committee of 3 to 5, at most 7', () => {
    expect(committeeRequirement(7, S)).toEqual({ secretaryOnly: false, minSeats: 3, normalMaxSeats: 5, maxSeats: 7 });
  });

  it('validates seats: 3 and 7 pass, 2 and 8 fail with a Chinese reason', () => {
    expect(validateCommitteeSeats(20, 3, S)).toEqual([]);
    expect(validateCommitteeSeats(20, 7, S)).toEqual([]);
    const few = validateCommitteeSeats(20, 2, S);
    expect(few).toHaveLength(1);
    expect(few[0]).toMatchObject({ field: 'seats', reason: 'COMMITTEE_TOO_FEW_SEATS' });
    expect(few[0].message).toContain('3 至 5');
    expect(validateCommitteeSeats(20, 8, S)[0]).toMatchObject({ reason: 'COMMITTEE_TOO_MANY_SEATS' });
  });

  it('a small branch may not elect a committee of three', () => {
    const problems = validateCommitteeSeats(5, 3, S);
    expect(problems[0].reason).toBe('COMMITTEE_TOO_MANY_SEATS');
    expect(problems[0].message).toContain('不设支部委员会');
    expect(validateCommitteeSeats(5, 1, S)).toEqual([]);
    expect(validateCommitteeSeats(5, 0, S)[0].reason).toBe('COMMITTEE_TOO_FEW_SEATS');
  });

  it('while seats are still being added only the upper bound is checked', () => {
    expect(validateCommitteeSeats(20, 1, S, { complete: false })).toEqual([]);
    expect(validateCommitteeSeats(20, 8, S, { complete: false })[0].reason).toBe('COMMITTEE_TOO_MANY_SEATS');
  });

  it('follows the settings for the threshold and seat counts', () => {
    const settings = resolveSettings({ committeeThresholdFullMembers: 10 });
    expect(committeeRequirement(8, settings).secretaryOnly).toBe(true);
    expect(committeeRequirement(10, settings).secretaryOnly).toBe(false);
  });
});

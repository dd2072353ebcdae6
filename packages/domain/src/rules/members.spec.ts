import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import {
  isInactiveSixMonths,
  isLostContactCandidate,
  isProbationOverdue,
  isTransferOverdue,
  partyStandingYears,
  probationEndsOn,
  transferDueOn,
  validateProbationExtension,
} from './members.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

const S = DEFAULT_SETTINGS;

describe('probation lasts one year, extendable once by at most one year', () => {
  it('ends one year after joinedOn, plus any extension', () => {
    expect(probationEndsOn('2024-07-01', 0, S)).toBe('2025-07-01');
    expect(probationEndsOn('2024-07-01', null, S)).toBe('2025-07-01');
    expect(probationEndsOn('2024-07-01', 6, S)).toBe('2026-01-01');
    expect(probationEndsOn('2024-07-01', 12, S)).toBe('2026-07-01');
  });

  it('a member admitted on 29 February completes probation on 28 February', () => {
    expect(probationEndsOn('2024-02-29', 0, S)).toBe('2025-02-28');
    expect(probationEndsOn('2024-02-29', 12, S)).toBe('2026-02-28');
  });

  it('flags probationary members past joinedOn + 1 year (+ extension) not yet full', () => {
    const member = { status: 'PROBATIONARY' as const, joinedOn: '2024-07-01', probationExtendedMonths: 0 };
    expect(isProbationOverdue(member, '2025-07-01', S)).toBe(false);
    expect(isProbationOverdue(member, '2025-07-02', S)).toBe(true);
    expect(isProbationOverdue({ ...member, probationExtendedMonths: 6 }, '2025-07-02', S)).toBe(false);
    expect(isProbationOverdue({ ...member, probationExtendedMonths: 6 }, '2026-01-02', S)).toBe(true);
  });

  it('never flags a full member', () => {
    expect(isProbationOverdue({ status: 'FULL', joinedOn: '2010-01-01' }, '2025-01-01', S)).toBe(false);
  });

  it('an extension is 1 to 12 whole months', () => {
    expect(validateProbationExtension(6, S)).toBe(6);
    expect(validateProbationExtension(12, S)).toBe(12);
    for (const bad of [0, 13, -1, 2.5]) {
      expect(() => validateProbationExtension(bad, S)).toThrow(DomainError);
    }
    try {
      validateProbationExtension(13, S);
    } catch (e) {
      expect((e as DomainError).reason).toBe('PROBATION_EXTENSION_RANGE');
      expect((e as DomainError).message).toContain('12');
    }
  });

  it('probation is extended only once', () => {
    try {
      validateProbationExtension(3, S, 6);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).reason).toBe('PROBATION_ALREADY_EXTENDED');
    }
  });
});

describe('Party standing counts from fullMemberOn', () => {
  it('counts completed years, not calendar years', () => {
    expect(partyStandingYears('2015-07-01', '2025-06-30')).toBe(9);
    expect(partyStandingYears('2015-07-01', '2025-07-01')).toBe(10);
  });

  it('is 0 for a probationary member or before the date', () => {
    expect(partyStandingYears(null, '2025-07-01')).toBe(0);
    expect(partyStandingYears(undefined, '2025-07-01')).toBe(0);
    expect(partyStandingYears('2025-07-01', '2025-01-01')).toBe(0);
  });
});

describe('6 months without Party life or dues: a flag for the branch, never a removal', () => {
  it('flags on the day 6 months after the later of the last Party life and dues', () => {
    const member = { lastPartyLifeOn: '2025-01-10', lastDuesPaidOn: '2025-02-15', joinedOn: '2010-01-01' };
    expect(isInactiveSixMonths(member, '2025-08-14', S)).toBe(false);
    expect(isInactiveSixMonths(member, '2025-08-15', S)).toBe(true);
  });

  it('counts from joining when nothing is recorded, so a new member is not flagged', () => {
    expect(isInactiveSixMonths({ joinedOn: '2025-05-01' }, '2025-08-01', S)).toBe(false);
    expect(isInactiveSixMonths({ joinedOn: '2025-01-01', lastPartyLifeOn: null, lastDuesPaidOn: null }, '2025-07-01', S)).toBe(true);
  });

  it('follows the setting', () => {
    expect(isInactiveSixMonths({ joinedOn: '2025-01-01' }, '2025-04-01', resolveSettings({ inactivityMonths: 3 }))).toBe(true);
  });
});

describe('6 months out of contact: a lost-contact candidate', () => {
  it('is a candidate from 6 months after the last contact', () => {
    expect(isLostContactCandidate('2025-01-31', '2025-07-30', S)).toBe(false);
    expect(isLostContactCandidate('2025-01-31', '2025-07-31', S)).toBe(true);
  });

  it('is not a candidate without a known last contact', () => {
    expect(isLostContactCandidate(null, '2025-07-31', S)).toBe(false);
  });
});

describe('a member who moved must transfer within 6 months', () => {
  it('is overdue the day after 6 months from the move', () => {
    expect(transferDueOn('2024-08-31', S)).toBe('2025-02-28');
    expect(isTransferOverdue('2024-08-31', '2025-02-28', S)).toBe(false);
    expect(isTransferOverdue('2024-08-31', '2025-03-01', S)).toBe(true);
    expect(isTransferOverdue(null, '2025-03-01', S)).toBe(false);
  });
});

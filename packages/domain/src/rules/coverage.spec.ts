import { describe, expect, it } from 'vitest';
import {
  coverageSummary,
  isInSurveyScope,
  organizationCoverageRate,
  unitsNeedingOwnOrganization,
  workCoverageRate,
  type SurveyUnit,
} from './coverage.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

const S = DEFAULT_SETTINGS;

function unit(overrides: Partial<SurveyUnit> = {}): SurveyUnit {
  return {
    category: 'NON_PUBLIC_ENTERPRISE',
    hasPremises: true,
    staffCount: 20,
    businessActive: true,
    hasOwnOrganization: false,
    inJointBranch: false,
    reachedByInstructor: false,
    ...overrides,
  };
}

describe('a unit is in survey scope ("三有")', () => {
  it('needs fixed premises, 10 or more staff and real business activity', () => {
    expect(isInSurveyScope(unit({ staffCount: 10 }), S)).toBe(true);
    expect(isInSurveyScope(unit({ staffCount: 9 }), S)).toBe(false);
    expect(isInSurveyScope(unit({ hasPremises: false }), S)).toBe(false);
    expect(isInSurveyScope(unit({ businessActive: false }), S)).toBe(false);
  });

  it('a social organisation needs 30 or more staff', () => {
    expect(isInSurveyScope(unit({ category: 'SOCIAL_ORGANIZATION', staffCount: 29 }), S)).toBe(false);
    expect(isInSurveyScope(unit({ category: 'SOCIAL_ORGANIZATION', staffCount: 30 }), S)).toBe(true);
  });

  it('follows the settings', () => {
    expect(isInSurveyScope(unit({ staffCount: 5 }), resolveSettings({ surveyMinStaff: 5 }))).toBe(true);
  });
});

describe('organisation and work coverage rates', () => {
  const units = [
    unit({ hasOwnOrganization: true, fullMemberCount: 5 }),
    unit({ inJointBranch: true, fullMemberCount: 1 }),
    unit({ reachedByInstructor: true, fullMemberCount: 3 }),
    unit({ fullMemberCount: 0 }),
    // Out of scope: counts in neither rate even though it has an organisation.
    unit({ staffCount: 3, hasOwnOrganization: true, fullMemberCount: 3 }),
  ];

  it('organisation coverage = (own organisation + joint branch) ÷ units in scope', () => {
    expect(organizationCoverageRate(units, S)).toBe(2 / 4);
  });

  it('work coverage = (covered by an organisation or reached by an instructor) ÷ units in scope', () => {
    expect(workCoverageRate(units, S)).toBe(3 / 4);
  });

  it('is 0 when no unit is in scope, not NaN', () => {
    expect(organizationCoverageRate([], S)).toBe(0);
    expect(workCoverageRate([unit({ hasPremises: false, hasOwnOrganization: true })], S)).toBe(0);
  });

  it('"应建未建": 3 or more full members and no own organisation, in or out of a joint branch', () => {
    const needing = unitsNeedingOwnOrganization(units);
    expect(needing).toHaveLength(1);
    expect(needing[0].fullMemberCount).toBe(3);
    expect(unitsNeedingOwnOrganization([unit({ inJointBranch: true, fullMemberCount: 4 })])).toHaveLength(1);
    expect(unitsNeedingOwnOrganization([unit({ fullMemberCount: 2 }), unit()])).toHaveLength(0);
  });

  it('the summary gives the counts behind the rates', () => {
    expect(coverageSummary(units, S)).toEqual({
      unitCount: 5,
      inScopeCount: 4,
      organizationCoveredCount: 2,
      workCoveredCount: 3,
      organizationCoverageRate: 0.5,
      workCoverageRate: 0.75,
      needingOwnOrganizationCount: 1,
    });
    expect(coverageSummary([], S).workCoverageRate).toBe(0);
  });
});

import { shouldHaveOwnOrganization } from './organization-setup.js';
import type { Settings } from './settings.js';

/** One unit as found by the survey (排查) of non-public enterprises and social organisations. */
export type SurveyUnit = {
  category: 'NON_PUBLIC_ENTERPRISE' | 'SOCIAL_ORGANIZATION' | string;
  hasPremises: boolean;
  staffCount: number;
  businessActive: boolean;
  hasOwnOrganization: boolean;
  inJointBranch: boolean;
  reachedByInstructor: boolean;
  fullMemberCount?: number;
};

/**
 * "三有": fixed premises, enough staff (social organisations need more), real business activity.
 * Only such units count in the coverage rates.
 */
export function isInSurveyScope(unit: SurveyUnit, settings: Settings): boolean {
  const minStaff = unit.category === 'SOCIAL_ORGANIZATION' ? settings.surveyMinStaffSocialOrganization : settings.surveyMinStaff;
  return unit.hasPremises && unit.businessActive && unit.staffCount >= minStaff;
}

function isOrganizationCovered(unit: SurveyUnit): boolean {
  return unit.hasOwnOrganization || unit.inJointBranch;
}

function isWorkCovered(unit: SurveyUnit): boolean {
  return isOrganizationCovered(unit) || unit.reachedByInstructor;
}

function rate(units: readonly SurveyUnit[], settings: Settings, covered: (u: SurveyUnit) => boolean): number {
  const inScope = units.filter((u) => isInSurveyScope(u, settings));
  if (!inScope.length) return 0;
  return inScope.filter(covered).length / inScope.length;
}

/** (units with their own organisation + units in a joint branch) ÷ units in scope; 0..1, 0 when none in scope. */
export function organizationCoverageRate(units: readonly SurveyUnit[], settings: Settings): number {
  return rate(units, settings, isOrganizationCovered);
}

/** (units covered by an organisation or reached by an instructor) ÷ units in scope; 0..1. */
export function workCoverageRate(units: readonly SurveyUnit[], settings: Settings): number {
  return rate(units, settings, isWorkCovered);
}

/** "应建未建": units with 3 or more full members and no organisation of their own. */
export function unitsNeedingOwnOrganization<T extends SurveyUnit>(units: readonly T[]): T[] {
  return units.filter((u) => shouldHaveOwnOrganization(u.fullMemberCount ?? 0) && !u.hasOwnOrganization);
}

export interface CoverageSummary {
  unitCount: number;
  inScopeCount: number;
  organizationCoveredCount: number;
  workCoveredCount: number;
  organizationCoverageRate: number;
  workCoverageRate: number;
  needingOwnOrganizationCount: number;
}

/** The counts behind the two rates, for an overview that shows "n of m". */
export function coverageSummary(units: readonly SurveyUnit[], settings: Settings): CoverageSummary {
  const inScope = units.filter((u) => isInSurveyScope(u, settings));
  const organizationCoveredCount = inScope.filter(isOrganizationCovered).length;
  const workCoveredCount = inScope.filter(isWorkCovered).length;
  return {
    unitCount: units.length,
    inScopeCount: inScope.length,
    organizationCoveredCount,
    workCoveredCount,
    organizationCoverageRate: inScope.length ? organizationCoveredCount / inScope.length : 0,
    workCoverageRate: inScope.length ? workCoveredCount / inScope.length : 0,
    needingOwnOrganizationCount: unitsNeedingOwnOrganization(units).length,
  };
}

import type { Education, Gender } from '../entities/member.entity.js';
import { completedYears, type DayDate } from './dates.js';

/** Age in completed years at `asOf` (someone born on 29 February turns older on 1 March in a common year). */
export function ageOn(birthDate: DayDate, asOf: DayDate): number {
  return completedYears(birthDate, asOf);
}

const COLLEGE_OR_ABOVE: readonly Education[] = ['POSTGRADUATE', 'UNDERGRADUATE', 'JUNIOR_COLLEGE'];

/** 大专及以上: junior college, undergraduate or postgraduate. */
export function isCollegeOrAbove(education: Education): boolean {
  return COLLEGE_OR_ABOVE.includes(education);
}

export const YOUNG_CADRE_MAX_AGE = 35;

export interface CadrePerson {
  birthDate: DayDate;
  education: Education;
  gender: Gender;
}

export interface CadreStatistics {
  asOf: DayDate;
  seatCount: number;
  /** Mean of the ages in completed years, unrounded. */
  averageAge: number;
  aged35OrUnderCount: number;
  /** Fractions 0..1, unrounded. */
  aged35OrUnderRatio: number;
  collegeOrAboveCount: number;
  collegeOrAboveRatio: number;
  femaleRatio: number;
}

/** How an election's committee seats are reported (换届): age, youth, education and women. */
export function computeCadreStatistics(people: readonly CadrePerson[], asOf: DayDate): CadreStatistics {
  const seatCount = people.length;
  if (!seatCount) {
    return {
      asOf,
      seatCount: 0,
      averageAge: 0,
      aged35OrUnderCount: 0,
      aged35OrUnderRatio: 0,
      collegeOrAboveCount: 0,
      collegeOrAboveRatio: 0,
      femaleRatio: 0,
    };
  }
  const ages = people.map((p) => ageOn(p.birthDate, asOf));
  const aged35OrUnderCount = ages.filter((a) => a <= YOUNG_CADRE_MAX_AGE).length;
  const collegeOrAboveCount = people.filter((p) => isCollegeOrAbove(p.education)).length;
  const femaleCount = people.filter((p) => p.gender === 'FEMALE').length;
  return {
    asOf,
    seatCount,
    averageAge: ages.reduce((sum, a) => sum + a, 0) / seatCount,
    aged35OrUnderCount,
    aged35OrUnderRatio: aged35OrUnderCount / seatCount,
    collegeOrAboveCount,
    collegeOrAboveRatio: collegeOrAboveCount / seatCount,
    femaleRatio: femaleCount / seatCount,
  };
}

/**
 * One decimal, half away from zero as people round (34.35 → "34.4"); the scaling by 10 is
 * corrected for binary fractions so that 34.35 is not read as 34.3499….
 */
export function formatOneDecimal(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const scaled = Math.abs(n) * 10;
  const rounded = Math.round(scaled + scaled * Number.EPSILON * 4) / 10;
  const text = rounded.toFixed(1);
  return n < 0 && rounded !== 0 ? `-${text}` : text;
}

/** A fraction as a percentage with one decimal: 26/27 → "96.3%". */
export function formatPercentOneDecimal(ratio: number): string {
  return `${formatOneDecimal(ratio * 100)}%`;
}

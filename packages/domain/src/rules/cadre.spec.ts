import { describe, expect, it } from 'vitest';
import type { Education, Gender } from '../entities/member.entity.js';
import { EDUCATIONS } from '../entities/member.entity.js';
import { ageOn, computeCadreStatistics, formatOneDecimal, formatPercentOneDecimal, isCollegeOrAbove, type CadrePerson } from './cadre.js';

describe('age in completed years at a date', () => {
  it('a birthday on the reference date counts: the person is a year older that day', () => {
    expect(ageOn('1990-09-01', '2025-09-01')).toBe(35);
    expect(ageOn('1990-09-01', '2025-08-31')).toBe(34);
    expect(ageOn('1990-09-02', '2025-09-01')).toBe(34);
  });

  it('born on 29 February: a year older on 1 March in a common year, on 29 February in a leap year', () => {
    expect(ageOn('2000-02-29', '2019-02-28')).toBe(18);
    expect(ageOn('2000-02-29', '2019-03-01')).toBe(19);
    expect(ageOn('2000-02-29', '2020-02-28')).toBe(19);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
  });

  it('is 0 for a date before the birth', () => {
    expect(ageOn('2000-01-01', '1999-12-31')).toBe(0);
  });
});

describe('大专及以上 is junior college and above', () => {
  it('counts postgraduate, undergraduate and junior college only', () => {
    const college = EDUCATIONS.filter((e) => isCollegeOrAbove(e));
    expect(college.sort()).toEqual(['JUNIOR_COLLEGE', 'POSTGRADUATE', 'UNDERGRADUATE']);
  });
});

const AS_OF = '2019-09-01';
function person(age: number, education: Education = 'UNDERGRADUATE', gender: Gender = 'MALE'): CadrePerson {
  return { birthDate: `${2019 - age}-03-15`, education, gender };
}

describe("cadre statistics, with the article's case", () => {
  // 27 secretaries and committee members of 9 communities: 17 aged 35 or under, average 34.4,
  // 26 with 大专及以上 (96.3%). Two sit on the age edge: one turns 36 on the reference date, one
  // turns 36 the day after.
  const youngAges = [26, 27, 28, 29, 30, 30, 31, 31, 32, 32, 33, 33, 34, 34, 35, 35];
  const olderAges = [37, 38, 38, 39, 40, 40, 41, 42, 43];
  const people: CadrePerson[] = [
    ...youngAges.map((a, i) => person(a, 'UNDERGRADUATE', i % 2 ? 'FEMALE' : 'MALE')),
    { birthDate: '1983-09-02', education: 'JUNIOR_COLLEGE', gender: 'FEMALE' }, // 35 until tomorrow
    { birthDate: '1983-09-01', education: 'POSTGRADUATE', gender: 'MALE' }, // 36 today
    ...olderAges.map((a, i) => person(a, i === 0 ? 'HIGH_SCHOOL' : 'JUNIOR_COLLEGE', i < 3 ? 'FEMALE' : 'MALE')),
  ];

  it('27 people, average 34.4, 17 aged 35 or under, 26 college = 96.3%', () => {
    const stats = computeCadreStatistics(people, AS_OF);
    expect(stats.asOf).toBe(AS_OF);
    expect(stats.seatCount).toBe(27);
    expect(stats.averageAge).toBeCloseTo(929 / 27, 10);
    expect(formatOneDecimal(stats.averageAge)).toBe('34.4');
    expect(stats.aged35OrUnderCount).toBe(17);
    expect(stats.aged35OrUnderRatio).toBe(17 / 27);
    expect(stats.collegeOrAboveCount).toBe(26);
    expect(stats.collegeOrAboveRatio).toBe(26 / 27);
    expect(formatPercentOneDecimal(stats.collegeOrAboveRatio)).toBe('96.3%');
    expect(stats.femaleRatio).toBe(12 / 27);
  });

  it('gives zeros for no people, not NaN', () => {
    expect(computeCadreStatistics([], AS_OF)).toEqual({
      asOf: AS_OF,
      seatCount: 0,
      averageAge: 0,
      aged35OrUnderCount: 0,
      aged35OrUnderRatio: 0,
      collegeOrAboveCount: 0,
      collegeOrAboveRatio: 0,
      femaleRatio: 0,
    });
  });

  it('is unrounded: the ratios are exact fractions', () => {
    const stats = computeCadreStatistics([person(30), person(40, 'SECONDARY', 'FEMALE'), person(50)], AS_OF);
    expect(stats.averageAge).toBe(40);
    expect(stats.collegeOrAboveRatio).toBe(2 / 3);
    expect(stats.femaleRatio).toBe(1 / 3);
  });
});

describe('one-decimal formatting', () => {
  it('rounds half away from zero as people do, without binary-fraction slips', () => {
    expect(formatOneDecimal(34.35)).toBe('34.4');
    expect(formatOneDecimal(1.05)).toBe('1.1');
    expect(formatOneDecimal(34.34)).toBe('34.3');
    expect(formatOneDecimal(34)).toBe('34.0');
    expect(formatOneDecimal(0)).toBe('0.0');
    expect(formatOneDecimal(-2.25)).toBe('-2.3');
    expect(formatOneDecimal(-0.01)).toBe('0.0');
    expect(formatOneDecimal(Number.NaN)).toBe('—');
  });

  it('formats a fraction as a percentage with one decimal', () => {
    expect(formatPercentOneDecimal(26 / 27)).toBe('96.3%');
    expect(formatPercentOneDecimal(17 / 27)).toBe('63.0%');
    expect(formatPercentOneDecimal(1)).toBe('100.0%');
    expect(formatPercentOneDecimal(0)).toBe('0.0%');
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import {
  COMPLIANCE_COLORS,
  COMPLIANCE_LABELS,
  MEETING_TYPES,
  MEETING_TYPE_LABELS,
  assemblyHasQuorum,
  branchComplianceCalendar,
  compliance,
  complianceCalendar,
  meetingApplies,
  parsePeriodKey,
  periodOf,
  periodsBetween,
  secretaryLectureCompliance,
  themePartyDayMissingItems,
  validateAttendance,
} from './organizational-life.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

const S = DEFAULT_SETTINGS;

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('the meetings of organisational life', () => {
  it('are the 7 of the glossary, with their Chinese names', () => {
    expect([...MEETING_TYPES]).toEqual([
      'BRANCH_ASSEMBLY',
      'BRANCH_COMMITTEE_MEETING',
      'PARTY_GROUP_MEETING',
      'PARTY_LECTURE',
      'THEME_PARTY_DAY',
      'ORGANIZATIONAL_LIFE_MEETING',
      'DEMOCRATIC_APPRAISAL',
    ]);
    expect(MEETING_TYPE_LABELS.BRANCH_ASSEMBLY).toBe('支部党员大会');
    expect(MEETING_TYPE_LABELS.BRANCH_COMMITTEE_MEETING).toBe('支委会');
    expect(MEETING_TYPE_LABELS.DEMOCRATIC_APPRAISAL).toBe('民主评议党员');
  });

  it('committee meetings only where there is a committee, group meetings only where there are groups', () => {
    const small = { hasCommittee: false, hasGroups: false };
    expect(meetingApplies('BRANCH_COMMITTEE_MEETING', small)).toBe(false);
    expect(meetingApplies('PARTY_GROUP_MEETING', small)).toBe(false);
    expect(meetingApplies('BRANCH_ASSEMBLY', small)).toBe(true);
    expect(meetingApplies('BRANCH_COMMITTEE_MEETING', { hasCommittee: true, hasGroups: false })).toBe(true);
    expect(meetingApplies('PARTY_GROUP_MEETING', { hasCommittee: false, hasGroups: true })).toBe(true);
  });
});

describe('periods: month, quarter, year', () => {
  it('gives the period containing a day', () => {
    expect(periodOf('2026-11-15', 'MONTH')).toEqual({ key: '2026-11', frequency: 'MONTH', start: '2026-11-01', end: '2026-11-30' });
    expect(periodOf('2026-11-15', 'QUARTER')).toEqual({ key: '2026-Q4', frequency: 'QUARTER', start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf('2026-11-15', 'YEAR')).toEqual({ key: '2026', frequency: 'YEAR', start: '2026-01-01', end: '2026-12-31' });
    expect(periodOf('2024-02-10', 'MONTH').end).toBe('2024-02-29');
    expect(periodOf('2025-03-31', 'QUARTER').key).toBe('2025-Q1');
    expect(periodOf('2025-04-01', 'QUARTER')).toMatchObject({ key: '2025-Q2', end: '2025-06-30' });
  });

  it('reads a period key back and refuses a bad one', () => {
    expect(parsePeriodKey('2026-Q4')).toEqual(periodOf('2026-10-01', 'QUARTER'));
    expect(parsePeriodKey('2026-02').end).toBe('2026-02-28');
    expect(parsePeriodKey('2026').frequency).toBe('YEAR');
    for (const bad of ['2026-13', '2026-Q5', '26', '2026-1', 'Q4']) {
      expect(errorOf(() => parsePeriodKey(bad)).reason).toBe('PERIOD_INVALID');
    }
  });

  it('lists the periods overlapping a range', () => {
    expect(periodsBetween('2026-11-20', '2027-02-01', 'MONTH').map((p) => p.key)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodsBetween('2026-01-01', '2026-12-31', 'QUARTER').map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsBetween('2026-05-05', '2026-05-05', 'YEAR').map((p) => p.key)).toEqual(['2026']);
    expect(errorOf(() => periodsBetween('2026-05-05', '2026-05-04', 'MONTH')).reason).toBe('DATE_ORDER');
  });
});

describe('compliance per branch and period is green (met), amber (open), red (missed)', () => {
  it('met when a meeting was held in the period, on its last day included', () => {
    expect(compliance('BRANCH_ASSEMBLY', '2026-Q4', ['2026-12-31'], '2027-03-01', S)).toBe('MET');
    expect(compliance('THEME_PARTY_DAY', '2026-11', ['2026-11-01'], '2026-11-01', S)).toBe('MET');
  });

  it('open (amber) while the period runs, its last day included, and not yet met', () => {
    expect(compliance('BRANCH_ASSEMBLY', '2026-Q4', [], '2026-12-31', S)).toBe('OPEN');
    expect(compliance('BRANCH_ASSEMBLY', '2026-Q4', [], '2026-10-01', S)).toBe('OPEN');
  });

  it('missed (red) from the day after the period closed without a meeting', () => {
    expect(compliance('BRANCH_ASSEMBLY', '2026-Q4', [], '2027-01-01', S)).toBe('MISSED');
    expect(compliance('BRANCH_ASSEMBLY', '2026-Q4', ['2026-09-30', '2027-01-01'], '2027-01-01', S)).toBe('MISSED');
  });

  it('measures each meeting against its frequency: a monthly meeting by month', () => {
    expect(compliance('BRANCH_COMMITTEE_MEETING', '2026-10', ['2026-11-03'], '2026-12-01', S)).toBe('MISSED');
    expect(compliance('ORGANIZATIONAL_LIFE_MEETING', '2026', ['2026-01-15'], '2026-12-01', S)).toBe('MET');
  });

  it('refuses a period of the wrong frequency for the meeting', () => {
    const error = errorOf(() => compliance('BRANCH_ASSEMBLY', '2026-11', [], '2026-12-01', S));
    expect(error.reason).toBe('PERIOD_FREQUENCY_MISMATCH');
    expect(error.message).toContain('支部党员大会');
  });

  it('follows the frequency setting', () => {
    const monthly = resolveSettings({ meetingFrequencies: { BRANCH_ASSEMBLY: 'MONTH' } });
    expect(compliance('BRANCH_ASSEMBLY', '2026-11', [], '2026-12-01', monthly)).toBe('MISSED');
  });

  it('has colours and Chinese labels', () => {
    expect(COMPLIANCE_COLORS).toEqual({ MET: 'green', OPEN: 'amber', MISSED: 'red' });
    expect(COMPLIANCE_LABELS.MISSED).toBe('未落实');
  });

  it('a calendar shows each period of a range with its status and meeting count', () => {
    const calendar = complianceCalendar('THEME_PARTY_DAY', '2026-09-01', '2026-12-31', ['2026-09-05', '2026-09-20', '2026-11-08'], '2026-11-15', S);
    expect(calendar.map((c) => [c.key, c.status, c.meetingCount])).toEqual([
      ['2026-09', 'MET', 2],
      ['2026-10', 'MISSED', 0],
      ['2026-11', 'MET', 1],
      ['2026-12', 'OPEN', 0],
    ]);
  });

  it('a branch calendar leaves out the meetings that do not apply to it', () => {
    const entries = branchComplianceCalendar({ hasCommittee: false, hasGroups: false }, '2026-01-01', '2026-03-31', { BRANCH_ASSEMBLY: ['2026-02-01'] }, '2026-04-01', S);
    const types = new Set(entries.map((e) => e.type));
    expect(types.has('BRANCH_COMMITTEE_MEETING')).toBe(false);
    expect(types.has('PARTY_GROUP_MEETING')).toBe(false);
    expect(entries.find((e) => e.type === 'BRANCH_ASSEMBLY')?.status).toBe('MET');
    expect(entries.filter((e) => e.type === 'THEME_PARTY_DAY').map((e) => e.status)).toEqual(['MISSED', 'MISSED', 'MISSED']);
    expect(entries.find((e) => e.type === 'DEMOCRATIC_APPRAISAL')?.status).toBe('OPEN');
  });
});

describe('the secretary gives at least one Party lecture a year', () => {
  it('is met by one lecture in the year, missed after the year without one', () => {
    expect(secretaryLectureCompliance('2026', ['2026-06-30'], '2026-07-01')).toBe('MET');
    expect(secretaryLectureCompliance('2026', [], '2026-07-01')).toBe('OPEN');
    expect(secretaryLectureCompliance('2026', ['2025-12-31'], '2027-01-01')).toBe('MISSED');
    expect(errorOf(() => secretaryLectureCompliance('2026-Q1', [], '2026-07-01')).reason).toBe('PERIOD_FREQUENCY_MISMATCH');
  });
});

describe('the theme Party day ("4+X") has fixed items', () => {
  it('names the fixed items a record does not show', () => {
    const [first, second, ...rest] = S.themePartyDayFixedItems;
    expect(themePartyDayMissingItems([first, ` ${second} `, '参观红色教育基地'], S)).toEqual(rest);
    expect(themePartyDayMissingItems([...S.themePartyDayFixedItems], S)).toEqual([]);
  });
});

describe('a branch assembly decides only when more than half of the voting members attend', () => {
  it('6 of 10 is a quorum; 5 of 10 is not', () => {
    expect(assemblyHasQuorum(6, 10)).toBe(true);
    expect(assemblyHasQuorum(5, 10)).toBe(false);
    expect(assemblyHasQuorum(4, 7)).toBe(true);
    expect(assemblyHasQuorum(3, 7)).toBe(false);
    expect(assemblyHasQuorum(0, 0)).toBe(false);
  });
});

describe('expected and attended counts', () => {
  it('accepts attended up to expected', () => {
    expect(validateAttendance(10, 10)).toEqual([]);
    expect(validateAttendance(10, 0)).toEqual([]);
  });

  it('refuses more attended than expected, negatives and fractions', () => {
    expect(validateAttendance(10, 11)).toEqual([
      { field: 'attendedCount', reason: 'ATTENDANCE_EXCEEDS_EXPECTED', message: '实到人数（11）不能多于应到人数（10）' },
    ]);
    expect(validateAttendance(-1, 0).map((p) => p.field)).toEqual(['expectedCount']);
    expect(validateAttendance(10, 2.5).map((p) => p.field)).toEqual(['attendedCount']);
  });
});

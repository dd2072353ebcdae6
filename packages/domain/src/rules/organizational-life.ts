import { DomainError, type FieldProblem } from '../errors/domain-error.js';
import { addDays, compareDays, lastDayOfMonth, parseDayDate, type DayDate } from './dates.js';
import { MEETING_TYPES, MEETING_TYPE_LABELS, type Frequency, type MeetingType } from './meeting-types.js';
import type { Settings } from './settings.js';

export { FREQUENCIES, FREQUENCY_LABELS, MEETING_TYPES, MEETING_TYPE_LABELS } from './meeting-types.js';
export type { Frequency, MeetingType } from './meeting-types.js';

/** One measuring period: a month '2026-11', a quarter '2026-Q4' or a year '2026'. */
export interface Period {
  key: string;
  frequency: Frequency;
  start: DayDate;
  end: DayDate;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The period of `frequency` that contains `date`. */
export function periodOf(date: DayDate, frequency: Frequency): Period {
  const day = parseDayDate(date);
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (frequency === 'MONTH') {
    const key = day.slice(0, 7);
    return { key, frequency, start: `${key}-01`, end: lastDayOfMonth(key) };
  }
  if (frequency === 'QUARTER') {
    const quarter = Math.ceil(month / 3);
    const firstMonth = (quarter - 1) * 3 + 1;
    return {
      key: `${year}-Q${quarter}`,
      frequency,
      start: `${year}-${pad2(firstMonth)}-01`,
      end: lastDayOfMonth(`${year}-${pad2(firstMonth + 2)}`),
    };
  }
  return { key: year, frequency, start: `${year}-01-01`, end: `${year}-12-31` };
}

/** Reads a period key back; BAD_USER_INPUT (PERIOD_INVALID) for anything else. */
export function parsePeriodKey(key: string): Period {
  let match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (match) return periodOf(`${key}-01`, 'MONTH');
  match = /^(\d{4})-Q([1-4])$/.exec(key);
  if (match) return periodOf(`${match[1]}-${pad2((Number(match[2]) - 1) * 3 + 1)}-01`, 'QUARTER');
  match = /^(\d{4})$/.exec(key);
  if (match && Number(key) > 0) return periodOf(`${key}-01-01`, 'YEAR');
  throw DomainError.badInput([
    { field: 'period', reason: 'PERIOD_INVALID', message: `考核周期「${key}」无效，应为 2026-11、2026-Q4 或 2026 的形式` },
  ]);
}

/** The periods of `frequency` that overlap `from`..`to`, in order. */
export function periodsBetween(from: DayDate, to: DayDate, frequency: Frequency): Period[] {
  if (compareDays(from, to) > 0) {
    throw DomainError.badInput([
      { field: 'to', reason: 'DATE_ORDER', message: '结束日期不能早于开始日期' },
    ]);
  }
  const periods: Period[] = [];
  let period = periodOf(from, frequency);
  while (compareDays(period.start, to) <= 0) {
    periods.push(period);
    period = periodOf(addDays(period.end, 1), frequency);
  }
  return periods;
}

export interface BranchShape {
  hasCommittee: boolean;
  hasGroups: boolean;
}

/** Committee meetings are measured only where there is a committee, group meetings only where there are groups. */
export function meetingApplies(type: MeetingType, branch: BranchShape): boolean {
  if (type === 'BRANCH_COMMITTEE_MEETING') return branch.hasCommittee;
  if (type === 'PARTY_GROUP_MEETING') return branch.hasGroups;
  return true;
}

/** MET (green), OPEN (amber: the period is not over and not yet met), MISSED (red: over, not met). */
export type Compliance = 'MET' | 'OPEN' | 'MISSED';

export const COMPLIANCE_LABELS: Record<Compliance, string> = {
  MET: '已落实',
  OPEN: '待落实',
  MISSED: '未落实',
};

export const COMPLIANCE_COLORS: Record<Compliance, 'green' | 'amber' | 'red'> = {
  MET: 'green',
  OPEN: 'amber',
  MISSED: 'red',
};

function statusOf(period: Period, meetingDates: readonly DayDate[], today: DayDate): { status: Compliance; meetingCount: number } {
  const meetingCount = meetingDates.filter(
    (d) => compareDays(d, period.start) >= 0 && compareDays(d, period.end) <= 0,
  ).length;
  if (meetingCount > 0) return { status: 'MET', meetingCount };
  return { status: compareDays(today, period.end) <= 0 ? 'OPEN' : 'MISSED', meetingCount };
}

function periodForType(type: MeetingType, periodKey: string, settings: Settings): Period {
  const frequency = settings.meetingFrequencies[type];
  const period = parsePeriodKey(periodKey);
  if (period.frequency !== frequency) {
    throw DomainError.badInput([
      {
        field: 'period',
        reason: 'PERIOD_FREQUENCY_MISMATCH',
        message: `${MEETING_TYPE_LABELS[type]}按${frequency === 'MONTH' ? '月' : frequency === 'QUARTER' ? '季度' : '年'}考核，考核周期「${periodKey}」不符`,
      },
    ]);
  }
  return period;
}

/** Whether a branch held `type` in the period `periodKey` (of the frequency the settings give it). */
export function compliance(
  type: MeetingType,
  periodKey: string,
  meetingDates: readonly DayDate[],
  today: DayDate,
  settings: Settings,
): Compliance {
  return statusOf(periodForType(type, periodKey, settings), meetingDates, today).status;
}

export interface ComplianceEntry extends Period {
  type: MeetingType;
  status: Compliance;
  meetingCount: number;
}

/** One entry per period of the meeting's frequency overlapping `from`..`to`. */
export function complianceCalendar(
  type: MeetingType,
  from: DayDate,
  to: DayDate,
  meetingDates: readonly DayDate[],
  today: DayDate,
  settings: Settings,
): ComplianceEntry[] {
  return periodsBetween(from, to, settings.meetingFrequencies[type]).map((period) => ({
    ...period,
    type,
    ...statusOf(period, meetingDates, today),
  }));
}

/** The calendar of every meeting type that applies to a branch. */
export function branchComplianceCalendar(
  branch: BranchShape,
  from: DayDate,
  to: DayDate,
  meetingDatesByType: Partial<Record<MeetingType, readonly DayDate[]>>,
  today: DayDate,
  settings: Settings,
): ComplianceEntry[] {
  return MEETING_TYPES.filter((t) => meetingApplies(t, branch)).flatMap((t) =>
    complianceCalendar(t, from, to, meetingDatesByType[t] ?? [], today, settings),
  );
}

/** The secretary gives at least one Party lecture a year. */
export function secretaryLectureCompliance(year: string, secretaryLectureDates: readonly DayDate[], today: DayDate): Compliance {
  const period = parsePeriodKey(year);
  if (period.frequency !== 'YEAR') {
    throw DomainError.badInput([{ field: 'period', reason: 'PERIOD_FREQUENCY_MISMATCH', message: `书记讲党课按年考核，考核周期「${year}」不符` }]);
  }
  return statusOf(period, secretaryLectureDates, today).status;
}

/** The fixed items of the theme Party day ("4" of "4+X") that a record does not show. */
export function themePartyDayMissingItems(items: readonly string[], settings: Settings): string[] {
  const done = new Set(items.map((i) => i.trim()));
  return settings.themePartyDayFixedItems.filter((i) => !done.has(i));
}

/** A branch assembly decides only when more than half of the members with voting rights attend. */
export function assemblyHasQuorum(attended: number, votingMembers: number): boolean {
  return votingMembers > 0 && attended * 2 > votingMembers;
}

/** 应到 / 实到: whole numbers, not negative, and no more attended than expected. */
export function validateAttendance(expected: number, attended: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(expected) || expected < 0) {
    problems.push({ field: 'expectedCount', reason: 'ATTENDANCE_INVALID', message: '应到人数应为不小于 0 的整数' });
  }
  if (!Number.isInteger(attended) || attended < 0) {
    problems.push({ field: 'attendedCount', reason: 'ATTENDANCE_INVALID', message: '实到人数应为不小于 0 的整数' });
  }
  if (!problems.length && attended > expected) {
    problems.push({
      field: 'attendedCount',
      reason: 'ATTENDANCE_EXCEEDS_EXPECTED',
      message: `实到人数（${attended}）不能多于应到人数（${expected}）`,
    });
  }
  return problems;
}

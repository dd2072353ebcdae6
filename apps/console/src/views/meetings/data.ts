import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { MEETING_TYPES, type BranchCompliance, type Compliance, type ComplianceEntry, type Meeting, type MeetingFilter, type MeetingType } from './api';

export const FILTER_SCHEMA = {
  tab: { kind: 'string', default: 'calendar', allowed: ['calendar', 'records'] },
  organizationId: { kind: 'string' },
  branch: { kind: 'string' },
  from: { kind: 'string' },
  to: { kind: 'string' },
  type: { kind: 'strings', allowed: MEETING_TYPES },
  heldFrom: { kind: 'string' },
  heldTo: { kind: 'string' },
  missed: { kind: 'string', allowed: ['1', '0'] },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type MeetingFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toMeetingFilter(filters: MeetingFilters): MeetingFilter {
  const filter: MeetingFilter = {};
  if (filters.organizationId) filter.organizationId = filters.organizationId;
  if (filters.type.length) filter.type = filters.type as MeetingType[];
  if (filters.heldFrom) filter.heldFrom = filters.heldFrom;
  if (filters.heldTo) filter.heldTo = filters.heldTo;
  return filter;
}

export const COMPLIANCE_TAG: Record<Compliance, 'success' | 'warning' | 'danger'> = { MET: 'success', OPEN: 'warning', MISSED: 'danger' };

/** "2026-03" for each month from `from` to `to` (both 'YYYY-MM-DD'). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (let guard = 0; guard < 240; guard++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= endKey) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export interface CalendarCell {
  entry: ComplianceEntry;
  /** 1-based grid column of the first month the entry covers, and how many months it spans. */
  column: number;
  span: number;
}

export interface CalendarRow {
  type: MeetingType;
  cells: CalendarCell[];
}

/**
 * A branch's entries laid out on a month grid: one row per meeting type measured (in the
 * regulations' order), each period spanning the months it covers (a quarter three, a year twelve),
 * cut to the months shown.
 */
export function calendarRows(branch: BranchCompliance, months: readonly string[]): CalendarRow[] {
  const index = new Map(months.map((month, i) => [month, i]));
  const first = months[0];
  const last = months[months.length - 1];
  return MEETING_TYPES.flatMap((type) => {
    const entries = branch.entries.filter((entry) => entry.type === type);
    if (!entries.length) return [];
    const cells = entries.map((entry) => {
      const start = entry.start.slice(0, 7) < first ? first : entry.start.slice(0, 7);
      const end = entry.end.slice(0, 7) > last ? last : entry.end.slice(0, 7);
      const column = (index.get(start) ?? 0) + 1;
      const span = Math.max(1, (index.get(end) ?? months.length - 1) - (index.get(start) ?? 0) + 1);
      return { entry, column, span };
    });
    return [{ type, cells }];
  });
}

/** Share of periods met among those already over or met (open periods are not yet judged). */
export function complianceRate(branches: readonly Pick<BranchCompliance, 'metCount' | 'missedCount'>[]): number | null {
  const met = branches.reduce((sum, b) => sum + b.metCount, 0);
  const missed = branches.reduce((sum, b) => sum + b.missedCount, 0);
  return met + missed ? met / (met + missed) : null;
}

/**
 * A branch assembly decides only when more than half of the members with voting rights attend:
 * false when it did not reach that, null when it cannot be judged (not an assembly, no count).
 */
export function assemblyQuorum(
  meeting: Pick<Meeting, 'type' | 'attendedCount' | 'votingMemberCount'>,
): boolean | null {
  if (meeting.type !== 'BRANCH_ASSEMBLY' || !meeting.votingMemberCount) return null;
  return meeting.attendedCount * 2 > meeting.votingMemberCount;
}

/**
 * The day a meeting recorded from a calendar cell is given: the period's last day when the period
 * is over (a late entry), otherwise today.
 */
export function suggestedDay(entry: Pick<ComplianceEntry, 'start' | 'end'>, today: string): string {
  if (entry.end < today) return entry.end;
  return today < entry.start ? entry.start : today;
}

/** What a new meeting starts with when recorded from a calendar cell. */
export interface MeetingPreset {
  type?: MeetingType;
  organizationId?: string;
  heldOn?: string;
}

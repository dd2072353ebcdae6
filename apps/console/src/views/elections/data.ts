import type { QuerySchema, QueryValues } from '@/utils/route-query';
import type { ElectionFilter, Seat, SeatRole } from './api';

export const FILTER_SCHEMA = {
  organizationIds: { kind: 'strings' },
  asOf: { kind: 'string' },
  organizationId: { kind: 'string' },
  electedFrom: { kind: 'string' },
  electedTo: { kind: 'string' },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type ElectionFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toElectionFilter(filters: ElectionFilters): ElectionFilter {
  const filter: ElectionFilter = {};
  if (filters.organizationId) filter.organizationId = filters.organizationId;
  if (filters.electedFrom) filter.electedFrom = filters.electedFrom;
  if (filters.electedTo) filter.electedTo = filters.electedTo;
  return filter;
}

/** Days before the term ends when the console starts warning (the rules' default setting). */
export const TERM_WARNING_DAYS = 90;

export type TermState = { state: 'active' } | { state: 'ending'; days: number } | { state: 'ended' };

function epochDay(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
}

/** Where a term stands on `today`: running, ending within the warning days, or over. */
export function termState(termEndsOn: string, today: string, warningDays = TERM_WARNING_DAYS): TermState {
  const days = epochDay(termEndsOn) - epochDay(today);
  if (days < 0) return { state: 'ended' };
  if (days <= warningDays) return { state: 'ending', days };
  return { state: 'active' };
}

export const TERM_TAG = { active: 'success', ending: 'warning', ended: 'danger' } as const;

const ROLE_ORDER: Record<SeatRole, number> = { SECRETARY: 0, DEPUTY_SECRETARY: 1, COMMITTEE_MEMBER: 2 };

/** Secretary first, then deputies, then members, each by name. */
export function sortedSeats(seats: readonly Seat[]): Seat[] {
  return [...seats].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.member.name.localeCompare(b.member.name, 'zh-CN'));
}

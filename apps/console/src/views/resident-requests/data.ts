import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { REQUEST_SCALES, REQUEST_STATUSES, type RequestFilter, type RequestScale, type RequestStatus, type StatsRow } from './api';

export const FILTER_SCHEMA = {
  tab: { kind: 'string', default: 'list', allowed: ['list', 'stats'] },
  organizationId: { kind: 'string' },
  status: { kind: 'strings', allowed: REQUEST_STATUSES },
  scale: { kind: 'strings', allowed: REQUEST_SCALES },
  overdue: { kind: 'boolean', default: false },
  receivedFrom: { kind: 'string' },
  receivedTo: { kind: 'string' },
  search: { kind: 'string' },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type RequestFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toRequestFilter(filters: RequestFilters): RequestFilter {
  const filter: RequestFilter = { source: 'RESIDENT' };
  if (filters.organizationId) filter.organizationId = filters.organizationId;
  if (filters.status.length) filter.status = filters.status as RequestStatus[];
  if (filters.scale.length) filter.scale = filters.scale as RequestScale[];
  if (filters.overdue) filter.overdue = true;
  if (filters.receivedFrom) filter.receivedFrom = filters.receivedFrom;
  if (filters.receivedTo) filter.receivedTo = filters.receivedTo;
  if (filters.search.trim()) filter.search = filters.search.trim();
  return filter;
}

export const STATUS_TAG: Record<RequestStatus, 'info' | 'warning' | 'success'> = { RECEIVED: 'info', IN_PROGRESS: 'warning', RESOLVED: 'success' };
export const SCALE_TAG: Record<RequestScale, 'danger' | 'primary' | 'info'> = { MAJOR: 'danger', MINOR: 'primary', HOUSEHOLD: 'info' };

export function countOf(row: Pick<StatsRow, 'byStatus'>, status: RequestStatus): number {
  return row.byStatus.find((entry) => entry.status === status)?.count ?? 0;
}

/** Share of requests answered (回音率), or null when there were none. */
export function answerRate(row: Pick<StatsRow, 'count' | 'answeredCount'>): number | null {
  return row.count ? row.answeredCount / row.count : null;
}

/** Hours as people read them: under two days in hours (one decimal), beyond that in days. */
export function feedbackDuration(hours: number | null): { unit: 'hours' | 'days'; value: string } | null {
  if (hours === null || !Number.isFinite(hours)) return null;
  if (hours < 48) return { unit: 'hours', value: (Math.round(hours * 10) / 10).toString() };
  return { unit: 'days', value: (Math.round((hours / 24) * 10) / 10).toString() };
}

import type { QuerySchema, QueryValues } from '@/utils/route-query';
import type { RequestListFilter } from './api';
import { REQUEST_CATEGORIES, type RequestCategory, type RequestStatus } from './model';

export const BOARD_FILTER_SCHEMA = {
  buildingId: { kind: 'string' },
  category: { kind: 'strings', allowed: REQUEST_CATEGORIES },
  search: { kind: 'string' },
  from: { kind: 'string' },
  to: { kind: 'string' },
  overdue: { kind: 'boolean', default: false },
} satisfies QuerySchema;

export type BoardFilters = QueryValues<typeof BOARD_FILTER_SCHEMA>;

export function toRequestFilter(filters: BoardFilters): RequestListFilter {
  const filter: RequestListFilter = {};
  if (filters.buildingId) filter.buildingId = filters.buildingId;
  if (filters.category.length) filter.category = filters.category as RequestCategory[];
  if (filters.search.trim()) filter.search = filters.search.trim();
  if (filters.from) filter.receivedFrom = filters.from;
  if (filters.to) filter.receivedTo = filters.to;
  if (filters.overdue) filter.overdue = true;
  return filter;
}

/** The columns of the board, in the order a request moves: 受理 → 办理中 → 已办结. */
export const COLUMNS: { status: RequestStatus; tone: 'info' | 'warning' | 'success' }[] = [
  { status: 'RECEIVED', tone: 'info' },
  { status: 'IN_PROGRESS', tone: 'warning' },
  { status: 'RESOLVED', tone: 'success' },
];

/** A card may go only where the server says its request can go next. */
export function canMove(request: { status: RequestStatus; allowedStatuses: readonly RequestStatus[] }, target: RequestStatus): boolean {
  return request.status !== target && request.allowedStatuses.includes(target);
}

/** Closing needs the feedback given to the enterprise ("件件有回音"). */
export function needsFeedback(target: RequestStatus): boolean {
  return target === 'RESOLVED';
}

/** Whole minutes between two instants (to now when the second is absent), never negative. */
export function elapsedMinutes(from: string, to: string | null, now = Date.now()): number | null {
  const start = Date.parse(from);
  const end = to ? Date.parse(to) : now;
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  return Math.max(0, Math.floor((end - start) / 60_000));
}

/** How long a request took (or has taken so far), in the two largest units: days and hours, or hours and minutes. */
export function durationParts(minutes: number): { unit: 'days' | 'hours' | 'minutes'; a: number; b: number } {
  if (minutes >= 24 * 60) return { unit: 'days', a: Math.floor(minutes / (24 * 60)), b: Math.floor((minutes % (24 * 60)) / 60) };
  if (minutes >= 60) return { unit: 'hours', a: Math.floor(minutes / 60), b: minutes % 60 };
  return { unit: 'minutes', a: minutes, b: 0 };
}

export const CONTENT_MAX = 5000;
export const FEEDBACK_MAX = 5000;
export const HANDLED_BY_MAX = 100;
export const REQUESTER_MAX = 50;

/** The columns a board shows at most per status; a long tail is reached through the filters. */
export const COLUMN_SIZE = 50;

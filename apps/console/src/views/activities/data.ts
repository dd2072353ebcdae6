import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { ACTIVITY_KINDS, WISH_CATEGORIES, WISH_STATUSES, type Activity, type ActivityFilter, type ActivityKind, type WishCategory, type WishCount, type WishStatus } from './api';

export const FILTER_SCHEMA = {
  tab: { kind: 'string', default: 'activities', allowed: ['activities', 'cleaning', 'wishes'] },
  kind: { kind: 'strings', allowed: ACTIVITY_KINDS },
  organizationId: { kind: 'string' },
  heldFrom: { kind: 'string' },
  heldTo: { kind: 'string' },
  search: { kind: 'string' },
  round: { kind: 'number', default: 0 },
  status: { kind: 'strings', allowed: WISH_STATUSES },
  category: { kind: 'strings', allowed: WISH_CATEGORIES },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type ActivityFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toActivityFilter(filters: ActivityFilters, kinds?: ActivityKind[]): ActivityFilter {
  const filter: ActivityFilter = {};
  const chosen = kinds ?? (filters.kind as ActivityKind[]);
  if (chosen.length) filter.kind = chosen;
  if (filters.organizationId) filter.organizationId = filters.organizationId;
  if (filters.heldFrom) filter.heldFrom = filters.heldFrom;
  if (filters.heldTo) filter.heldTo = filters.heldTo;
  if (filters.search.trim()) filter.search = filters.search.trim();
  return filter;
}

export const KIND_TAG: Record<ActivityKind, 'primary' | 'success' | 'warning' | 'danger' | 'info'> = {
  SERVICE: 'danger',
  THEME_EDUCATION: 'primary',
  LECTURE_TOUR: 'warning',
  VOLUNTEER: 'success',
  CITY_CLEANING: 'success',
  OTHER: 'info',
};

export interface MonthTotal {
  month: string;
  count: number;
  participations: number;
}

/** Activities and participations per month ('YYYY-MM'), oldest first. */
export function monthlyTotals(activities: readonly Pick<Activity, 'heldOn' | 'participations'>[]): MonthTotal[] {
  const months = new Map<string, MonthTotal>();
  for (const activity of activities) {
    const month = activity.heldOn.slice(0, 7);
    const total = months.get(month) ?? { month, count: 0, participations: 0 };
    total.count += 1;
    total.participations += activity.participations;
    months.set(month, total);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export type WishTable = Record<WishCategory, Record<WishStatus | 'total', number>>;

/** The board's counts as category × status, with each category's total. */
export function wishTable(counts: readonly WishCount[]): WishTable {
  const table = Object.fromEntries(
    WISH_CATEGORIES.map((category) => [category, { COLLECTED: 0, CLAIMED: 0, FULFILLED: 0, total: 0 }]),
  ) as WishTable;
  for (const row of counts) {
    table[row.beneficiaryCategory][row.status] += row.count;
    table[row.beneficiaryCategory].total += row.count;
  }
  return table;
}

export const WISH_COLUMN_TAG: Record<WishStatus, 'info' | 'warning' | 'success'> = { COLLECTED: 'info', CLAIMED: 'warning', FULFILLED: 'success' };

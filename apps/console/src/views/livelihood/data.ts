import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { RELIEF_KINDS, RENOVATION_KINDS, RENOVATION_STATUSES, type ReliefFilter, type ReliefKind } from './api';

export const FILTER_SCHEMA = {
  tab: { kind: 'string', default: 'relief', allowed: ['relief', 'renovations', 'evaluations'] },
  organizationId: { kind: 'string' },
  kind: { kind: 'strings', allowed: RELIEF_KINDS },
  paidFrom: { kind: 'string' },
  paidTo: { kind: 'string' },
  renovationKind: { kind: 'string', allowed: RENOVATION_KINDS },
  status: { kind: 'strings', allowed: RENOVATION_STATUSES },
  monthFrom: { kind: 'string' },
  monthTo: { kind: 'string' },
  maxRank: { kind: 'number', default: 0 },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type LivelihoodFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toReliefFilter(filters: LivelihoodFilters): ReliefFilter {
  const filter: ReliefFilter = {};
  if (filters.organizationId) filter.organizationId = filters.organizationId;
  if (filters.kind.length) filter.kind = filters.kind as ReliefKind[];
  if (filters.paidFrom) filter.paidFrom = filters.paidFrom;
  if (filters.paidTo) filter.paidTo = filters.paidTo;
  return filter;
}

/** Integer fen as yuan with two decimals and thousands separators: 60000 → "600.00". */
export function yuan(fen: number): string {
  const negative = fen < 0;
  const text = (Math.abs(Math.round(fen)) / 100).toFixed(2);
  const [whole, cents] = text.split('.');
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Integer fen as 万元 with two decimals at most, as reports give large sums: 190560000 → "190.56". */
export function wanYuan(fen: number): string {
  return (Math.round(fen / 10_000) / 100).toFixed(2).replace(/\.?0+$/, '');
}

/** Yuan typed by a person into integer fen (money is never a float in the system). */
export function fenOf(yuanAmount: number): number {
  return Math.round(yuanAmount * 100);
}

export const RENOVATION_TAG = { PLANNED: 'info', IN_PROGRESS: 'warning', COMPLETED: 'success' } as const;

import { MEMBER_STATUSES, type Member, type MemberFilter, type MemberStatus } from '@/api/types';
import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { validateIdCardNumber, type ValidationReason } from '@/utils/validators';

export const FILTER_SCHEMA = {
  search: { kind: 'string' },
  organizationId: { kind: 'string' },
  includeDescendants: { kind: 'boolean', default: true },
  status: { kind: 'strings', allowed: MEMBER_STATUSES },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type MemberFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toMemberFilter(filters: MemberFilters): MemberFilter {
  const filter: MemberFilter = {};
  if (filters.search.trim()) filter.search = filters.search.trim();
  if (filters.organizationId) {
    filter.organizationId = filters.organizationId;
    filter.includeDescendants = filters.includeDescendants;
  }
  if (filters.status.length) filter.status = filters.status as MemberStatus[];
  return filter;
}

/**
 * A keyword that is a whole id card number is checked before it is sent: a typo would otherwise
 * just find nobody.
 */
export function searchProblem(search: string): ValidationReason | null {
  const text = search.trim();
  if (!/^\d{17}[\dXx]$/.test(text)) return null;
  return validateIdCardNumber(text);
}

export const STATUS_TAG: Record<MemberStatus, 'success' | 'warning'> = { FULL: 'success', PROBATIONARY: 'warning' };

export interface Column {
  key: keyof Member | 'age' | 'actions';
  labelKey: string;
  width?: number;
  minWidth?: number;
  fixed?: 'left' | 'right';
}

export const COLUMNS: Column[] = [
  { key: 'name', labelKey: 'members.name', width: 110, fixed: 'left' },
  { key: 'gender', labelKey: 'members.gender', width: 70 },
  { key: 'age', labelKey: 'members.age', width: 70 },
  { key: 'education', labelKey: 'members.education', width: 110 },
  { key: 'status', labelKey: 'members.status', width: 110 },
  { key: 'joinedOn', labelKey: 'members.joinedOn', width: 120 },
  { key: 'organization', labelKey: 'members.organization', minWidth: 200 },
  { key: 'idCardNumber', labelKey: 'members.idCardNumber', width: 200 },
  { key: 'phone', labelKey: 'members.phone', width: 130 },
];

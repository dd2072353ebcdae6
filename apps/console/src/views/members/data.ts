import { EDUCATIONS, GENDERS, MEMBER_STATUSES, type Education, type Gender, type MemberStatus } from '@/api/types';
import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { validateIdCardNumber, type ValidationReason } from '@/utils/validators';
import type { MemberListFilter, MemberRow } from './api';
import { MEMBER_FLAGS, type MemberFlag } from './model';

export const FILTER_SCHEMA = {
  search: { kind: 'string' },
  organizationId: { kind: 'string' },
  includeDescendants: { kind: 'boolean', default: true },
  status: { kind: 'strings', allowed: MEMBER_STATUSES },
  gender: { kind: 'string', allowed: GENDERS },
  education: { kind: 'strings', allowed: EDUCATIONS },
  flags: { kind: 'strings', allowed: MEMBER_FLAGS },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type MemberFilters = QueryValues<typeof FILTER_SCHEMA>;

export function toMemberFilter(filters: MemberFilters): MemberListFilter {
  const filter: MemberListFilter = {};
  if (filters.search.trim()) filter.search = filters.search.trim();
  if (filters.organizationId) {
    filter.organizationId = filters.organizationId;
    filter.includeDescendants = filters.includeDescendants;
  }
  if (filters.status.length) filter.status = filters.status as MemberStatus[];
  if (filters.gender) filter.gender = filters.gender as Gender;
  if (filters.education.length) filter.education = filters.education as Education[];
  if (filters.flags.length) filter.flags = filters.flags as MemberFlag[];
  return filter;
}

/** The same filter as query parameters of /export/members.xlsx. */
export function exportParams(filter: MemberListFilter): Record<string, string | boolean | string[] | undefined> {
  return {
    search: filter.search,
    organizationId: filter.organizationId,
    includeDescendants: filter.organizationId ? filter.includeDescendants : undefined,
    status: filter.status,
    gender: filter.gender,
    education: filter.education,
    flags: filter.flags,
  };
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
export const FLAG_TAG: Record<MemberFlag, 'warning' | 'danger'> = { MOBILE: 'warning', LOST_CONTACT: 'danger' };

export interface Column {
  key: keyof MemberRow | 'age' | 'actions';
  labelKey: string;
  width?: number;
  minWidth?: number;
  fixed?: 'left' | 'right';
}

export const COLUMNS: Column[] = [
  { key: 'name', labelKey: 'members.name', width: 170, fixed: 'left' },
  { key: 'gender', labelKey: 'members.gender', width: 70 },
  { key: 'age', labelKey: 'members.age', width: 70 },
  { key: 'education', labelKey: 'members.education', width: 110 },
  { key: 'status', labelKey: 'members.status', width: 110 },
  { key: 'joinedOn', labelKey: 'members.joinedOn', width: 120 },
  { key: 'organization', labelKey: 'members.organization', minWidth: 200 },
  { key: 'idCardNumber', labelKey: 'members.idCardNumber', width: 200 },
  { key: 'phone', labelKey: 'members.phone', width: 130 },
];

/** 党龄: whole years since becoming a full member (a probationary member has none yet). */
export function partyStanding(fullMemberOn: string | null, today: string): number | null {
  if (!fullMemberOn) return null;
  const from = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fullMemberOn);
  const to = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!from || !to) return null;
  let years = Number(to[1]) - Number(from[1]);
  if (`${to[2]}${to[3]}` < `${from[2]}${from[3]}`) years -= 1;
  return Math.max(0, years);
}

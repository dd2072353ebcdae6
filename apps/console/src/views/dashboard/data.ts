import type { SubdistrictOverview, TransferStatus } from '@/api/types';
import { oneDecimal, percent } from '@/utils/format';

/** One number on the dashboard: where it comes from and how it is labelled. */
export interface StatDefinition {
  key: string;
  labelKey: string;
  unitKey?: string;
  value: (overview: SubdistrictOverview) => string | number;
  /** A second line, e.g. the full/probationary split. */
  hint?: (overview: SubdistrictOverview, t: (key: string, params?: Record<string, unknown>) => string) => string;
  tone?: (overview: SubdistrictOverview) => 'default' | 'danger' | 'warning';
  /** Where a click on the card goes. */
  link?: { name: string; query?: Record<string, string> };
}

export const organizationStats: StatDefinition[] = [
  { key: 'communityCount', labelKey: 'dashboard.stats.communityCount', unitKey: 'dashboard.units.community', value: (o) => o.communityCount, link: { name: 'organizations' } },
  {
    key: 'memberCount',
    labelKey: 'dashboard.stats.memberCount',
    unitKey: 'dashboard.units.person',
    value: (o) => o.memberCount,
    hint: (o, t) => t('dashboard.memberSplit', { full: o.fullMemberCount, probationary: o.probationaryMemberCount }),
    link: { name: 'members' },
  },
  { key: 'fullMemberCount', labelKey: 'dashboard.stats.fullMemberCount', unitKey: 'dashboard.units.person', value: (o) => o.fullMemberCount, link: { name: 'members', query: { status: 'FULL' } } },
  {
    key: 'probationaryMemberCount',
    labelKey: 'dashboard.stats.probationaryMemberCount',
    unitKey: 'dashboard.units.person',
    value: (o) => o.probationaryMemberCount,
    link: { name: 'members', query: { status: 'PROBATIONARY' } },
  },
  { key: 'fullTimeStaffCount', labelKey: 'dashboard.stats.fullTimeStaffCount', unitKey: 'dashboard.units.person', value: (o) => o.fullTimeStaffCount },
  { key: 'nonPublicBranchCount', labelKey: 'dashboard.stats.nonPublicBranchCount', unitKey: 'dashboard.units.branch', value: (o) => o.nonPublicBranchCount },
  { key: 'instructorCount', labelKey: 'dashboard.stats.instructorCount', unitKey: 'dashboard.units.person', value: (o) => o.instructorCount },
];

/** 班子成员 27 人 · 平均年龄 34.4 岁 · 35岁及以下 17 人 · 大专及以上 96.3%, as the article reports them. */
export const committeeStats: StatDefinition[] = [
  { key: 'seatCount', labelKey: 'dashboard.stats.seatCount', unitKey: 'dashboard.units.person', value: (o) => o.committee.seatCount },
  { key: 'averageAge', labelKey: 'dashboard.stats.averageAge', unitKey: 'dashboard.units.years', value: (o) => oneDecimal(o.committee.averageAge) },
  {
    key: 'aged35OrUnder',
    labelKey: 'dashboard.stats.aged35OrUnder',
    unitKey: 'dashboard.units.person',
    value: (o) => o.committee.aged35OrUnderCount,
    hint: (o, t) => t('dashboard.aged35Hint', { ratio: `${percent(o.committee.aged35OrUnderRatio)}%` }),
  },
  {
    key: 'collegeOrAbove',
    labelKey: 'dashboard.stats.collegeOrAbove',
    value: (o) => `${percent(o.committee.collegeOrAboveRatio)}%`,
    hint: (o, t) => t('dashboard.collegeHint', { count: o.committee.collegeOrAboveCount }),
  },
  { key: 'femaleRatio', labelKey: 'dashboard.stats.femaleRatio', value: (o) => `${percent(o.committee.femaleRatio)}%` },
];

export const activityStats: StatDefinition[] = [
  { key: 'serviceActivityCount', labelKey: 'dashboard.stats.serviceActivityCount', unitKey: 'dashboard.units.activity', value: (o) => o.serviceActivityCount },
  {
    key: 'themeEducationActivityCount',
    labelKey: 'dashboard.stats.themeEducationActivityCount',
    unitKey: 'dashboard.units.session',
    value: (o) => o.themeEducationActivityCount,
  },
  { key: 'wishFulfilledCount', labelKey: 'dashboard.stats.wishFulfilledCount', unitKey: 'dashboard.units.wish', value: (o) => o.wishFulfilledCount },
];

export const transferStats: StatDefinition[] = [
  {
    key: 'transfersInTransitCount',
    labelKey: 'dashboard.stats.transfersInTransitCount',
    unitKey: 'dashboard.units.transfer',
    value: (o) => o.transfersInTransitCount,
    link: { name: 'transfers', query: { status: 'IN_TRANSIT' } },
  },
  {
    key: 'overdueTransferCount',
    labelKey: 'dashboard.stats.overdueTransferCount',
    unitKey: 'dashboard.units.transfer',
    value: (o) => o.overdueTransferCount,
    hint: (_o, t) => t('dashboard.overdueHint'),
    tone: (o) => (o.overdueTransferCount > 0 ? 'danger' : 'default'),
    link: { name: 'transfers', query: { overdue: '1' } },
  },
];

/** Bar colours per transfer status, matching the tags on the transfers page. */
export const TRANSFER_STATUS_COLORS: Record<TransferStatus, string> = {
  DRAFT: '#8c9095',
  PENDING_APPROVAL: '#b1874d',
  APPROVED: '#3d6fb6',
  IN_TRANSIT: '#8f5400',
  RECEIVED: '#2f7f8a',
  COMPLETED: '#27702b',
  RETURNED: '#c02424',
  WITHDRAWN: '#5b6068',
  REVOKED: '#9a1d1d',
  EXPIRED: '#6b4aa0',
};

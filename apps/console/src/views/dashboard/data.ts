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

// ── Charts beyond the overview's numbers ─────────────────────────────────────

/** The latest election of each community's own organisation (not of the branches inside it). */
export function latestCommunityElections<
  E extends { electedOn: string; organization: { id: string; category: string; parent: { category: string } | null } },
>(elections: readonly E[]): E[] {
  const latest = new Map<string, E>();
  for (const election of elections) {
    const organization = election.organization;
    if (organization.category !== 'COMMUNITY' || organization.parent?.category === 'COMMUNITY') continue;
    const known = latest.get(organization.id);
    if (!known || known.electedOn < election.electedOn) latest.set(organization.id, election);
  }
  return [...latest.values()];
}

/** Age bands of committee members at their election, as the cadre reports group them. */
export const AGE_BANDS = [
  { key: 'upTo30', max: 30 },
  { key: 'from31To35', max: 35 },
  { key: 'from36To40', max: 40 },
  { key: 'from41To45', max: 45 },
  { key: 'from46To50', max: 50 },
  { key: 'over50', max: Number.POSITIVE_INFINITY },
] as const;

export function ageBands(ages: readonly number[]): { key: (typeof AGE_BANDS)[number]['key']; count: number }[] {
  return AGE_BANDS.map((band, index) => {
    const min = index === 0 ? Number.NEGATIVE_INFINITY : AGE_BANDS[index - 1].max;
    return { key: band.key, count: ages.filter((age) => age > min && age <= band.max).length };
  });
}

export function countBy<T extends string>(values: readonly T[], order: readonly T[]): { key: T; count: number }[] {
  return order.map((key) => ({ key, count: values.filter((value) => value === key).length })).filter((item) => item.count > 0);
}

export type CellStatus = 'MET' | 'OPEN' | 'MISSED';
const STATUS_VALUE: Record<CellStatus, number> = { MISSED: 0, OPEN: 1, MET: 2 };

export interface HeatmapData {
  branches: string[];
  months: string[];
  /** [month index, branch index, 0 missed / 1 open / 2 met, met, open, missed] */
  cells: [number, number, number, number, number, number][];
}

/** The months 'YYYY-MM' from one day's month to another's, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (let guard = 0; guard < 240; guard++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= end) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * Organisational-life compliance as branch × month: each obligation is judged in the month its
 * period ends (monthly meetings every month, quarterly ones at the quarter's last month, yearly ones
 * in December). A cell is red when one judged there was missed, amber while one is still open,
 * green when all were met; branches with the most missed come first.
 */
export function complianceHeatmap(report: {
  from: string;
  to: string;
  branches: readonly { organizationName: string; missedCount: number; entries: readonly { end: string; status: CellStatus }[] }[];
}): HeatmapData {
  const months = monthsBetween(report.from, report.to);
  const branches = [...report.branches].sort((a, b) => b.missedCount - a.missedCount || a.organizationName.localeCompare(b.organizationName, 'zh-CN'));
  const cells: HeatmapData['cells'] = [];
  branches.forEach((branch, row) => {
    months.forEach((month, column) => {
      const judged = branch.entries.filter((entry) => entry.end.slice(0, 7) === month);
      if (!judged.length) return;
      const met = judged.filter((entry) => entry.status === 'MET').length;
      const open = judged.filter((entry) => entry.status === 'OPEN').length;
      const missed = judged.filter((entry) => entry.status === 'MISSED').length;
      const status: CellStatus = missed ? 'MISSED' : open ? 'OPEN' : 'MET';
      cells.push([column, row, STATUS_VALUE[status], met, open, missed]);
    });
  });
  return { branches: branches.map((branch) => branch.organizationName), months, cells };
}

/** Each kind of to-do has a colour, so the list can be scanned. */
export const TODO_TAG: Record<string, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  TRANSFER_AWAITING_ACTION: 'primary',
  LETTER_EXPIRING: 'warning',
  RECEIPT_OVERDUE: 'danger',
  RECTIFICATION_OVERDUE: 'danger',
  CHECKLIST_ITEM_OVERDUE: 'warning',
  GUIDANCE_FOLLOW_UP_DUE: 'warning',
  TERM_ENDING: 'info',
};

import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { CHECKLIST_KINDS, CHECKLIST_STATUSES, type Attachment, type ChecklistItem, type ChecklistItemFilter, type ChecklistKind, type ChecklistKindSummary, type ChecklistStatus } from './api';

export const FILTER_SCHEMA = {
  kind: { kind: 'string', allowed: CHECKLIST_KINDS },
  status: { kind: 'strings', allowed: CHECKLIST_STATUSES },
  overdue: { kind: 'boolean', default: false },
  published: { kind: 'string', allowed: ['yes', 'no'] },
  organizationId: { kind: 'string' },
  search: { kind: 'string' },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type ChecklistFilters = QueryValues<typeof FILTER_SCHEMA>;

/** The tabs: every list, then each of the five. */
export const KIND_TABS = ['ALL', ...CHECKLIST_KINDS] as const;

export function toChecklistFilter(filters: ChecklistFilters): ChecklistItemFilter {
  const filter: ChecklistItemFilter = {};
  if (filters.kind) filter.kind = [filters.kind as ChecklistKind];
  if (filters.status.length) filter.status = filters.status as ChecklistStatus[];
  if (filters.overdue) filter.overdue = true;
  if (filters.published) filter.published = filters.published === 'yes';
  if (filters.organizationId) filter.organizationId = filters.organizationId;
  if (filters.search.trim()) filter.search = filters.search.trim();
  return filter;
}

export const STATUS_TAG: Record<ChecklistStatus, 'info' | 'warning' | 'success'> = {
  OPEN: 'info',
  RECTIFYING: 'warning',
  CLOSED: 'success',
};

export const KIND_TAG: Record<ChecklistKind, 'danger' | 'warning' | 'primary' | 'success' | 'info'> = {
  RESPONSIBILITY: 'primary',
  PROBLEM: 'danger',
  STUDY: 'success',
  RESOURCE: 'info',
  ACTIVITY: 'warning',
};

export interface KindCount {
  total: number;
  overdue: number;
}

/** Items and overdue items per tab (ALL sums the five). */
export function tabCounts(summary: readonly ChecklistKindSummary[]): Record<(typeof KIND_TABS)[number], KindCount> {
  const counts = Object.fromEntries(KIND_TABS.map((tab) => [tab, { total: 0, overdue: 0 }])) as Record<(typeof KIND_TABS)[number], KindCount>;
  for (const row of summary) {
    const total = row.byStatus.reduce((sum, entry) => sum + entry.count, 0);
    counts[row.kind] = { total, overdue: row.overdueCount };
    counts.ALL.total += total;
    counts.ALL.overdue += row.overdueCount;
  }
  return counts;
}

/** What a person may do next with an item, in the order the buttons are shown. */
export function nextActions(item: Pick<ChecklistItem, 'kind' | 'status' | 'allowedStatuses'>): Array<'rectify' | 'close'> {
  const actions: Array<'rectify' | 'close'> = [];
  if (item.allowedStatuses.includes('RECTIFYING')) actions.push('rectify');
  if (item.allowedStatuses.includes('CLOSED')) actions.push('close');
  return actions;
}

export type EvidenceProblem = 'EVIDENCE_REQUIRED' | 'ATTACHMENT_INCOMPLETE' | null;

/**
 * Checked before a problem is closed, as the server does: a problem closes only with its
 * rectification or evidence; an attachment row needs both its name and its address.
 */
export function evidenceProblem(kind: ChecklistKind, rectification: string, attachments: readonly Attachment[]): EvidenceProblem {
  if (attachments.some((a) => !a.name.trim() || !a.url.trim())) return 'ATTACHMENT_INCOMPLETE';
  if (kind === 'PROBLEM' && !rectification.trim() && attachments.length === 0) return 'EVIDENCE_REQUIRED';
  return null;
}

/** The address of a community's public 公示 page (no sign-in). */
export function publicListsPath(communityId: string): string {
  return `/public/communities/${encodeURIComponent(communityId)}/lists`;
}

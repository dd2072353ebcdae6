import type { OrganizationCategory, OrganizationTreeNode, OrganizationType } from '@/api/types';

/** A node of the lazily loaded tree: the organisation plus whether it can be expanded. */
export interface TreeItem {
  id: string;
  name: string;
  type: OrganizationType;
  category: OrganizationCategory;
  memberCount: number;
  fullMemberCount: number;
  leaf: boolean;
}

export function toTreeItem(node: OrganizationTreeNode): TreeItem {
  return {
    id: node.id,
    name: node.name,
    type: node.type,
    category: node.category,
    memberCount: node.memberCount,
    fullMemberCount: node.fullMemberCount,
    leaf: node.children.length === 0,
  };
}

export const TREE_PROPS = { label: 'name', isLeaf: 'leaf', children: 'children' } as const;

/** Tag colours of organisation types, from the root down. */
export const TYPE_TAG: Record<OrganizationType, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  WORKING_COMMITTEE: 'danger',
  PARTY_COMMITTEE: 'danger',
  GENERAL_BRANCH: 'warning',
  BRANCH: 'primary',
  JOINT_BRANCH: 'success',
  PARTY_GROUP: 'info',
};

/** A row of the children table: the organisation and how many organisations it has below. */
export interface ChildRow extends Omit<OrganizationTreeNode, 'children'> {
  childCount: number;
}

/**
 * Without its `children` array, which ElTable would otherwise take for tree rows to expand.
 */
export function toChildRow({ children, ...organization }: OrganizationTreeNode): ChildRow {
  return { ...organization, childCount: children.length };
}

/** Columns of the children table in the detail panel. */
export const CHILD_COLUMNS = [
  { prop: 'name', labelKey: 'organizations.name', minWidth: 220 },
  { prop: 'type', labelKey: 'organizations.type', width: 120 },
  { prop: 'category', labelKey: 'organizations.category', width: 120 },
  { prop: 'memberCount', labelKey: 'organizations.memberCount', width: 100, align: 'right' as const },
  { prop: 'fullMemberCount', labelKey: 'organizations.fullMemberCount', width: 100, align: 'right' as const },
  { prop: 'childCount', labelKey: 'organizations.childCount', width: 100, align: 'right' as const },
] as const;

/** The tabs of an organisation's page; `elections` is the committee (the to-do links use that name). */
export const ORGANIZATION_TABS = ['overview', 'members', 'elections', 'meetings', 'compliance', 'units'] as const;
export type OrganizationTab = (typeof ORGANIZATION_TABS)[number];

export function tabFrom(value: unknown): OrganizationTab {
  return typeof value === 'string' && (ORGANIZATION_TABS as readonly string[]).includes(value) ? (value as OrganizationTab) : 'overview';
}

/** Organisations whose units are those of their communities (the rest: the units they cover themselves). */
export function coversSubtreeUnits(category: OrganizationCategory): boolean {
  return category === 'COMMUNITY' || category === 'SUBDISTRICT';
}

/** Days from one day to another ('YYYY-MM-DD', calendar days, UTC arithmetic so no zone shifts them). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether a committee's term has ended, is ending within the warning window (settings: 90 days), or neither. */
export function termState(termEndsOn: string, today: string, warningDays = 90): { state: 'ENDED' | 'ENDING' | 'RUNNING'; days: number } {
  const days = daysBetween(today, termEndsOn);
  if (days < 0) return { state: 'ENDED', days };
  return { state: days <= warningDays ? 'ENDING' : 'RUNNING', days };
}

export interface ComplianceCell {
  period: string;
  start: string;
  status: 'MET' | 'OPEN' | 'MISSED';
  meetingCount: number;
}

/**
 * A branch's compliance by meeting type: one row per type it is assessed on, its periods (months,
 * quarters or years, as the setting says) in time order.
 */
export function complianceRows<T extends string>(entries: readonly (ComplianceCell & { type: T })[], typeOrder: readonly T[]): { type: T; cells: ComplianceCell[] }[] {
  return typeOrder
    .map((type) => ({
      type,
      cells: entries
        .filter((entry) => entry.type === type)
        .map(({ period, start, status, meetingCount }) => ({ period, start, status, meetingCount }))
        .sort((a, b) => a.start.localeCompare(b.start)),
    }))
    .filter((row) => row.cells.length > 0);
}

export const COMPLIANCE_COLOR = { MET: '#27702b', OPEN: '#c58a1d', MISSED: '#c02424' } as const;

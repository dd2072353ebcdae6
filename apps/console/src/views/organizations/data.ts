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

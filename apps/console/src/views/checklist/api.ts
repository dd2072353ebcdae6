import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';

export const CHECKLIST_KINDS = ['RESPONSIBILITY', 'PROBLEM', 'STUDY', 'RESOURCE', 'ACTIVITY'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];
export const CHECKLIST_STATUSES = ['OPEN', 'RECTIFYING', 'CLOSED'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];
/** 学习、资源、活动清单 may be shown to residents (公示). */
export const PUBLISHABLE_KINDS: readonly ChecklistKind[] = ['STUDY', 'RESOURCE', 'ACTIVITY'];

export interface Attachment {
  name: string;
  url: string;
}

export interface ChecklistItem {
  id: string;
  kind: ChecklistKind;
  organizationId: string;
  organization: { id: string; name: string } | null;
  title: string;
  content: string | null;
  owner: string | null;
  dueOn: string | null;
  status: ChecklistStatus;
  allowedStatuses: ChecklistStatus[];
  rectification: string | null;
  attachments: Attachment[];
  closedOn: string | null;
  closedBy: string | null;
  publishable: boolean;
  publishedAt: string | null;
  overdue: boolean;
}

export interface ChecklistItemFilter {
  organizationId?: string;
  kind?: ChecklistKind[];
  status?: ChecklistStatus[];
  overdue?: boolean;
  published?: boolean;
  search?: string;
}

export interface ChecklistKindSummary {
  kind: ChecklistKind;
  byStatus: { status: ChecklistStatus; count: number }[];
  overdueCount: number;
  publishedCount: number;
}

export interface ChecklistItemInput {
  kind?: ChecklistKind;
  organizationId?: string;
  title?: string;
  content?: string | null;
  owner?: string | null;
  dueOn?: string | null;
}

export interface CommunityLink {
  id: string;
  name: string;
  shortName: string;
}

const ITEM = `id kind organizationId organization { id name } title content owner dueOn status allowedStatuses
  rectification attachments { name url } closedOn closedBy publishable publishedAt overdue`;

export function listChecklistItems(
  filter: ChecklistItemFilter,
  first: number,
  after: string | null,
  options: RequestOptions = {},
): Promise<Connection<ChecklistItem>> {
  return gql<{ checklistItems: Connection<ChecklistItem> }>(
    `query ChecklistItems($filter: ChecklistItemFilter, $first: Int, $after: String) {
      checklistItems(filter: $filter, first: $first, after: $after) {
        nodes { ${ITEM} }
        totalCount
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.checklistItems);
}

export function checklistSummary(organizationId: string | null, options: RequestOptions = {}): Promise<ChecklistKindSummary[]> {
  return gql<{ checklistSummary: ChecklistKindSummary[] }>(
    `query ChecklistSummary($organizationId: ID) {
      checklistSummary(organizationId: $organizationId) { kind byStatus { status count } overdueCount publishedCount }
    }`,
    { organizationId },
    options,
  ).then((data) => data.checklistSummary);
}

export function createChecklistItem(input: ChecklistItemInput, options: RequestOptions = {}): Promise<ChecklistItem> {
  return gql<{ createChecklistItem: ChecklistItem }>(
    `mutation CreateChecklistItem($input: CreateChecklistItemInput!) { createChecklistItem(input: $input) { ${ITEM} } }`,
    { input },
    options,
  ).then((data) => data.createChecklistItem);
}

export function updateChecklistItem(id: string, input: ChecklistItemInput, options: RequestOptions = {}): Promise<ChecklistItem> {
  return gql<{ updateChecklistItem: ChecklistItem }>(
    `mutation UpdateChecklistItem($id: ID!, $input: UpdateChecklistItemInput!) { updateChecklistItem(id: $id, input: $input) { ${ITEM} } }`,
    { id, input },
    options,
  ).then((data) => data.updateChecklistItem);
}

export function changeChecklistStatus(
  id: string,
  input: { status: ChecklistStatus; rectification?: string | null; attachments?: Attachment[] },
  options: RequestOptions = {},
): Promise<ChecklistItem> {
  return gql<{ changeChecklistStatus: ChecklistItem }>(
    `mutation ChangeChecklistStatus($id: ID!, $input: ChangeChecklistStatusInput!) {
      changeChecklistStatus(id: $id, input: $input) { ${ITEM} }
    }`,
    { id, input },
    options,
  ).then((data) => data.changeChecklistStatus);
}

export function publishChecklistItem(id: string, published: boolean, options: RequestOptions = {}): Promise<ChecklistItem> {
  return gql<{ publishChecklistItem: ChecklistItem }>(
    `mutation PublishChecklistItem($id: ID!, $published: Boolean) { publishChecklistItem(id: $id, published: $published) { ${ITEM} } }`,
    { id, published },
    options,
  ).then((data) => data.publishChecklistItem);
}

export function deleteChecklistItem(id: string, options: RequestOptions = {}): Promise<void> {
  return gql<{ deleteChecklistItem: { id: string } }>(
    'mutation DeleteChecklistItem($id: ID!) { deleteChecklistItem(id: $id) { id } }',
    { id },
    options,
  ).then(() => undefined);
}

/** The communities whose public view can be opened (the 公示 page is addressed by the community profile). */
export function listCommunityLinks(options: RequestOptions = {}): Promise<CommunityLink[]> {
  return gql<{ communities: Connection<CommunityLink> }>(
    '{ communities(first: 100) { nodes { id name shortName } totalCount pageInfo { hasNextPage endCursor } } }',
    {},
    options,
  ).then((data) => data.communities.nodes);
}

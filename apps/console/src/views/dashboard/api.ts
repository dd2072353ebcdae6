import { gql, type RequestOptions } from '@/api/request';
import type { Connection, Education, Gender, OrganizationCategory } from '@/api/types';

export const TODO_KINDS = [
  'TRANSFER_AWAITING_ACTION',
  'LETTER_EXPIRING',
  'RECEIPT_OVERDUE',
  'RECTIFICATION_OVERDUE',
  'CHECKLIST_ITEM_OVERDUE',
  'GUIDANCE_FOLLOW_UP_DUE',
  'TERM_ENDING',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export interface TodoItem {
  kind: TodoKind;
  title: string;
  route: string;
  dueOn: string | null;
  overdue: boolean;
  entityType: string;
  entityId: string;
}

export interface TodoSummary {
  total: number;
  counts: { kind: TodoKind; count: number }[];
  items: TodoItem[];
}

/** 我的待办: what waits for the signed-in user in their scope, overdue first. */
export function getMyTodos(limit = 50, options: RequestOptions = {}): Promise<TodoSummary> {
  return gql<{ myTodos: TodoSummary }>(
    `query MyTodos($limit: Int) {
      myTodos(limit: $limit) { total counts { kind count } items { kind title route dueOn overdue entityType entityId } }
    }`,
    { limit },
    options,
  ).then((data) => data.myTodos);
}

export interface CommitteeElection {
  id: string;
  electedOn: string;
  organization: { id: string; name: string; category: OrganizationCategory; parent: { id: string; category: OrganizationCategory } | null };
  seats: { id: string; member: { id: string; gender: Gender; birthDate: string; education: Education } }[];
}

/** The elections in scope with their seats, latest first (a subdistrict has a few dozen committees). */
export function listCommitteeElections(options: RequestOptions = {}): Promise<CommitteeElection[]> {
  return gql<{ elections: Connection<CommitteeElection> }>(
    `query CommitteeElections {
      elections(first: 100, orderBy: ELECTED_ON, direction: DESC) {
        nodes { id electedOn organization { id name category parent { id category } } seats { id member { id gender birthDate education } } }
        totalCount pageInfo { hasNextPage endCursor }
      }
    }`,
    {},
    options,
  ).then((data) => data.elections.nodes);
}

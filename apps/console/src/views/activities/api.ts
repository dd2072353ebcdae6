import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';

export const ACTIVITY_KINDS = ['SERVICE', 'THEME_EDUCATION', 'LECTURE_TOUR', 'VOLUNTEER', 'CITY_CLEANING', 'OTHER'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const WISH_STATUSES = ['COLLECTED', 'CLAIMED', 'FULFILLED'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];
export const WISH_CATEGORIES = ['YOUTH', 'ELDERLY', 'OTHER'] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];

export interface Activity {
  id: string;
  kind: ActivityKind;
  organizationId: string;
  organization: { id: string; name: string } | null;
  heldOn: string;
  title: string;
  place: string | null;
  participations: number;
  note: string | null;
}

export interface ActivityFilter {
  kind?: ActivityKind[];
  organizationId?: string;
  heldFrom?: string;
  heldTo?: string;
  search?: string;
}

export interface ActivityTotal {
  kind: ActivityKind;
  count: number;
  participations: number;
}

export interface ActivityInput {
  kind?: ActivityKind;
  organizationId?: string;
  heldOn?: string;
  title?: string;
  place?: string | null;
  participations?: number;
  note?: string | null;
}

export interface Wish {
  id: string;
  organizationId: string;
  organization: { id: string; name: string } | null;
  round: number;
  beneficiaryCategory: WishCategory;
  beneficiaryName: string;
  content: string;
  status: WishStatus;
  nextStatus: WishStatus | null;
  collectedOn: string;
  claimedOn: string | null;
  fulfilledOn: string | null;
  claimantName: string | null;
  claimantUnit: string | null;
}

export interface WishFilter {
  organizationId?: string;
  round?: number;
  status?: WishStatus[];
  beneficiaryCategory?: WishCategory[];
}

export interface WishCount {
  beneficiaryCategory: WishCategory;
  status: WishStatus;
  count: number;
}

export interface WishBoard {
  rounds: number[];
  counts: WishCount[];
  fulfilledCount: number;
}

const ACTIVITY = 'id kind organizationId organization { id name } heldOn title place participations note';
const WISH = `id organizationId organization { id name } round beneficiaryCategory beneficiaryName content status nextStatus
  collectedOn claimedOn fulfilledOn claimantName claimantUnit`;

export function listActivities(filter: ActivityFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<Activity>> {
  return gql<{ activities: Connection<Activity> }>(
    `query Activities($filter: ActivityFilter, $first: Int, $after: String) {
      activities(filter: $filter, first: $first, after: $after) { nodes { ${ACTIVITY} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.activities);
}

/** Every activity matching the filter (a year of city-wide cleaning is a few dozen). */
export async function allActivities(filter: ActivityFilter, options: RequestOptions = {}): Promise<Activity[]> {
  const nodes: Activity[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const connection: Connection<Activity> = await listActivities(filter, 100, after, options);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}

export function activityTotals(args: { from?: string; to?: string; organizationId?: string }, options: RequestOptions = {}): Promise<ActivityTotal[]> {
  return gql<{ activityTotals: ActivityTotal[] }>(
    `query ActivityTotals($from: Date, $to: Date, $organizationId: ID) {
      activityTotals(from: $from, to: $to, organizationId: $organizationId) { kind count participations }
    }`,
    { from: args.from || null, to: args.to || null, organizationId: args.organizationId || null },
    options,
  ).then((data) => data.activityTotals);
}

export function createActivity(input: ActivityInput, options: RequestOptions = {}): Promise<Activity> {
  return gql<{ createActivity: Activity }>(
    `mutation CreateActivity($input: CreateActivityInput!) { createActivity(input: $input) { ${ACTIVITY} } }`,
    { input },
    options,
  ).then((data) => data.createActivity);
}

export function updateActivity(id: string, input: ActivityInput, options: RequestOptions = {}): Promise<Activity> {
  return gql<{ updateActivity: Activity }>(
    `mutation UpdateActivity($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { ${ACTIVITY} } }`,
    { id, input },
    options,
  ).then((data) => data.updateActivity);
}

export function deleteActivity(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteActivity($id: ID!) { deleteActivity(id: $id) { id } }', { id }, options).then(() => undefined);
}

export function listWishes(filter: WishFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<Wish>> {
  return gql<{ wishes: Connection<Wish> }>(
    `query Wishes($filter: WishFilter, $first: Int, $after: String) {
      wishes(filter: $filter, first: $first, after: $after) { nodes { ${WISH} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.wishes);
}

export function wishBoard(round: number | null, options: RequestOptions = {}): Promise<WishBoard> {
  return gql<{ wishBoard: WishBoard }>(
    `query WishBoard($round: Int) { wishBoard(round: $round) { rounds fulfilledCount counts { beneficiaryCategory status count } } }`,
    { round },
    options,
  ).then((data) => data.wishBoard);
}

export function createWish(
  input: { organizationId: string; round: number; beneficiaryCategory: WishCategory; beneficiaryName: string; content: string; collectedOn: string },
  options: RequestOptions = {},
): Promise<Wish> {
  return gql<{ createWish: Wish }>(`mutation CreateWish($input: CreateWishInput!) { createWish(input: $input) { ${WISH} } }`, { input }, options).then(
    (data) => data.createWish,
  );
}

export function advanceWish(
  id: string,
  input: { status: WishStatus; claimantName?: string | null; claimantUnit?: string | null; on?: string | null },
  options: RequestOptions = {},
): Promise<Wish> {
  return gql<{ advanceWish: Wish }>(
    `mutation AdvanceWish($id: ID!, $input: AdvanceWishInput!) { advanceWish(id: $id, input: $input) { ${WISH} } }`,
    { id, input },
    options,
  ).then((data) => data.advanceWish);
}

export function deleteWish(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteWish($id: ID!) { deleteWish(id: $id) { id } }', { id }, options).then(() => undefined);
}

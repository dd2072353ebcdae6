import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';

export const REQUEST_SCALES = ['MAJOR', 'MINOR', 'HOUSEHOLD'] as const;
export type RequestScale = (typeof REQUEST_SCALES)[number];
export const REQUEST_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'RESOLVED'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_CATEGORIES = [
  'ELDERLY_CARE',
  'ENVIRONMENT',
  'NEIGHBOURHOOD_DISPUTE',
  'PROPERTY',
  'SAFETY',
  'POLICY',
  'EMPLOYMENT',
  'PERMITS',
  'FINANCING',
  'OTHER',
] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

export interface ResidentRequest {
  id: string;
  requesterName: string;
  contact: string | null;
  content: string;
  category: RequestCategory;
  scale: RequestScale;
  status: RequestStatus;
  allowedStatuses: RequestStatus[];
  communityOrganizationId: string;
  communityOrganization: { id: string; name: string } | null;
  handledBy: string | null;
  handlerMember: { id: string; name: string } | null;
  receivedAt: string;
  dueOn: string | null;
  overdue: boolean;
  feedback: string | null;
  feedbackAt: string | null;
  resolvedAt: string | null;
}

export interface RequestFilter {
  source: 'RESIDENT';
  organizationId?: string;
  status?: RequestStatus[];
  scale?: RequestScale[];
  overdue?: boolean;
  receivedFrom?: string;
  receivedTo?: string;
  search?: string;
}

export interface StatsRow {
  communityOrganizationId: string | null;
  communityName: string | null;
  count: number;
  byStatus: Array<{ status: RequestStatus; count: number }>;
  answeredCount: number;
  medianHoursToFeedback: number | null;
  overdueCount: number;
}

export interface RequestStats {
  today: string;
  rows: StatsRow[];
  total: StatsRow;
}

export interface RequestInput {
  communityOrganizationId?: string;
  requesterName?: string;
  contact?: string | null;
  content?: string;
  category?: RequestCategory;
  scale?: RequestScale;
  handledBy?: string | null;
  receivedAt?: string | null;
  dueOn?: string | null;
}

const REQUEST = `id requesterName contact content category scale status allowedStatuses communityOrganizationId
  communityOrganization { id name } handledBy handlerMember { id name } receivedAt dueOn overdue feedback feedbackAt resolvedAt`;
const STATS_ROW = 'communityOrganizationId communityName count byStatus { status count } answeredCount medianHoursToFeedback overdueCount';

export function listRequests(filter: RequestFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<ResidentRequest>> {
  return gql<{ requests: Connection<ResidentRequest> }>(
    `query Requests($filter: RequestFilter, $first: Int, $after: String) {
      requests(filter: $filter, first: $first, after: $after) { nodes { ${REQUEST} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.requests);
}

export function requestStats(args: { from?: string; to?: string }, options: RequestOptions = {}): Promise<RequestStats> {
  return gql<{ requestStats: RequestStats }>(
    `query RequestStats($from: Date, $to: Date) {
      requestStats(from: $from, to: $to, source: RESIDENT) { today rows { ${STATS_ROW} } total { ${STATS_ROW} } }
    }`,
    { from: args.from || null, to: args.to || null },
    options,
  ).then((data) => data.requestStats);
}

export function createRequest(input: RequestInput, options: RequestOptions = {}): Promise<ResidentRequest> {
  return gql<{ createRequest: ResidentRequest }>(
    `mutation CreateRequest($input: CreateRequestInput!) { createRequest(input: $input) { ${REQUEST} } }`,
    { input: { ...input, source: 'RESIDENT' } },
    options,
  ).then((data) => data.createRequest);
}

export function updateRequest(id: string, input: RequestInput, options: RequestOptions = {}): Promise<ResidentRequest> {
  return gql<{ updateRequest: ResidentRequest }>(
    `mutation UpdateRequest($id: ID!, $input: UpdateRequestInput!) { updateRequest(id: $id, input: $input) { ${REQUEST} } }`,
    { id, input },
    options,
  ).then((data) => data.updateRequest);
}

export function advanceRequest(
  id: string,
  input: { status: RequestStatus; feedback?: string | null; handledBy?: string | null; handlerMemberId?: string | null; at?: string | null },
  options: RequestOptions = {},
): Promise<ResidentRequest> {
  return gql<{ advanceRequest: ResidentRequest }>(
    `mutation AdvanceRequest($id: ID!, $input: AdvanceRequestInput!) { advanceRequest(id: $id, input: $input) { ${REQUEST} } }`,
    { id, input },
    options,
  ).then((data) => data.advanceRequest);
}

export function deleteRequest(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteRequest($id: ID!) { deleteRequest(id: $id) { id } }', { id }, options).then(() => undefined);
}

export function searchMembers(organizationId: string, search: string, options: RequestOptions = {}): Promise<Array<{ id: string; name: string }>> {
  return gql<{ members: Connection<{ id: string; name: string }> }>(
    'query Handlers($filter: MemberFilter) { members(filter: $filter, first: 20) { nodes { id name } totalCount pageInfo { hasNextPage endCursor } } }',
    { filter: { organizationId, includeDescendants: true, ...(search.trim() ? { search: search.trim() } : {}) } },
    options,
  ).then((data) => data.members.nodes);
}

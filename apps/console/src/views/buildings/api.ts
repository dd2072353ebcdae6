import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';
import type { UnitCategory } from '@/views/non-public/model';
import type { RequestCategory, RequestScale, RequestStatus } from './model';

export {
  REQUEST_CATEGORIES,
  REQUEST_SCALES,
  REQUEST_STATUSES,
  type RequestCategory,
  type RequestScale,
  type RequestStatus,
} from './model';

// 楼宇党建: buildings and the stations serving them, the enterprises in each, and their requests.

type Ref = { id: string; name: string };

export interface Station {
  id: string;
  name: string;
  address: string | null;
  headName: string | null;
  establishedOn: string | null;
  organization: Ref | null;
}

export interface Building {
  id: string;
  name: string;
  address: string | null;
  floors: number | null;
  communityOrganization: Ref | null;
  station: Ref | null;
  branchOrganization: (Ref & { memberCount: number; fullMemberCount: number }) | null;
}

const BUILDING = `id name address floors communityOrganization { id name } station { id name }
  branchOrganization { id name memberCount fullMemberCount }`;

export function listStations(options: RequestOptions = {}): Promise<Station[]> {
  return gql<{ buildingStations: Connection<Station> }>(
    `query BuildingStations { buildingStations(first: 100) { nodes { id name address headName establishedOn organization { id name } } totalCount pageInfo { hasNextPage endCursor } } }`,
    {},
    options,
  ).then((data) => data.buildingStations.nodes);
}

export function listBuildings(
  filter: { search?: string; stationId?: string; organizationId?: string },
  first: number,
  after: string | null,
  options: RequestOptions = {},
): Promise<Connection<Building>> {
  return gql<{ buildings: Connection<Building> }>(
    `query Buildings($filter: BuildingFilter, $first: Int, $after: String) {
      buildings(filter: $filter, first: $first, after: $after) { nodes { ${BUILDING} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.buildings);
}

export function getBuilding(id: string, options: RequestOptions = {}): Promise<Building | null> {
  return gql<{ building: Building | null }>(`query Building($id: ID!) { building(id: $id) { ${BUILDING} } }`, { id }, options).then((data) => data.building);
}

export interface Enterprise {
  id: string;
  name: string;
  category: UnitCategory;
  creditCode: string | null;
  staffCount: number;
  fullMemberCount: number;
  organizationCovered: boolean;
  needsOwnOrganization: boolean;
  organizationId: string | null;
  jointBranchOrganizationId: string | null;
  organization: (Ref & { memberCount: number }) | null;
  jointBranchOrganization: Ref | null;
}

export function listEnterprises(buildingId: string, options: RequestOptions = {}): Promise<Enterprise[]> {
  return gql<{ units: Connection<Enterprise> }>(
    `query BuildingEnterprises($filter: UnitFilter) {
      units(filter: $filter, first: 100) {
        nodes { id name category creditCode staffCount fullMemberCount organizationCovered needsOwnOrganization organizationId jointBranchOrganizationId
          organization { id name memberCount } jointBranchOrganization { id name } }
        totalCount pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter: { buildingId } },
    options,
  ).then((data) => data.units.nodes);
}




export interface EnterpriseRequest {
  id: string;
  status: RequestStatus;
  category: RequestCategory;
  scale: RequestScale;
  content: string;
  requesterName: string;
  contact: string | null;
  receivedAt: string;
  startedAt: string | null;
  resolvedAt: string | null;
  dueOn: string | null;
  overdue: boolean;
  feedback: string | null;
  feedbackAt: string | null;
  handledBy: string | null;
  allowedStatuses: RequestStatus[];
  unit: Ref | null;
  building: Ref | null;
  communityOrganization: Ref | null;
}

const REQUEST = `id status category scale content requesterName contact receivedAt startedAt resolvedAt dueOn overdue
  feedback feedbackAt handledBy allowedStatuses unit { id name } building { id name } communityOrganization { id name }`;

export interface RequestListFilter {
  buildingId?: string;
  category?: RequestCategory[];
  overdue?: boolean;
  search?: string;
  receivedFrom?: string;
  receivedTo?: string;
}

/** One column of the board: the enterprise requests in one status (the newest received first). */
export function listRequests(
  filter: RequestListFilter & { status: RequestStatus[] },
  first: number,
  options: RequestOptions = {},
): Promise<Connection<EnterpriseRequest>> {
  return gql<{ requests: Connection<EnterpriseRequest> }>(
    `query EnterpriseRequests($filter: RequestFilter, $first: Int) {
      requests(filter: $filter, first: $first, orderBy: RECEIVED_AT, direction: DESC) {
        nodes { ${REQUEST} } totalCount pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter: { ...filter, source: 'ENTERPRISE' }, first },
    options,
  ).then((data) => data.requests);
}

export function advanceRequest(
  id: string,
  input: { status: RequestStatus; feedback?: string | null; handledBy?: string | null },
  options: RequestOptions = {},
): Promise<EnterpriseRequest> {
  return gql<{ advanceRequest: EnterpriseRequest }>(
    `mutation AdvanceRequest($id: ID!, $input: AdvanceRequestInput!) { advanceRequest(id: $id, input: $input) { ${REQUEST} } }`,
    { id, input },
    options,
  ).then((data) => data.advanceRequest);
}

export interface RequestInput {
  unitId: string;
  buildingId?: string | null;
  communityOrganizationId: string;
  requesterName: string;
  contact?: string | null;
  category: RequestCategory;
  scale: RequestScale;
  content: string;
  dueOn?: string | null;
  handledBy?: string | null;
}

export function createRequest(input: RequestInput, options: RequestOptions = {}): Promise<EnterpriseRequest> {
  return gql<{ createRequest: EnterpriseRequest }>(
    `mutation CreateRequest($input: CreateRequestInput!) { createRequest(input: $input) { ${REQUEST} } }`,
    { input: { ...input, source: 'ENTERPRISE' } },
    options,
  ).then((data) => data.createRequest);
}

export interface RequestStatsRow {
  count: number;
  answeredCount: number;
  overdueCount: number;
  medianHoursToFeedback: number | null;
}

export function getRequestStats(options: RequestOptions = {}): Promise<RequestStatsRow> {
  return gql<{ requestStats: { total: RequestStatsRow } }>(
    `query EnterpriseRequestStats { requestStats(source: ENTERPRISE) { total { count answeredCount overdueCount medianHoursToFeedback } } }`,
    {},
    options,
  ).then((data) => data.requestStats.total);
}

export interface EnterpriseOption {
  id: string;
  name: string;
  buildingId: string | null;
  communityOrganizationId: string;
}

/** The enterprises in buildings, for the request form (a subdistrict has a few dozen). */
export function listEnterpriseOptions(options: RequestOptions = {}): Promise<EnterpriseOption[]> {
  return gql<{ units: Connection<EnterpriseOption> }>(
    `query EnterpriseOptions { units(first: 100, filter: { category: [NON_PUBLIC_ENTERPRISE, SOCIAL_ORGANIZATION] }) {
      nodes { id name buildingId communityOrganizationId } totalCount pageInfo { hasNextPage endCursor } } }`,
    {},
    options,
  ).then((data) => data.units.nodes);
}

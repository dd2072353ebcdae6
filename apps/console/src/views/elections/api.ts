import { gql, type RequestOptions } from '@/api/request';
import type { CadreStatistics, Connection, Education, Gender } from '@/api/types';

export const SEAT_ROLES = ['SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER'] as const;
export type SeatRole = (typeof SEAT_ROLES)[number];

export interface Seat {
  id: string;
  role: SeatRole;
  member: { id: string; name: string; gender: Gender; birthDate: string; education: Education };
}

export interface Election {
  id: string;
  electedOn: string;
  termYears: number;
  termEndsOn: string;
  organization: { id: string; name: string };
  seats: Seat[];
}

export interface ElectionFilter {
  organizationId?: string;
  electedFrom?: string;
  electedTo?: string;
}

export interface MemberOption {
  id: string;
  name: string;
  gender: Gender;
  birthDate: string;
  organization: { id: string; name: string };
}

const ELECTION = `id electedOn termYears termEndsOn organization { id name }
  seats { id role member { id name gender birthDate education } }`;

export function listElections(filter: ElectionFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<Election>> {
  return gql<{ elections: Connection<Election> }>(
    `query Elections($filter: ElectionFilter, $first: Int, $after: String) {
      elections(filter: $filter, first: $first, after: $after) { nodes { ${ELECTION} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.elections);
}

export function cadreStatistics(organizationIds: string[], asOf: string | null, options: RequestOptions = {}): Promise<CadreStatistics> {
  return gql<{ cadreStatistics: CadreStatistics }>(
    `query CadreStatistics($ids: [ID!]!, $asOf: Date) {
      cadreStatistics(organizationIds: $ids, asOf: $asOf) {
        asOf seatCount averageAge aged35OrUnderCount aged35OrUnderRatio collegeOrAboveCount collegeOrAboveRatio femaleRatio
      }
    }`,
    { ids: organizationIds, asOf },
    options,
  ).then((data) => data.cadreStatistics);
}

export function createElection(input: { organizationId: string; electedOn: string; termYears?: number | null }, options: RequestOptions = {}): Promise<Election> {
  return gql<{ createElection: Election }>(
    `mutation CreateElection($input: CreateElectionInput!) { createElection(input: $input) { ${ELECTION} } }`,
    { input },
    options,
  ).then((data) => data.createElection);
}

export function updateElection(id: string, input: { electedOn?: string; termYears?: number }, options: RequestOptions = {}): Promise<Election> {
  return gql<{ updateElection: Election }>(
    `mutation UpdateElection($id: ID!, $input: UpdateElectionInput!) { updateElection(id: $id, input: $input) { ${ELECTION} } }`,
    { id, input },
    options,
  ).then((data) => data.updateElection);
}

export function deleteElection(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteElection($id: ID!) { deleteElection(id: $id) { id } }', { id }, options).then(() => undefined);
}

export function addCommitteeSeat(input: { electionId: string; memberId: string; role: SeatRole }, options: RequestOptions = {}): Promise<void> {
  return gql('mutation AddSeat($input: AddCommitteeSeatInput!) { addCommitteeSeat(input: $input) { id } }', { input }, options).then(() => undefined);
}

export function removeCommitteeSeat(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation RemoveSeat($id: ID!) { removeCommitteeSeat(id: $id) }', { id }, options).then(() => undefined);
}

/** Members of an organisation's subtree whose name starts with the keyword (for a new seat). */
export function searchMembers(organizationId: string, search: string, options: RequestOptions = {}): Promise<MemberOption[]> {
  return gql<{ members: Connection<MemberOption> }>(
    `query SeatMembers($filter: MemberFilter) {
      members(filter: $filter, first: 20) { nodes { id name gender birthDate organization { id name } } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter: { organizationId, includeDescendants: true, ...(search.trim() ? { search: search.trim() } : {}) } },
    options,
  ).then((data) => data.members.nodes);
}

/** The community organisations (the article's statistics are over them): ids and names. */
export function listCommunityOrganizations(options: RequestOptions = {}): Promise<Array<{ id: string; name: string }>> {
  return gql<{ communities: Connection<{ organization: { id: string; name: string } | null }> }>(
    '{ communities(first: 100) { nodes { organization { id name } } totalCount pageInfo { hasNextPage endCursor } } }',
    {},
    options,
  ).then((data) => data.communities.nodes.flatMap((node) => (node.organization ? [node.organization] : [])));
}

/** The names of organisations given by id (from the address bar): plain ids only, at most 30 at once. */
export function organizationNames(ids: string[], options: RequestOptions = {}): Promise<Array<{ id: string; name: string }>> {
  const valid = ids.filter((id) => /^\d{1,20}$/.test(id)).slice(0, 30);
  if (!valid.length) return Promise.resolve([]);
  const fields = valid.map((id, index) => `o${index}: organization(id: ${JSON.stringify(id)}) { id name }`).join('\n');
  return gql<Record<string, { id: string; name: string } | null>>(`{ ${fields} }`, {}, options).then((data) =>
    Object.values(data).filter((value): value is { id: string; name: string } => Boolean(value)),
  );
}

export function searchOrganizations(search: string, options: RequestOptions = {}): Promise<Array<{ id: string; name: string }>> {
  return gql<{ organizations: Connection<{ id: string; name: string }> }>(
    'query Orgs($filter: OrganizationFilter) { organizations(filter: $filter, first: 20) { nodes { id name } totalCount pageInfo { hasNextPage endCursor } } }',
    { filter: search.trim() ? { search: search.trim() } : {} },
    options,
  ).then((data) => data.organizations.nodes);
}

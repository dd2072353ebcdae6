import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';

export const LINKAGE_TYPES = ['PARTY_BUILDING', 'CIVILITY', 'PUBLIC_SERVICE', 'CHARITY', 'ENVIRONMENT', 'GOVERNANCE', 'CULTURE'] as const;
export type LinkageType = (typeof LINKAGE_TYPES)[number];

export interface Alliance {
  id: string;
  name: string;
  description: string | null;
  establishedOn: string | null;
  organizationId: string;
  organization: { id: string; name: string } | null;
}

export interface AllianceUnit {
  id: string;
  allianceId: string;
  name: string;
  unitId: string | null;
  unit: { id: string; name: string } | null;
  joinedOn: string | null;
  leftOn: string | null;
}

export interface LinkageProject {
  id: string;
  allianceId: string;
  linkageType: LinkageType;
  title: string;
  heldOn: string;
  outcome: string | null;
  allianceUnitIds: string[];
}

export interface ProjectFilter {
  allianceId?: string;
  linkageType?: LinkageType[];
  heldFrom?: string;
  heldTo?: string;
}

const ALLIANCE = 'id name description establishedOn organizationId organization { id name }';
const UNIT = 'id allianceId name unitId unit { id name } joinedOn leftOn';
const PROJECT = 'id allianceId linkageType title heldOn outcome allianceUnitIds';

export function listAlliances(options: RequestOptions = {}): Promise<Alliance[]> {
  return gql<{ alliances: Connection<Alliance> }>(
    `{ alliances(first: 100) { nodes { ${ALLIANCE} } totalCount pageInfo { hasNextPage endCursor } } }`,
    {},
    options,
  ).then((data) => data.alliances.nodes);
}

/** Every member unit of an alliance (a few dozen at most). */
export async function listUnits(allianceId: string, activeOn: string | null, options: RequestOptions = {}): Promise<AllianceUnit[]> {
  const nodes: AllianceUnit[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const connection: Connection<AllianceUnit> = await gql<{ allianceUnits: Connection<AllianceUnit> }>(
      `query Units($filter: AllianceUnitFilter, $after: String) {
        allianceUnits(filter: $filter, first: 100, after: $after) { nodes { ${UNIT} } totalCount pageInfo { hasNextPage endCursor } }
      }`,
      { filter: { allianceId, ...(activeOn ? { activeOn } : {}) }, after },
      options,
    ).then((data) => data.allianceUnits);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}

export function listProjects(filter: ProjectFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<LinkageProject>> {
  return gql<{ linkageProjects: Connection<LinkageProject> }>(
    `query Projects($filter: LinkageProjectFilter, $first: Int, $after: String) {
      linkageProjects(filter: $filter, first: $first, after: $after) { nodes { ${PROJECT} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.linkageProjects);
}

export function linkageTotals(args: { allianceId?: string; from?: string; to?: string }, options: RequestOptions = {}): Promise<Array<{ linkageType: LinkageType; count: number }>> {
  return gql<{ linkageTotals: Array<{ linkageType: LinkageType; count: number }> }>(
    'query LinkageTotals($allianceId: ID, $from: Date, $to: Date) { linkageTotals(allianceId: $allianceId, from: $from, to: $to) { linkageType count } }',
    { allianceId: args.allianceId || null, from: args.from || null, to: args.to || null },
    options,
  ).then((data) => data.linkageTotals);
}

export function saveAlliance(
  id: string | null,
  input: { name: string; organizationId: string; establishedOn: string | null; description: string | null },
  options: RequestOptions = {},
): Promise<Alliance> {
  return id
    ? gql<{ updateAlliance: Alliance }>(
        `mutation UpdateAlliance($id: ID!, $input: UpdateAllianceInput!) { updateAlliance(id: $id, input: $input) { ${ALLIANCE} } }`,
        { id, input },
        options,
      ).then((data) => data.updateAlliance)
    : gql<{ createAlliance: Alliance }>(`mutation CreateAlliance($input: CreateAllianceInput!) { createAlliance(input: $input) { ${ALLIANCE} } }`, { input }, options).then(
        (data) => data.createAlliance,
      );
}

export function saveUnit(
  id: string | null,
  input: { allianceId: string; name: string | null; unitId: string | null; joinedOn: string | null; leftOn: string | null },
  options: RequestOptions = {},
): Promise<AllianceUnit> {
  if (id) {
    const { allianceId: _allianceId, ...patch } = input;
    return gql<{ updateAllianceUnit: AllianceUnit }>(
      `mutation UpdateUnit($id: ID!, $input: UpdateAllianceUnitInput!) { updateAllianceUnit(id: $id, input: $input) { ${UNIT} } }`,
      { id, input: patch },
      options,
    ).then((data) => data.updateAllianceUnit);
  }
  return gql<{ createAllianceUnit: AllianceUnit }>(`mutation CreateUnit($input: CreateAllianceUnitInput!) { createAllianceUnit(input: $input) { ${UNIT} } }`, { input }, options).then(
    (data) => data.createAllianceUnit,
  );
}

export function saveProject(
  id: string | null,
  input: { allianceId: string; linkageType: LinkageType; title: string; heldOn: string; outcome: string | null; allianceUnitIds: string[] },
  options: RequestOptions = {},
): Promise<LinkageProject> {
  if (id) {
    const { allianceId: _allianceId, ...patch } = input;
    return gql<{ updateLinkageProject: LinkageProject }>(
      `mutation UpdateProject($id: ID!, $input: UpdateLinkageProjectInput!) { updateLinkageProject(id: $id, input: $input) { ${PROJECT} } }`,
      { id, input: patch },
      options,
    ).then((data) => data.updateLinkageProject);
  }
  return gql<{ createLinkageProject: LinkageProject }>(
    `mutation CreateProject($input: CreateLinkageProjectInput!) { createLinkageProject(input: $input) { ${PROJECT} } }`,
    { input },
    options,
  ).then((data) => data.createLinkageProject);
}

export function deleteUnit(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteUnit($id: ID!) { deleteAllianceUnit(id: $id) { id } }', { id }, options).then(() => undefined);
}

export function deleteProject(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteProject($id: ID!) { deleteLinkageProject(id: $id) { id } }', { id }, options).then(() => undefined);
}

/** Registered units to link a member unit to (the unit register belongs to the survey). */
export function searchUnits(search: string, options: RequestOptions = {}): Promise<Array<{ id: string; name: string }>> {
  return gql<{ units: Connection<{ id: string; name: string }> }>(
    'query Units($filter: UnitFilter) { units(filter: $filter, first: 20) { nodes { id name } totalCount pageInfo { hasNextPage endCursor } } }',
    { filter: search.trim() ? { search: search.trim() } : {} },
    options,
  ).then((data) => data.units.nodes);
}

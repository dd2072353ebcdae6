import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';

export interface Community {
  id: string;
  organizationId: string;
  organization: { id: string; name: string } | null;
  name: string;
  shortName: string;
  brandName: string | null;
  brandType: string | null;
  workMethod: string | null;
  highlights: string | null;
  households: number | null;
  residentCount: number | null;
  address: string | null;
  sortOrder: number;
}

export interface CommunityInput {
  organizationId?: string;
  name?: string;
  shortName?: string;
  brandName?: string | null;
  brandType?: string | null;
  workMethod?: string | null;
  highlights?: string | null;
  households?: number | null;
  residentCount?: number | null;
  address?: string | null;
  sortOrder?: number | null;
}

const COMMUNITY = `id organizationId organization { id name } name shortName brandName brandType workMethod highlights
  households residentCount address sortOrder`;

/** Every community profile in scope (a subdistrict has a handful; a district a few hundred). */
export async function listCommunities(filter: { search?: string; brandType?: string }, options: RequestOptions = {}): Promise<Community[]> {
  const nodes: Community[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const connection: Connection<Community> = await gql<{ communities: Connection<Community> }>(
      `query Communities($filter: CommunityFilter, $after: String) {
        communities(filter: $filter, first: 100, after: $after) { nodes { ${COMMUNITY} } totalCount pageInfo { hasNextPage endCursor } }
      }`,
      { filter, after },
      options,
    ).then((data) => data.communities);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}

export function createCommunity(input: CommunityInput, options: RequestOptions = {}): Promise<Community> {
  return gql<{ createCommunity: Community }>(
    `mutation CreateCommunity($input: CreateCommunityInput!) { createCommunity(input: $input) { ${COMMUNITY} } }`,
    { input },
    options,
  ).then((data) => data.createCommunity);
}

export function updateCommunity(id: string, input: CommunityInput, options: RequestOptions = {}): Promise<Community> {
  return gql<{ updateCommunity: Community }>(
    `mutation UpdateCommunity($id: ID!, $input: UpdateCommunityInput!) { updateCommunity(id: $id, input: $input) { ${COMMUNITY} } }`,
    { id, input },
    options,
  ).then((data) => data.updateCommunity);
}

export function deleteCommunity(id: string, options: RequestOptions = {}): Promise<void> {
  return gql('mutation DeleteCommunity($id: ID!) { deleteCommunity(id: $id) { id } }', { id }, options).then(() => undefined);
}

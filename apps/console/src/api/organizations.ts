import { gql, type RequestOptions } from './request';
import type { Connection, OrganizationDetail, OrganizationFilter, OrganizationSummary, OrganizationTreeNode } from './types';

const SUMMARY = 'id upstreamId name type category memberCount fullMemberCount';
const TREE_NODE = `${SUMMARY} children { id }`;

export function listOrganizations(
  filter: OrganizationFilter,
  first: number,
  after: string | null,
  options: RequestOptions = {},
): Promise<Connection<OrganizationTreeNode>> {
  return gql<{ organizations: Connection<OrganizationTreeNode> }>(
    `query Organizations($filter: OrganizationFilter, $first: Int, $after: String) {
      organizations(filter: $filter, first: $first, after: $after) {
        nodes { ${TREE_NODE} }
        totalCount
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.organizations);
}

/**
 * The communities' own Party organisations: COMMUNITY organisations whose parent is not itself a
 * community organisation (the branches inside a community share its category). All pages of them.
 */
export async function listCommunityOrganizations(options: RequestOptions = {}): Promise<OrganizationSummary[]> {
  type Node = OrganizationSummary & { parent: { id: string; category: string } | null };
  const nodes: Node[] = [];
  let after: string | null = null;
  // A subdistrict has a few dozen community organisations; the bound only stops a runaway loop.
  for (let page = 0; page < 20; page++) {
    const data: { organizations: Connection<Node> } = await gql(
      `query CommunityOrganizations($filter: OrganizationFilter, $first: Int, $after: String) {
        organizations(filter: $filter, first: $first, after: $after) {
          nodes { ${SUMMARY} parent { id category } }
          totalCount
          pageInfo { hasNextPage endCursor }
        }
      }`,
      { filter: { category: ['COMMUNITY'] }, first: 100, after },
      options,
    );
    nodes.push(...data.organizations.nodes);
    if (!data.organizations.pageInfo.hasNextPage || !data.organizations.pageInfo.endCursor) break;
    after = data.organizations.pageInfo.endCursor;
  }
  return nodes.filter((node) => node.parent?.category !== 'COMMUNITY').map(({ parent: _parent, ...node }) => node);
}

export function getOrganization(id: string, options: RequestOptions = {}): Promise<OrganizationDetail | null> {
  return gql<{ organization: OrganizationDetail | null }>(
    `query Organization($id: ID!) {
      organization(id: $id) {
        ${SUMMARY}
        parent { id name }
        children { ${TREE_NODE} }
      }
    }`,
    { id },
    options,
  ).then((data) => data.organization);
}

/** The chain of parents' ids, nearest first, to open the tree down to an organisation. */
export function getAncestorIds(id: string, depth = 6): Promise<string[]> {
  let selection = 'id';
  for (let i = 0; i < depth; i++) selection = `id parent { ${selection} }`;
  return gql<{ organization: Record<string, unknown> | null }>(
    `query OrganizationAncestors($id: ID!) { organization(id: $id) { ${selection} } }`,
    { id },
  ).then((data) => {
    const ids: string[] = [];
    let parent = data.organization?.parent as { id: string; parent?: unknown } | null | undefined;
    while (parent) {
      ids.push(parent.id);
      parent = parent.parent as typeof parent;
    }
    return ids;
  });
}

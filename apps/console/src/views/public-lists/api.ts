import { gql, type RequestOptions } from '@/api/request';
import type { Connection } from '@/api/types';

export const PUBLIC_KINDS = ['STUDY', 'RESOURCE', 'ACTIVITY'] as const;
export type PublicKind = (typeof PUBLIC_KINDS)[number];

/** What the public query returns: no people, no internal fields. */
export interface PublishedItem {
  id: string;
  kind: PublicKind;
  title: string;
  content: string | null;
  status: 'OPEN' | 'RECTIFYING' | 'CLOSED';
  dueOn: string | null;
  publishedAt: string;
}

/** A screen shows a community's whole notice; beyond this many items it shows the newest. */
export const MAX_ITEMS = 300;

/** A community's notice: its name and every published item. */
export interface PublishedNotice {
  communityName: string;
  items: PublishedItem[];
}

/**
 * Every published item of a community, without signing in (the request carries no token). The
 * community's name comes with the first page.
 */
export async function loadPublished(communityId: string, options: RequestOptions = {}): Promise<PublishedNotice> {
  const items: PublishedItem[] = [];
  let communityName = '';
  let after: string | null = null;
  do {
    const first = after === null;
    const data: { publishedChecklist: Connection<PublishedItem>; publishedCommunity?: { name: string } } = await gql(
      `query PublishedChecklist($communityId: ID!, $first: Int, $after: String, $withCommunity: Boolean!) {
        publishedCommunity(communityId: $communityId) @include(if: $withCommunity) { name }
        publishedChecklist(communityId: $communityId, first: $first, after: $after) {
          nodes { id kind title content status dueOn publishedAt }
          totalCount
          pageInfo { hasNextPage endCursor }
        }
      }`,
      { communityId, first: 100, after, withCommunity: first },
      { ...options, anonymous: true },
    );
    if (data.publishedCommunity) communityName = data.publishedCommunity.name;
    const page = data.publishedChecklist;
    items.push(...page.nodes);
    after = page.pageInfo.hasNextPage && items.length < MAX_ITEMS ? page.pageInfo.endCursor : null;
  } while (after);
  return { communityName, items };
}

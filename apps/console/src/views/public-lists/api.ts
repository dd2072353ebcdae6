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

/** Every published item of a community, without signing in (the request carries no token). */
export async function loadPublished(communityId: string, options: RequestOptions = {}): Promise<PublishedItem[]> {
  const items: PublishedItem[] = [];
  let after: string | null = null;
  do {
    const page: Connection<PublishedItem> = await gql<{ publishedChecklist: Connection<PublishedItem> }>(
      `query PublishedChecklist($communityId: ID!, $first: Int, $after: String) {
        publishedChecklist(communityId: $communityId, first: $first, after: $after) {
          nodes { id kind title content status dueOn publishedAt }
          totalCount
          pageInfo { hasNextPage endCursor }
        }
      }`,
      { communityId, first: 100, after },
      { ...options, anonymous: true },
    ).then((data) => data.publishedChecklist);
    items.push(...page.nodes);
    after = page.pageInfo.hasNextPage && items.length < MAX_ITEMS ? page.pageInfo.endCursor : null;
  } while (after);
  return items;
}

import { Field, ObjectType } from '@nestjs/graphql';
import type { ConnectionNeeds } from '@dangjian/domain';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

@ObjectType({ description: '分页信息：用 endCursor 作为下一页的 after' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/**
 * Which parts of a connection the query selected: a list whose `totalCount` is not asked for
 * costs no count, and `totalCount` alone costs no page of rows.
 */
export function connectionNeeds(info: GraphQLResolveInfo): ConnectionNeeds {
  const needs: ConnectionNeeds = { nodes: false, totalCount: false };
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === 'nodes' || name === 'pageInfo') needs.nodes = true;
        if (name === 'totalCount') needs.totalCount = true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, new Set());
  return needs;
}

/**
 * Whether the query selected `field` on the connection's nodes (`nodes { field }`), so that a
 * list can read that relation with its page instead of asking a loader afterwards.
 */
export function selectsNodeField(info: GraphQLResolveInfo, field: string): boolean {
  const within = (set: SelectionSetNode | undefined, seen: Set<string>, path: readonly string[]): boolean => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== path[0]) continue;
        if (path.length === 1) return true;
        if (within(selection.selectionSet, seen, path.slice(1))) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (within(selection.selectionSet, seen, path)) return true;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        if (within(info.fragments[selection.name.value]?.selectionSet, seen, path)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => within(node.selectionSet, new Set(), ['nodes', field]));
}

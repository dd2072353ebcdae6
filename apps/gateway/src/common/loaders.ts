import {
  childrenByParentIds,
  FULL_SCOPE,
  latestTransfersByMemberIds,
  memberCountsByOrganizationIds,
  memberCountsInScope,
  membersByIds,
  organizationsByIds,
  type DataScope,
  type MemberCounts,
  type MemberRecord,
  type OrganizationRecord,
  type Queryable,
  type TransferRecord,
} from '@dangjian/domain';
import DataLoader from 'dataloader';
import { MEMBER_COUNTS_PREFIX, MEMBER_COUNTS_TTL_MS, type TtlCountCache } from './count-cache.js';

/**
 * The batch loaders of one request, each filtered by the caller's scope: a nested field costs one
 * statement per relation type for the whole response, and a row outside the scope loads as null.
 */
export interface Loaders {
  organization: DataLoader<string, OrganizationRecord | null>;
  /**
   * A member's organisation, removed ones included: upstream removes an organisation before the
   * members sync moves its members, and meanwhile they still belong to it.
   */
  memberOrganization: DataLoader<string, OrganizationRecord | null>;
  /** The caller's own organisation even when it lies outside their data scope (e.g. an instructor's). */
  ownOrganization: DataLoader<string, OrganizationRecord | null>;
  children: DataLoader<string, OrganizationRecord[]>;
  memberCounts: DataLoader<string, MemberCounts>;
  member: DataLoader<string, MemberRecord | null>;
  /** A member's most recent transfer in scope, by member id. */
  latestTransfer: DataLoader<string, TransferRecord | null>;
}

export function createLoaders(db: () => Queryable, scope: DataScope, counts?: TtlCountCache): Loaders {
  const scopeKey = scope.all ? 'all' : scope.organizationPaths.join(',');
  const byId = (scopeToUse: DataScope, withDeleted = false) =>
    new DataLoader<string, OrganizationRecord | null>(async (ids) => {
      const found = await organizationsByIds(db(), scopeToUse, ids, { withDeleted });
      return ids.map((id) => found.get(id) ?? null);
    });
  return {
    organization: byId(scope),
    memberOrganization: byId(scope, true),
    ownOrganization: byId(FULL_SCOPE),
    children: new DataLoader(async (ids) => {
      const found = await childrenByParentIds(db(), scope, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    // The subtree counts of the whole scope, worked out in one pass and remembered as one map
    // (see memberCountsInScope and MEMBER_COUNTS_TTL_MS); without a cache, those asked for alone.
    memberCounts: new DataLoader(async (ids) => {
      const found = counts
        ? await counts.remember(`${MEMBER_COUNTS_PREFIX}${scopeKey}`, () => memberCountsInScope(db(), scope), MEMBER_COUNTS_TTL_MS)
        : await memberCountsByOrganizationIds(db(), scope, ids);
      return ids.map((id) => found.get(id) ?? { memberCount: 0, fullMemberCount: 0 });
    }),
    member: new DataLoader(async (ids) => {
      const found = await membersByIds(db(), scope, ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    latestTransfer: new DataLoader(async (ids) => {
      const found = await latestTransfersByMemberIds(db(), scope, ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}

import {
  childrenByParentIds,
  FULL_SCOPE,
  latestTransfersByMemberIds,
  memberCountsByOrganizationIds,
  membersByIds,
  organizationsByIds,
  type CountCache,
  type DataScope,
  type MemberCounts,
  type MemberRecord,
  type OrganizationRecord,
  type Queryable,
  type TransferRecord,
} from '@dangjian/domain';
import DataLoader from 'dataloader';
import { MEMBER_COUNTS_PREFIX } from './count-cache.js';

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

export function createLoaders(db: () => Queryable, scope: DataScope, counts?: CountCache): Loaders {
  const scopeKey = scope.all ? 'all' : scope.organizationPaths.join(',');
  const countKey = (id: string, which: 'm' | 'f') => `${MEMBER_COUNTS_PREFIX}${scopeKey}|${id}|${which}`;
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
    // Subtree counts are dear for large organisations: the count cache answers them for a few seconds (see TtlCountCache).
    memberCounts: new DataLoader(async (ids) => {
      const known = new Map<string, MemberCounts>();
      for (const id of ids) {
        const memberCount = counts?.get(countKey(id, 'm'));
        const fullMemberCount = counts?.get(countKey(id, 'f'));
        if (memberCount !== undefined && fullMemberCount !== undefined) known.set(id, { memberCount, fullMemberCount });
      }
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) {
        const started = performance.now();
        const found = await memberCountsByOrganizationIds(db(), scope, missing);
        const elapsed = performance.now() - started;
        for (const id of missing) {
          const value = found.get(id) ?? { memberCount: 0, fullMemberCount: 0 };
          known.set(id, value);
          counts?.offer(countKey(id, 'm'), value.memberCount, elapsed);
          counts?.offer(countKey(id, 'f'), value.fullMemberCount, elapsed);
        }
      }
      return ids.map((id) => known.get(id) ?? { memberCount: 0, fullMemberCount: 0 });
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

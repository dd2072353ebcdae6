import {
  ORGANIZATION_CATEGORIES,
  ORGANIZATION_TYPES,
  type OrganizationCategory,
  type OrganizationType,
} from '../../entities/organization.entity.js';
import { Problems } from '../../errors/domain-error.js';
import { scopeSql, type DataScope } from './data-scope.js';
import { listInScope, type Connection, type ConnectionNeeds, type CountCache, type Ordering, type PageRequest } from './pagination.js';
import { findInScope, normalizeId, selectInScope } from './scoped-query.js';
import { escapeLike, sqlList, sqlRaw, runSql, sql, type Queryable, type Sql } from './sql.js';

/** One node of the organisation tree as lists and the gateway use it. */
export interface OrganizationRecord {
  id: string;
  upstreamId: string | null;
  name: string;
  type: OrganizationType;
  category: OrganizationCategory;
  parentId: string | null;
  path: string;
  depth: number;
  establishedOn: string | null;
  sortOrder: number;
}

export const ORGANIZATION_COLUMNS = sqlRaw(
  [
    'o.id AS id',
    'o.upstream_id AS upstreamId',
    'o.name AS name',
    'o.type AS type',
    'o.category AS category',
    'o.parent_id AS parentId',
    'o.path AS path',
    'o.depth AS depth',
    'o.established_on AS establishedOn',
    'o.sort_order AS sortOrder',
  ].join(', '),
);

export function toOrganization(row: Record<string, unknown>): OrganizationRecord {
  return {
    id: String(row.id),
    upstreamId: (row.upstreamId as string | null) ?? null,
    name: String(row.name),
    type: row.type as OrganizationType,
    category: row.category as OrganizationCategory,
    parentId: row.parentId === null || row.parentId === undefined ? null : String(row.parentId),
    path: String(row.path),
    depth: Number(row.depth),
    establishedOn: (row.establishedOn as string | null) ?? null,
    sortOrder: Number(row.sortOrder ?? 0),
  };
}

export interface OrganizationFilter {
  /** Part of the name, or an exact upstream organisation code. */
  search?: string | null;
  type?: OrganizationType[] | null;
  category?: OrganizationCategory[] | null;
  /** Everything below this organisation (not itself). */
  ancestorId?: string | null;
  /** The direct children of this organisation. */
  parentId?: string | null;
  /** Only the tops of the caller's scope (the whole tree's root for a district admin). */
  rootsOnly?: boolean | null;
}

export const ORGANIZATION_SORTS = ['TREE', 'NAME', 'ID'] as const;
export type OrganizationSort = (typeof ORGANIZATION_SORTS)[number];

const ORGANIZATION_ORDERINGS: Record<OrganizationSort, Ordering<OrganizationRecord>> = {
  TREE: {
    name: 'TREE',
    keys: [
      { column: 'o.depth', property: 'depth', direction: 'ASC' },
      { column: 'o.sort_order', property: 'sortOrder', direction: 'ASC' },
      { column: 'o.id', property: 'id', direction: 'ASC' },
    ],
  },
  NAME: {
    name: 'NAME',
    keys: [
      { column: 'o.name', property: 'name', direction: 'ASC' },
      { column: 'o.id', property: 'id', direction: 'ASC' },
    ],
  },
  ID: { name: 'ID', keys: [{ column: 'o.id', property: 'id', direction: 'ASC' }] },
};

export async function listOrganizations(
  db: Queryable,
  scope: DataScope,
  filter: OrganizationFilter,
  page: PageRequest,
  options: { sort?: OrganizationSort; needs?: ConnectionNeeds; counts?: CountCache } = {},
): Promise<Connection<OrganizationRecord>> {
  const problems = new Problems();
  for (const type of filter.type ?? []) {
    if (!ORGANIZATION_TYPES.includes(type)) problems.add('filter.type', 'ENUM', `党组织类型「${type}」无效`);
  }
  for (const category of filter.category ?? []) {
    if (!ORGANIZATION_CATEGORIES.includes(category)) problems.add('filter.category', 'ENUM', `党组织类别「${category}」无效`);
  }
  if (filter.search && filter.search.trim().length > 100) problems.add('filter.search', 'TOO_LONG', '搜索词不能超过 100 个字符');
  problems.throwIfAny();

  const where: Sql[] = [];
  const search = filter.search?.trim();
  if (search) {
    where.push(/^\d{12,15}$/.test(search) ? sql`o.upstream_id = ${search}` : sql`o.name LIKE ${`%${escapeLike(search)}%`}`);
  }
  if (filter.type?.length) where.push(sql`o.type IN (${sqlList(filter.type)})`);
  if (filter.category?.length) where.push(sql`o.category IN (${sqlList(filter.category)})`);
  if (filter.ancestorId) {
    const ancestor = await getOrganization(db, scope, filter.ancestorId);
    where.push(sql`o.path LIKE ${`${ancestor.path}%`} AND o.id <> ${ancestor.id}`);
  }
  if (filter.parentId) {
    const parent = await getOrganization(db, scope, filter.parentId);
    where.push(sql`o.parent_id = ${parent.id}`);
  }
  if (filter.rootsOnly) {
    where.push(scope.all ? sqlRaw('o.parent_id IS NULL') : sql`o.path IN (${sqlList(scope.organizationPaths)})`);
  }
  return listInScope(db, {
    table: 'organization',
    alias: 'o',
    scope,
    columns: ORGANIZATION_COLUMNS,
    where,
    ordering: ORGANIZATION_ORDERINGS[options.sort ?? 'TREE'],
    page,
    needs: options.needs,
    counts: options.counts,
    map: toOrganization,
  });
}

/** The organisation with this id in scope; NOT_FOUND otherwise. */
export async function getOrganization(db: Queryable, scope: DataScope, id: string): Promise<OrganizationRecord> {
  return toOrganization(
    await findInScope<Record<string, unknown>>(db, {
      table: 'organization',
      alias: 'o',
      scope,
      columns: ORGANIZATION_COLUMNS,
      id,
      what: '党组织',
    }),
  );
}

/** Batch look-up for DataLoaders: the organisations among `ids` that are in scope. */
export async function organizationsByIds(
  db: Queryable,
  scope: DataScope,
  ids: readonly string[],
  options: { withDeleted?: boolean } = {},
): Promise<Map<string, OrganizationRecord>> {
  const valid = [...new Set(ids.map(normalizeId).filter((id): id is string => id !== null))];
  if (valid.length === 0) return new Map();
  const rows = await selectInScope<Record<string, unknown>>(db, {
    table: 'organization',
    alias: 'o',
    scope,
    columns: ORGANIZATION_COLUMNS,
    where: [sql`o.id IN (${sqlList(valid)})`],
    withDeleted: options.withDeleted,
  });
  return new Map(rows.map((row) => [String(row.id), toOrganization(row)]));
}

/** Batch look-up for DataLoaders: the children in scope of each parent, in tree order. */
export async function childrenByParentIds(
  db: Queryable,
  scope: DataScope,
  parentIds: readonly string[],
): Promise<Map<string, OrganizationRecord[]>> {
  const valid = [...new Set(parentIds.map(normalizeId).filter((id): id is string => id !== null))];
  const result = new Map<string, OrganizationRecord[]>(valid.map((id) => [id, []]));
  if (valid.length === 0) return result;
  const rows = await selectInScope<Record<string, unknown>>(db, {
    table: 'organization',
    alias: 'o',
    scope,
    columns: ORGANIZATION_COLUMNS,
    where: [sql`o.parent_id IN (${sqlList(valid)})`],
    orderBy: sqlRaw('o.sort_order ASC, o.id ASC'),
  });
  for (const row of rows) result.get(String(row.parentId))?.push(toOrganization(row));
  return result;
}

export interface MemberCounts {
  memberCount: number;
  fullMemberCount: number;
}

/**
 * Members whose relation is in each organisation's subtree (the organisation and everything below
 * it). Members on an outgoing transfer still IN_TRANSIT keep their organisation until the receiving
 * side receives them, so they are counted here, as the rules require.
 */
/**
 * The subtree member counts of every organisation in the scope at once: the members counted per
 * organisation in one pass over the member table, then added up the tree by path here. Asking
 * for a page of the tree organisation by organisation re-counts the members of a community once
 * for itself and once for each of its ancestors on the page, which on a large subdistrict costs a
 * hundred times more; this costs one pass whatever is asked, and suits a cache that keeps the
 * whole map for a while.
 */
export async function memberCountsInScope(db: Queryable, scope: DataScope): Promise<Map<string, MemberCounts>> {
  const organizations = await selectInScope<{ id: string | number; path: string }>(db, {
    table: 'organization',
    alias: 'o',
    scope,
    columns: sqlRaw('o.id AS id, o.path AS path'),
  });
  const direct = await selectInScope<{ id: string | number; memberCount: number | string; fullMemberCount: number | string | null }>(
    db,
    {
      table: 'member',
      alias: 'm',
      scope,
      columns: sqlRaw(
        "m.organization_id AS id, COUNT(*) AS memberCount, COALESCE(SUM(m.status = 'FULL'), 0) AS fullMemberCount",
      ),
      groupBy: sqlRaw('m.organization_id'),
    },
  );
  const byPath = new Map<string, MemberCounts>();
  const result = new Map<string, MemberCounts>();
  const pathOf = new Map<string, string>();
  for (const organization of organizations) {
    const counts = { memberCount: 0, fullMemberCount: 0 };
    byPath.set(organization.path, counts);
    result.set(String(organization.id), counts);
    pathOf.set(String(organization.id), organization.path);
  }
  for (const row of direct) {
    const path = pathOf.get(String(row.id));
    // Members of a removed organisation, or of one outside the scope, count nowhere (as before).
    if (path === undefined) continue;
    const memberCount = Number(row.memberCount);
    const fullMemberCount = Number(row.fullMemberCount ?? 0);
    // "/1/4/17/" adds to "/1/", "/1/4/" and "/1/4/17/" — those of them in the scope.
    for (let end = path.indexOf('/', 1); end !== -1; end = path.indexOf('/', end + 1)) {
      const ancestor = byPath.get(path.slice(0, end + 1));
      if (!ancestor) continue;
      ancestor.memberCount += memberCount;
      ancestor.fullMemberCount += fullMemberCount;
    }
  }
  return result;
}

export async function memberCountsByOrganizationIds(
  db: Queryable,
  scope: DataScope,
  ids: readonly string[],
): Promise<Map<string, MemberCounts>> {
  const valid = [...new Set(ids.map(normalizeId).filter((id): id is string => id !== null))];
  const result = new Map<string, MemberCounts>(valid.map((id) => [id, { memberCount: 0, fullMemberCount: 0 }]));
  if (valid.length === 0) return result;
  const rows = await runSql<{ id: string; memberCount: number | string; fullMemberCount: number | string | null }>(
    db,
    sql`SELECT o.id AS id, COUNT(m.id) AS memberCount, COALESCE(SUM(m.status = 'FULL'), 0) AS fullMemberCount
          FROM organization o
          JOIN organization d ON d.path LIKE CONCAT(o.path, '%') AND d.deleted_at IS NULL
          LEFT JOIN member m ON m.organization_id = d.id AND m.deleted_at IS NULL
         WHERE o.id IN (${sqlList(valid)}) AND o.deleted_at IS NULL AND ${scopeSql('o.path', scope)}
         GROUP BY o.id`,
  );
  for (const row of rows) {
    result.set(String(row.id), { memberCount: Number(row.memberCount), fullMemberCount: Number(row.fullMemberCount ?? 0) });
  }
  return result;
}

import { DomainError } from '../../errors/domain-error.js';
import type { DataScope } from './data-scope.js';
import { scopedSource, type ScopedTable } from './scoped-query.js';
import { sqlAnd, sqlOr, sqlRaw, runSql, sql, type Queryable, type Sql } from './sql.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One page of a list: the contract's connection shape. */
export interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** Which parts of a connection the client asked for; the other parts cost no SQL. */
export interface ConnectionNeeds {
  nodes: boolean;
  totalCount: boolean;
}

export const ALL_CONNECTION_PARTS: ConnectionNeeds = { nodes: true, totalCount: true };

/** The page size asked for, checked: 0 to 100 (0 asks for the count only). */
export function checkPageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw DomainError.badInput([
      { field: 'first', reason: 'PAGE_SIZE', message: `每页条数应在 0 到 ${MAX_PAGE_SIZE} 之间，收到 ${String(first)}` },
    ]);
  }
  return size;
}

export type SortDirection = 'ASC' | 'DESC';

export interface SortKey<R> {
  /** A trusted SQL expression, e.g. "m.name". Never null for the rows being sorted. */
  column: string;
  /** The property of a result row that holds the same value. */
  property: keyof R & string;
  direction: SortDirection;
  /** DATETIME values travel in a cursor as ISO strings and must be compared as instants. */
  kind?: 'datetime';
}

/**
 * A sort order for keyset pagination. The last key must be unique (the id), so that every row has
 * exactly one place and a page boundary never skips or repeats a row.
 */
export interface Ordering<R> {
  name: string;
  keys: SortKey<R>[];
}

export function orderBySql<R>(ordering: Ordering<R>): Sql {
  return sqlRaw(ordering.keys.map((key) => `${key.column} ${key.direction}`).join(', '));
}

/** An opaque cursor: the sort values of the last row on the page, tied to the sort order's name. */
export function encodeCursor<R>(ordering: Ordering<R>, row: R): string {
  const values = ordering.keys.map((key) => {
    const value = row[key.property] as unknown;
    return value instanceof Date ? value.toISOString() : value;
  });
  return Buffer.from(JSON.stringify([ordering.name, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor<R>(ordering: Ordering<R>, cursor: string): unknown[] {
  const invalid = () =>
    DomainError.badInput([
      { field: 'after', reason: 'CURSOR_INVALID', message: '分页游标无效或与当前排序不符，请从第一页重新查询' },
    ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== ordering.keys.length + 1 || decoded[0] !== ordering.name) {
    throw invalid();
  }
  return ordering.keys.map((key, index) => {
    const value: unknown = decoded[index + 1];
    if (typeof value !== 'string' && typeof value !== 'number') throw invalid();
    if (key.kind === 'datetime') {
      const instant = new Date(String(value));
      if (Number.isNaN(instant.getTime())) throw invalid();
      return instant;
    }
    return value;
  });
}

/** Rows strictly after the cursor in the ordering: (a > x) OR (a = x AND b > y) … */
export function keysetCondition<R>(ordering: Ordering<R>, values: unknown[]): Sql {
  const branches: Sql[] = [];
  ordering.keys.forEach((key, index) => {
    const equalBefore = ordering.keys
      .slice(0, index)
      .map((earlier, i) => sql`${sqlRaw(earlier.column)} = ${values[i]}`);
    const beyond = key.direction === 'ASC' ? sqlRaw('>') : sqlRaw('<');
    branches.push(sqlAnd([...equalBefore, sql`${sqlRaw(key.column)} ${beyond} ${values[index]}`]));
  });
  return sqlOr(branches);
}

/**
 * Remembers expensive counts for a moment. Counting a large subtree costs far more than reading a
 * page of it; a cache may keep such a count briefly (it is offered every count, with the time the
 * statement took), and then the page is read without counting again.
 */
export interface CountCache {
  get(key: string): number | undefined;
  offer(key: string, count: number, elapsedMs: number): void;
}

export interface PlainList<R> {
  /** The FROM clause (trusted table names and joins). */
  from: Sql;
  /**
   * The FROM clause of the page itself when it reads more than the count needs: `from` with
   * LEFT JOINs on primary keys that only add columns to the nodes (the count keeps `from`).
   */
  nodesFrom?: Sql;
  columns: Sql;
  where?: Sql[];
  ordering: Ordering<R>;
  page: PageRequest;
  needs?: ConnectionNeeds;
  /** Turns a raw row into the node returned. */
  map?: (row: Record<string, unknown>) => R;
  counts?: CountCache;
}

export interface ScopedList<R> extends Omit<PlainList<R>, 'from'> {
  table: ScopedTable;
  alias: string;
  scope: DataScope;
  /** Extra joins after the scoped source. */
  joins?: Sql;
  /** Joins that only add columns to the nodes, never change which rows match: left out of the count. */
  nodeJoins?: Sql;
}

/** One page of a scoped list: `listPage` over the scoped source, so the scope is never forgotten. */
export async function listInScope<R>(db: Queryable, list: ScopedList<R>): Promise<Connection<R>> {
  const source = scopedSource(list.table, list.alias, list.scope);
  const from = list.joins ? sql`${source.from} ${list.joins}` : source.from;
  return listPage(db, {
    ...list,
    from,
    nodesFrom: list.nodeJoins ? sql`${from} ${list.nodeJoins}` : undefined,
    where: [source.where, ...(list.where ?? [])],
  });
}

/**
 * One page of a list in ONE statement: the page's rows with the total as an uncorrelated scalar
 * subquery, so nodes and count come from the same snapshot and a list costs one round trip. Only
 * when the page is empty (past the end) is the count asked for on its own. A count cache may
 * answer the total instead (then only the page is read). Tables that hang off
 * the organisation tree must use `listInScope`; this is for district-level records (audit log,
 * API keys, sync runs) whose access is decided by permission alone.
 */
export async function listPage<R>(db: Queryable, list: PlainList<R>): Promise<Connection<R>> {
  const size = checkPageSize(list.page.first);
  const needs = list.needs ?? ALL_CONNECTION_PARTS;
  const filter = sqlAnd(list.where ?? []);
  const countStatement = sql`SELECT COUNT(*) FROM ${list.from} WHERE ${filter}`;
  const cursorValues = list.page.after ? decodeCursor(list.ordering, list.page.after) : null;
  const map = list.map ?? ((row: Record<string, unknown>) => row as R);
  const countKey = list.counts ? `${countStatement.text}|${JSON.stringify(countStatement.params)}` : '';
  const cached = needs.totalCount && list.counts ? list.counts.get(countKey) : undefined;
  const count = async () => {
    if (cached !== undefined) return cached;
    const started = performance.now();
    const total = await countOf(db, countStatement);
    list.counts?.offer(countKey, total, performance.now() - started);
    return total;
  };

  if (!needs.nodes || size === 0) {
    const totalCount = needs.totalCount ? await count() : 0;
    return { nodes: [], totalCount, pageInfo: { hasNextPage: false, endCursor: null } };
  }

  const pageWhere = cursorValues ? sqlAnd([filter, keysetCondition(list.ordering, cursorValues)]) : filter;
  const withCount = needs.totalCount && cached === undefined;
  const columns = withCount ? sql`${list.columns}, (${countStatement}) AS __total` : list.columns;
  const started = performance.now();
  const rows = await runSql<Record<string, unknown>>(
    db,
    sql`SELECT ${columns} FROM ${list.nodesFrom ?? list.from} WHERE ${pageWhere} ORDER BY ${orderBySql(list.ordering)} LIMIT ${sqlRaw(String(size + 1))}`,
  );
  const hasNextPage = rows.length > size;
  const pageRows = rows.slice(0, size);
  let totalCount = 0;
  if (withCount && pageRows.length > 0) {
    totalCount = Number(pageRows[0]?.__total ?? 0);
    list.counts?.offer(countKey, totalCount, performance.now() - started);
  } else if (needs.totalCount) {
    totalCount = await count();
  }
  const nodes = pageRows.map((row) => {
    delete row.__total;
    return map(row);
  });
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    pageInfo: { hasNextPage, endCursor: last === undefined ? null : encodeCursor(list.ordering, last) },
  };
}

async function countOf(db: Queryable, statement: Sql): Promise<number> {
  const [row] = await runSql<Record<string, unknown>>(db, statement);
  return Number(row ? Object.values(row)[0] : 0);
}

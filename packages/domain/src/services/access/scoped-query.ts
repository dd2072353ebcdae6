import { DomainError } from '../../errors/domain-error.js';
import { scopeSql, type DataScope } from './data-scope.js';
import { sqlAnd, sqlRaw, runSql, sql, type Queryable, type Sql } from './sql.js';

/**
 * The tables whose rows hang off the organisation tree, and how each reaches it. Every read and
 * write of them goes through `scopedSelect` (or `scopedSource` for a statement of another shape),
 * so that a row outside the caller's data scope is simply absent: not found when asked for by id,
 * missing from lists, counts, nested fields and exports alike.
 */
const SCOPED_TABLES = {
  organization: { table: 'organization', via: 'self', softDelete: true },
  member: { table: 'member', via: 'organization_id', softDelete: true },
  transfer: { table: 'transfer', via: 'organization_id', softDelete: true },
  user: { table: 'user', via: 'organization_id', softDelete: false },
} as const;

export type ScopedTable = keyof typeof SCOPED_TABLES;

export interface ScopedSource {
  /** `member m JOIN organization m_scope ON …` */
  from: Sql;
  /** Not deleted, and inside the scope. */
  where: Sql;
}

const ALIAS = /^[a-z][a-z0-9_]*$/;

/**
 * The FROM clause and the scope condition for one scoped table under `alias`. For the full scope
 * no join is made, so district-wide lists cost no more than an unscoped query.
 */
export function scopedSource(
  table: ScopedTable,
  alias: string,
  scope: DataScope,
  options: { withDeleted?: boolean } = {},
): ScopedSource {
  if (!ALIAS.test(alias)) throw new Error(`not a plain SQL alias: ${alias}`);
  const spec = SCOPED_TABLES[table];
  const conditions: Sql[] = [];
  if (spec.softDelete && !options.withDeleted) conditions.push(sqlRaw(`${alias}.deleted_at IS NULL`));
  // `user` is a reserved word in MySQL 8's grammar for some statements: always quote table names.
  let from = sqlRaw(`\`${spec.table}\` ${alias}`);
  if (spec.via === 'self') {
    conditions.push(scopeSql(`${alias}.path`, scope));
  } else if (!scope.all) {
    const scopeAlias = `${alias}_scope`;
    from = sqlRaw(`\`${spec.table}\` ${alias} JOIN organization ${scopeAlias} ON ${scopeAlias}.id = ${alias}.${spec.via}`);
    conditions.push(scopeSql(`${scopeAlias}.path`, scope));
  }
  return { from, where: sqlAnd(conditions) };
}

export interface ScopedSelect {
  table: ScopedTable;
  alias: string;
  scope: DataScope;
  /** The select list (trusted column expressions). */
  columns: Sql;
  where?: Sql[];
  groupBy?: Sql;
  orderBy?: Sql;
  limit?: number;
  /** Lock the rows for the rest of the transaction (writes read-modify-write under it). */
  forUpdate?: boolean;
  /** Rows removed (soft-deleted) too: for a record that still points at one, never for lists. */
  withDeleted?: boolean;
}

/** One scoped SELECT statement. */
export function scopedSelect(query: ScopedSelect): Sql {
  const source = scopedSource(query.table, query.alias, query.scope, { withDeleted: query.withDeleted });
  const where = sqlAnd([source.where, ...(query.where ?? [])]);
  let statement = sql`SELECT ${query.columns} FROM ${source.from} WHERE ${where}`;
  if (query.groupBy) statement = sql`${statement} GROUP BY ${query.groupBy}`;
  if (query.orderBy) statement = sql`${statement} ORDER BY ${query.orderBy}`;
  if (query.limit !== undefined) statement = sql`${statement} LIMIT ${sqlRaw(String(Math.max(0, Math.floor(query.limit))))}`;
  if (query.forUpdate) statement = sql`${statement} FOR UPDATE`;
  return statement;
}

export async function selectInScope<R>(db: Queryable, query: ScopedSelect): Promise<R[]> {
  return runSql<R>(db, scopedSelect(query));
}

/** The row with this id inside the scope, or NOT_FOUND with the Chinese name of the thing. */
export async function findInScope<R>(
  db: Queryable,
  query: Omit<ScopedSelect, 'limit' | 'orderBy'> & { id: string; what: string },
): Promise<R> {
  const id = normalizeId(query.id);
  if (id === null) throw DomainError.notFound(query.what, query.id);
  const [row] = await selectInScope<R>(db, {
    ...query,
    where: [sql`${sqlRaw(query.alias)}.id = ${id}`, ...(query.where ?? [])],
    limit: 1,
  });
  if (!row) throw DomainError.notFound(query.what, query.id);
  return row;
}

export async function countInScope(
  db: Queryable,
  query: Pick<ScopedSelect, 'table' | 'alias' | 'scope' | 'where'>,
): Promise<number> {
  const [row] = await selectInScope<{ total: number | string }>(db, { ...query, columns: sqlRaw('COUNT(*) AS total') });
  return Number(row?.total ?? 0);
}

/** A bigint id as a decimal string, or null for anything that cannot be one (never a query error). */
export function normalizeId(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value !== 'string' || !/^[1-9]\d{0,19}$/.test(value)) return null;
  return BigInt(value) <= 18446744073709551615n ? value : null;
}

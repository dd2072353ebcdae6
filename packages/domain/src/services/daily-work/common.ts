import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Organization } from '../../entities/organization.entity.js';
import { Setting } from '../../entities/setting.entity.js';
import { DomainError, type Problems } from '../../errors/domain-error.js';
import {
  checkPageSize,
  inScope,
  scopeCondition,
  type Connection,
  type DataScope,
  type PageInfo,
  type SortDirection,
  type CountCache,
} from '../access/index.js';
import { compareDays, isDayDate, isMonthKey, resolveSettings, type Settings } from '../../rules/index.js';

export type { Connection, PageInfo, SortDirection };

export interface Sort<F extends string> {
  field: F;
  direction?: SortDirection;
}

/** `first` (0..100, default 20; 0 counts only) rows after the opaque cursor `after`. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Everything a list function takes besides the data source and scope. */
export interface ListArgs<F, S extends string> extends PageArgs {
  filter?: F | null;
  sort?: Sort<S> | null;
  /** A cache that may answer the total (keys start with `DAILY_WORK_TOTAL_PREFIX` and the table). */
  counts?: CountCache;
}

/**
 * The key prefix of a daily-work list's total: `dailyTotal|<table>|…`. Only the console writes these
 * tables, so a cache can keep such a total exactly, forgetting it after a mutation of its table.
 */
export const DAILY_WORK_TOTAL_PREFIX = 'dailyTotal|';

/**
 * A SQL condition restricting `org.path` (or another trusted path column) to the scope, with named
 * parameters as the query builder wants them.
 */
export function scopeWhere(
  pathColumn: string,
  scope: DataScope,
  prefix = 'scopePath',
): { sql: string; params: Record<string, string> } {
  const condition = scopeCondition(pathColumn, scope);
  const params: Record<string, string> = {};
  let index = 0;
  const sql = condition.sql.replace(/\?/g, () => {
    const name = `${prefix}${index}`;
    params[name] = condition.params[index];
    index += 1;
    return `:${name}`;
  });
  return { sql, params };
}

/**
 * A query over `entity` joined to the organisation its rows hang off (`orgIdExpression`, e.g.
 * "unit.communityOrganizationId"), restricted to the scope. Rows of a dissolved (soft-deleted)
 * organisation drop out with it.
 */
export function scopedQuery<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => E,
  alias: string,
  orgIdExpression: string,
  scope: DataScope,
): SelectQueryBuilder<E> {
  const where = scopeWhere('org.path', scope);
  return manager
    .getRepository(entity)
    .createQueryBuilder(alias)
    .innerJoin(Organization, 'org', `org.id = ${orgIdExpression}`)
    .where(where.sql, where.params);
}

/** An organisation the scope may see, or NOT_FOUND (an id outside the scope is simply not there). */
export async function organizationInScope(
  manager: EntityManager,
  scope: DataScope,
  organizationId: string | null | undefined,
): Promise<Organization> {
  const organization = isId(organizationId)
    ? await manager.getRepository(Organization).findOneBy({ id: organizationId })
    : null;
  if (!organization || !inScope(organization.path, scope))
    throw DomainError.notFound('党组织', organizationId ?? undefined);
  return organization;
}

/**
 * The organisation a row is filed under, on a write: one in scope, or on an edit that keeps it, the
 * one the row already has (the row itself was found in scope, perhaps another way, e.g. a station's
 * staff editing a building of a community outside their scope).
 */
export async function organizationKeptOrInScope(
  manager: EntityManager,
  scope: DataScope,
  organizationId: string | null | undefined,
  keptId: string | null | undefined,
): Promise<Organization> {
  if (!keptId || organizationId !== keptId) return organizationInScope(manager, scope, organizationId);
  const organization = await manager.getRepository(Organization).findOneBy({ id: keptId });
  if (!organization) throw DomainError.notFound('党组织', keptId);
  return organization;
}

/**
 * On an edit of a row whose own organisation lies outside the scope (reached another way, see
 * `organizationKeptOrInScope`): each organisation reference it changes must lie inside the scope.
 * A station's scope is worked out from its buildings' branches and its enterprises' organisations,
 * so otherwise its staff could widen their own scope by pointing one at any organisation.
 */
export async function changedOrganizationsInScope(
  manager: EntityManager,
  scope: DataScope,
  changes: ReadonlyArray<{ to: string | null | undefined; from: string | null | undefined }>,
): Promise<void> {
  for (const { to, from } of changes) {
    if (to && to !== from) await organizationInScope(manager, scope, to);
  }
}

/** Restricts a scoped query to the subtree of one organisation (which must be in scope). */
export async function restrictToSubtree<E extends ObjectLiteral>(
  manager: EntityManager,
  scope: DataScope,
  qb: SelectQueryBuilder<E>,
  organizationId: string | null | undefined,
  includeDescendants = true,
): Promise<void> {
  if (!organizationId) return;
  const organization = await organizationInScope(manager, scope, organizationId);
  if (includeDescendants) qb.andWhere('org.path LIKE :subtreePath', { subtreePath: `${organization.path}%` });
  else qb.andWhere('org.id = :subtreeId', { subtreeId: organization.id });
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d{0,19}$/.test(value);
}

interface CursorPayload {
  /** The sort value of the last row (ISO text for a date-time). */
  v: string | number | boolean | null;
  /** The id of the last row, the tie-breaker. */
  i: string;
  /** The sort value was a Date. */
  d?: 1;
}

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorPayload {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
    if (parsed && typeof parsed === 'object' && isId(parsed.i) && 'v' in parsed) return parsed;
  } catch {
    // fall through to the Chinese error below
  }
  throw DomainError.badInput([
    { field: 'after', reason: 'CURSOR_INVALID', message: '分页游标无效，请从第一页重新加载' },
  ]);
}

/**
 * Keyset pagination on (sort column, id): stable under inserts, and the cursor stays opaque. The
 * sort property must be a non-null column of the main alias.
 */
/** The rows the query matches: counted, or remembered under the query's text and parameters. */
async function countOf<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, counts: CountCache | undefined): Promise<number> {
  if (!counts) return qb.clone().getCount();
  const key = `${DAILY_WORK_TOTAL_PREFIX}${qb.expressionMap.mainAlias?.metadata.tableName ?? '?'}|${qb.getQuery()}|${JSON.stringify(qb.getParameters())}`;
  const remembered = counts.get(key);
  if (remembered !== undefined) return remembered;
  const started = performance.now();
  const total = await qb.clone().getCount();
  counts.offer(key, total, performance.now() - started);
  return total;
}

export async function paginate<E extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  sortProperty: string,
  direction: SortDirection,
  args: PageArgs & { counts?: CountCache },
): Promise<Connection<E>> {
  const first = checkPageSize(args.first);
  const totalCount = await countOf(qb, args.counts);
  // first = 0 asks for the count alone.
  if (first === 0) return { nodes: [], totalCount, pageInfo: { hasNextPage: false, endCursor: null } };
  const column = `${alias}.${sortProperty}`;
  const idColumn = `${alias}.id`;
  if (args.after) {
    const cursor = decodeCursor(args.after);
    const value = cursor.d && typeof cursor.v === 'string' ? new Date(cursor.v) : cursor.v;
    const op = direction === 'ASC' ? '>' : '<';
    if (sortProperty === 'id') {
      qb.andWhere(`${idColumn} ${op} :cursorId`, { cursorId: cursor.i });
    } else {
      qb.andWhere(
        `(${column} ${op} :cursorValue OR (${column} = :cursorValue AND ${idColumn} ${op} :cursorId))`,
        {
          cursorValue: value,
          cursorId: cursor.i,
        },
      );
    }
  }
  if (sortProperty !== 'id') qb.orderBy(column, direction);
  qb.addOrderBy(idColumn, direction).limit(first + 1);
  const rows = await qb.getMany();
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  const last = nodes[nodes.length - 1];
  let endCursor: string | null = null;
  if (last) {
    const raw = (last as Record<string, unknown>)[sortProperty];
    endCursor =
      raw instanceof Date
        ? encodeCursor({ v: raw.toISOString(), i: last.id, d: 1 })
        : encodeCursor({ v: (raw ?? null) as CursorPayload['v'], i: last.id });
  }
  return { nodes, totalCount, pageInfo: { hasNextPage, endCursor } };
}

/** Picks the sort column for a public sort field, refusing one the list does not offer. */
export function sortOf<S extends string>(
  sort: Sort<S> | null | undefined,
  columns: Record<S, string>,
  fallback: Sort<S>,
): { property: string; direction: SortDirection } {
  const chosen = sort ?? fallback;
  const property = Object.hasOwn(columns, chosen.field) ? columns[chosen.field] : undefined;
  if (!property) {
    throw DomainError.badInput([
      { field: 'sort', reason: 'SORT_FIELD_INVALID', message: `不支持按「${chosen.field}」排序` },
    ]);
  }
  const direction = chosen.direction ?? fallback.direction ?? 'ASC';
  if (direction !== 'ASC' && direction !== 'DESC') {
    throw DomainError.badInput([
      { field: 'sort', reason: 'SORT_DIRECTION_INVALID', message: '排序方向应为 ASC 或 DESC' },
    ]);
  }
  return { property, direction };
}

/** The settings in force: the `setting` rows over DEFAULT_SETTINGS. */
export async function loadSettings(manager: EntityManager): Promise<Settings> {
  const rows = await manager.getRepository(Setting).find();
  return resolveSettings(Object.fromEntries(rows.map((row) => [row.key, row.value])));
}

/** Copies the defined fields of a patch over an existing row's values (undefined = unchanged). */
export function merged<T extends object>(existing: T | null, patch: object): T {
  const result: Record<string, unknown> = { ...(existing ?? {}) };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) result[key] = value;
  return result as T;
}

/** Throws BAD_USER_INPUT for values outside an enum, naming the field. */
export function checkEnum(
  problems: Problems,
  field: string,
  value: unknown,
  allowed: readonly string[],
  label: string,
): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    problems.add(field, 'ENUM_INVALID', `${label}取值无效`);
  }
}

/** Plain JSON for an audit column, without the relation objects a row may carry. */
export function auditView(row: object, omit: readonly string[] = []): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (omit.includes(key)) continue;
    if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value))
      continue;
    view[key] = value;
  }
  return view;
}

/** Trimmed text, or null when empty. */
export function text(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = String(value).trim();
  return trimmed ? trimmed : null;
}

/** Optional text that must fit `maxLength` characters. */
export function checkOptionalText(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  label: string,
  maxLength: number,
): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'string') {
    problems.add(field, 'NOT_TEXT', `${label}应为文字`);
    return false;
  }
  if (Array.from(value.trim()).length > maxLength) {
    problems.add(field, 'TOO_LONG', `${label}不能超过 ${maxLength} 个字`);
    return false;
  }
  return true;
}

/** A day that must be given, as 'YYYY-MM-DD'. */
export function checkRequiredDay(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  label: string,
): boolean {
  if (value === undefined || value === null || value === '') {
    problems.add(field, 'REQUIRED', `请填写${label}`);
    return false;
  }
  if (!isDayDate(value)) {
    problems.add(field, 'DATE_INVALID', `${label}「${value}」不是有效日期（格式 YYYY-MM-DD）`);
    return false;
  }
  return true;
}

/** A day that may be absent. */
export function checkOptionalDay(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  label: string,
): boolean {
  if (value === undefined || value === null) return true;
  return checkRequiredDay(problems, field, value, label);
}

/** A day that is not later than today (a meeting held, a service given). */
export function checkNotFuture(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  label: string,
  today: string,
): boolean {
  if (!value || !isDayDate(value)) return true;
  if (compareDays(value, today) > 0) {
    problems.add(field, 'DATE_IN_FUTURE', `${label}（${value}）不能晚于今天（${today}）`);
    return false;
  }
  return true;
}

/** A whole number, 0 or more (a count of people, households, fen). */
export function checkCount(
  problems: Problems,
  field: string,
  value: number | null | undefined,
  label: string,
  required = false,
): boolean {
  if (value === undefined || value === null) {
    if (required) problems.add(field, 'REQUIRED', `请填写${label}`);
    return !required;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.add(field, 'NOT_AN_INTEGER', `${label}应为整数`);
    return false;
  }
  if (value < 0) {
    problems.add(field, 'NEGATIVE', `${label}不能为负数`);
    return false;
  }
  return true;
}

export function checkMonth(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  label: string,
): boolean {
  if (!value) {
    problems.add(field, 'REQUIRED', `请填写${label}`);
    return false;
  }
  if (!isMonthKey(value)) {
    problems.add(field, 'MONTH_INVALID', `${label}「${value}」无效，格式应为 YYYY-MM`);
    return false;
  }
  return true;
}

/** An enum value that must be given. */
export function checkRequiredEnum(
  problems: Problems,
  field: string,
  value: unknown,
  allowed: readonly string[],
  label: string,
): boolean {
  if (value === undefined || value === null || value === '') {
    problems.add(field, 'REQUIRED', `请选择${label}`);
    return false;
  }
  if (typeof value !== 'string' || !allowed.includes(value)) {
    problems.add(field, 'ENUM_INVALID', `${label}取值无效`);
    return false;
  }
  return true;
}

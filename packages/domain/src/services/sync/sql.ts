import type { EntityManager } from 'typeorm';

export const VERSION_COLUMN = 'upstream_version';

const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;

export interface GuardedUpsert {
  sql: string;
  params: unknown[];
}

/**
 * Statement texts by shape (table, columns, options, row count). A sync writes thousands of
 * batches of the same shape, and the text of a 1,000-row statement is ~100 KB to build each time.
 */
const upsertTexts = new Map<string, string>();
const MAX_CACHED_TEXTS = 64;

/**
 * One multi-row `INSERT … ON DUPLICATE KEY UPDATE` that changes an existing row only when the
 * incoming upstream version is newer (and `extraGuard` holds). `VALUES(col)` is the form both
 * MariaDB 10.11 and MySQL 8 accept (MySQL's row alias is unknown to MariaDB). The version column
 * is assigned last: MySQL evaluates the assignments in order, and every guard before it must still
 * see the old version.
 */
export function guardedUpsert(
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: { keep?: readonly string[]; extraGuard?: string } = {},
): GuardedUpsert {
  if (!columns.includes(VERSION_COLUMN)) throw new Error(`${table}: an upsert needs ${VERSION_COLUMN}`);
  const params: unknown[] = new Array(rows.length * columns.length);
  let at = 0;
  for (const row of rows) {
    if (row.length !== columns.length)
      throw new Error(`${table}: a row has ${row.length} values for ${columns.length} columns`);
    for (const value of row) params[at++] = value;
  }
  return { sql: guardedUpsertText(table, columns, rows.length, options), params };
}

function guardedUpsertText(
  table: string,
  columns: readonly string[],
  rowCount: number,
  options: { keep?: readonly string[]; extraGuard?: string },
): string {
  const key = `${table}\n${columns.join(',')}\n${(options.keep ?? []).join(',')}\n${options.extraGuard ?? ''}\n${rowCount}`;
  const cached = upsertTexts.get(key);
  if (cached) return cached;
  const keep = new Set(['upstream_id', ...(options.keep ?? [])]);
  const version = quote(VERSION_COLUMN);
  const guard = `(${version} IS NULL OR ${version} < VALUES(${version}))${options.extraGuard ? ` AND (${options.extraGuard})` : ''}`;
  const updated = columns.filter((column) => column !== VERSION_COLUMN && !keep.has(column));
  const assignments = [
    ...updated.map((column) => `${quote(column)} = IF(${guard}, VALUES(${quote(column)}), ${quote(column)})`),
    `${version} = IF(${guard}, VALUES(${version}), ${version})`,
  ];
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const sql =
    `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${new Array<string>(rowCount).fill(placeholders).join(', ')} ` +
    `ON DUPLICATE KEY UPDATE ${assignments.join(', ')}`;
  // Full batches share one shape; the odd last batches of many runs must not pile up.
  if (upsertTexts.size >= MAX_CACHED_TEXTS) upsertTexts.clear();
  upsertTexts.set(key, sql);
  return sql;
}

/** `UPDATE t SET a = CASE id WHEN … END, … WHERE id IN (…)`: many rows, one statement. */
export function caseUpdate(
  table: string,
  ids: readonly string[],
  values: Record<string, readonly unknown[]>,
  extraSet: string[] = [],
): GuardedUpsert {
  const params: unknown[] = [];
  const sets = Object.entries(values).map(([column, columnValues]) => {
    const whens = ids.map((id, index) => {
      params.push(id, columnValues[index]);
      return 'WHEN ? THEN ?';
    });
    return `${quote(column)} = CASE \`id\` ${whens.join(' ')} ELSE ${quote(column)} END`;
  });
  params.push(...ids);
  const sql = `UPDATE ${quote(table)} SET ${[...sets, ...extraSet].join(', ')} WHERE \`id\` IN (${ids.map(() => '?').join(', ')})`;
  return { sql, params };
}

/**
 * `UPDATE t JOIN (SELECT ? AS id, ? AS a … UNION ALL SELECT ?, ? …) v ON t.id = v.id SET t.a = v.a`:
 * many rows, each its own values, in one statement. Each row is found through the primary key,
 * where `CASE id WHEN …` walks every branch for every row (for 1,000 rows, a million comparisons).
 * The keys go in as numbers, so that they meet the BIGINT key as numbers and use its index.
 */
export function keyedUpdate(
  table: string,
  ids: readonly string[],
  values: Record<string, readonly unknown[]>,
): GuardedUpsert {
  const columns = Object.keys(values);
  const params: unknown[] = [];
  const selects = ids.map((id, index) => {
    const key = Number(id);
    if (!Number.isSafeInteger(key)) throw new Error(`${table}: key ${id} is not an integer key`);
    params.push(key);
    for (const column of columns) params.push(values[column]?.[index]);
    return index === 0
      ? `SELECT ? AS \`id\`, ${columns.map((column) => `? AS ${quote(column)}`).join(', ')}`
      : `SELECT ?${', ?'.repeat(columns.length)}`;
  });
  const sets = columns.map((column) => `\`t\`.${quote(column)} = \`v\`.${quote(column)}`);
  const sql = `UPDATE ${quote(table)} \`t\` JOIN (${selects.join(' UNION ALL ')}) \`v\` ON \`t\`.\`id\` = \`v\`.\`id\` SET ${sets.join(', ')}`;
  return { sql, params };
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ExistingRow {
  id: string;
  upstreamId: string;
  version: number | null;
  deleted: boolean;
}

/** The local rows of some upstream ids, in one query: id, version, and whether soft-deleted. */
export async function existingByUpstreamId(
  manager: EntityManager,
  table: string,
  upstreamIds: readonly string[],
  extraColumns: readonly string[] = [],
): Promise<Map<string, ExistingRow & Record<string, unknown>>> {
  const found = new Map<string, ExistingRow & Record<string, unknown>>();
  for (const part of chunks(upstreamIds, 1000)) {
    if (!part.length) continue;
    const extra = extraColumns.map((column) => `, ${quote(column)}`).join('');
    const rows = (await manager.query(
      `SELECT \`id\`, \`upstream_id\`, \`upstream_version\`, \`deleted_at\`${extra} FROM ${quote(table)} WHERE \`upstream_id\` IN (${part
        .map(() => '?')
        .join(', ')})`,
      [...part],
    )) as Array<Record<string, unknown>>;
    for (const row of rows) {
      const entry: ExistingRow & Record<string, unknown> = {
        ...row,
        id: String(row.id),
        upstreamId: String(row.upstream_id),
        version:
          row.upstream_version === null || row.upstream_version === undefined
            ? null
            : Number(row.upstream_version),
        deleted: row.deleted_at !== null && row.deleted_at !== undefined,
      };
      found.set(entry.upstreamId, entry);
    }
  }
  return found;
}

export function isNewer(incoming: number, existing: ExistingRow | undefined): boolean {
  return !existing || existing.version === null || existing.version < incoming;
}

export function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

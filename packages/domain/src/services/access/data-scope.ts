import { Sql } from './sql.js';

/**
 * What a signed-in person may see and change: everything (district admins, API keys), or the
 * subtrees below a set of organisations (a community admin's community; an instructor's assigned
 * branches; a station's building branches and enterprises). Every read and write filters by this
 * through `scopeCondition`, so an id from outside the scope is simply not found.
 */
export type DataScope = { all: true } | { all: false; organizationPaths: string[] };

export const FULL_SCOPE: DataScope = { all: true };

/** A scope that sees nothing (a user whose organisation was removed). */
export const EMPTY_SCOPE: DataScope = { all: false, organizationPaths: [] };

/**
 * A parameterised SQL condition on a materialised-path column: `column LIKE ? OR column LIKE ?`.
 * `pathColumn` must be a trusted column expression (e.g. "org.path"), never user input.
 */
export function scopeCondition(pathColumn: string, scope: DataScope): { sql: string; params: string[] } {
  if (scope.all) return { sql: '1=1', params: [] };
  if (scope.organizationPaths.length === 0) return { sql: '1=0', params: [] };
  const paths = [...new Set(scope.organizationPaths)];
  return {
    sql: `(${paths.map(() => `${pathColumn} LIKE ?`).join(' OR ')})`,
    params: paths.map((path) => `${path}%`),
  };
}

/** Whether an organisation (by its path) lies inside the scope. */
export function inScope(organizationPath: string, scope: DataScope): boolean {
  return scope.all || scope.organizationPaths.some((path) => organizationPath.startsWith(path));
}

/** `scopeCondition` as a fragment for the SQL helper. */
export function scopeSql(pathColumn: string, scope: DataScope): Sql {
  const condition = scopeCondition(pathColumn, scope);
  return new Sql(condition.sql, condition.params);
}

/**
 * The smallest set of subtree roots with the same reach: "/1/4/" covers "/1/4/17/", so a token or
 * a query never carries both.
 */
export function normalizeScope(scope: DataScope): DataScope {
  if (scope.all) return scope;
  const sorted = [...new Set(scope.organizationPaths)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const path of sorted) if (!kept.some((root) => path.startsWith(root))) kept.push(path);
  return { all: false, organizationPaths: kept.sort() };
}

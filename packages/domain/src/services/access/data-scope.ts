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

// Filters of HTTP routes (exports) from the query string, as GraphQL filters take them.
export type Query = Record<string, string | string[] | undefined>;

/** One value of a query parameter, or null when absent or empty. */
export function one(query: Query, name: string): string | null {
  const value = query[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? null : text;
}

/** `status=FULL,PROBATIONARY` or `status=FULL&status=PROBATIONARY`. */
export function many<T extends string>(query: Query, name: string): T[] | null {
  const value = query[name];
  if (value === undefined) return null;
  const list = (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).map((item) => item.trim());
  const kept = list.filter(Boolean) as T[];
  return kept.length ? kept : null;
}

/** `true`/`1` → true, anything else given → false, absent → null. */
export function flag(query: Query, name: string): boolean | null {
  const value = one(query, name);
  if (value === null) return null;
  return value === 'true' || value === '1';
}

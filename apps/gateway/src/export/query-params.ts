// Filters of HTTP routes (exports) from the query string, as GraphQL filters take them.
import type { Request } from 'express';

export type Query = Record<string, string | string[] | undefined>;

/** The query string of a request, as these helpers read it. */
export function queryOf(req: Request): Query {
  return req.query as Query;
}

/** One value of a query parameter (the first when repeated), or null when absent or empty. */
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

/** The organisation subtree the list is narrowed to, as every work list takes it. */
export function subtree(query: Query): { organizationId: string | null; includeDescendants: boolean | null } {
  return { organizationId: one(query, 'organizationId'), includeDescendants: flag(query, 'includeDescendants') };
}

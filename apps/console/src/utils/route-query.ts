import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/**
 * List filters live in the URL query so that a reload, a shared link, a tab switch or the back
 * button shows the same list. A schema says how each filter is written there.
 */
export type QueryFieldKind = 'string' | 'strings' | 'boolean' | 'number';
export type QuerySchema = Record<string, { kind: QueryFieldKind; default?: unknown; allowed?: readonly string[] }>;

type Value<K extends QueryFieldKind> = K extends 'string' ? string : K extends 'strings' ? string[] : K extends 'boolean' ? boolean : number;
export type QueryValues<S extends QuerySchema> = { [P in keyof S]: Value<S[P]['kind']> };

function first(value: LocationQuery[string] | undefined): string | undefined {
  if (Array.isArray(value)) return value[0] ?? undefined;
  return value ?? undefined;
}

function emptyOf(kind: QueryFieldKind): unknown {
  return kind === 'strings' ? [] : kind === 'boolean' ? false : kind === 'number' ? 0 : '';
}

export function parseQuery<S extends QuerySchema>(query: LocationQuery, schema: S): QueryValues<S> {
  const result: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema)) {
    const raw = query[name];
    const fallback = field.default ?? emptyOf(field.kind);
    let value: unknown;
    switch (field.kind) {
      case 'string': {
        const text = first(raw);
        value = text !== undefined && (!field.allowed || field.allowed.includes(text)) ? text : fallback;
        break;
      }
      case 'strings': {
        const list = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw])
          .flatMap((item) => (item ?? '').split(','))
          .filter((item) => item !== '' && (!field.allowed || field.allowed.includes(item)));
        value = raw === undefined ? fallback : [...new Set(list)];
        break;
      }
      case 'boolean': {
        const text = first(raw);
        value = text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : fallback;
        break;
      }
      case 'number': {
        const number = Number(first(raw));
        value = first(raw) !== undefined && Number.isFinite(number) ? number : fallback;
        break;
      }
    }
    result[name] = value;
  }
  return result as QueryValues<S>;
}

/** Only values that differ from their default are written, so a fresh list has a clean URL. */
export function toQuery<S extends QuerySchema>(values: QueryValues<S>, schema: S): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  for (const [name, field] of Object.entries(schema)) {
    const value = (values as Record<string, unknown>)[name];
    const fallback = field.default ?? emptyOf(field.kind);
    if (JSON.stringify(value) === JSON.stringify(fallback)) continue;
    if (field.kind === 'strings') query[name] = (value as string[]).join(',');
    else if (field.kind === 'boolean') query[name] = value ? '1' : '0';
    else if (field.kind === 'string') query[name] = ((value as string) ?? '').trim();
    else query[name] = String(value);
  }
  return query;
}

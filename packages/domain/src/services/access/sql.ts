/**
 * A parameterised SQL fragment. Values interpolated into `sql` become `?` placeholders; nested
 * fragments are spliced in with their own parameters. Only `raw` puts text into the statement,
 * and it is only ever called with trusted column names chosen by code, never with input.
 */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[],
  ) {}

  get empty(): boolean {
    return this.text.trim() === '';
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, index) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[index + 1] ?? '';
  });
  return new Sql(text, params);
}

/** Trusted SQL text (a column or table name chosen by code). */
export function sqlRaw(text: string): Sql {
  return new Sql(text, []);
}

/** `?, ?, ?` for an IN list; an empty list becomes NULL so that `x IN (NULL)` matches nothing. */
export function sqlList(values: readonly unknown[]): Sql {
  if (values.length === 0) return sqlRaw('NULL');
  return new Sql(values.map(() => '?').join(', '), values);
}

export function joinSql(parts: readonly Sql[], separator: string): Sql {
  const kept = parts.filter((part) => !part.empty);
  return new Sql(
    kept.map((part) => part.text).join(separator),
    kept.flatMap((part) => part.params),
  );
}

/** All conditions together (TRUE when there are none). */
export function sqlAnd(parts: readonly Sql[]): Sql {
  const kept = parts.filter((part) => !part.empty);
  if (kept.length === 0) return sqlRaw('1=1');
  return joinSql(
    kept.map((part) => sql`(${part})`),
    ' AND ',
  );
}

/** Any of the conditions (FALSE when there are none). */
export function sqlOr(parts: readonly Sql[]): Sql {
  const kept = parts.filter((part) => !part.empty);
  if (kept.length === 0) return sqlRaw('1=0');
  return joinSql(
    kept.map((part) => sql`(${part})`),
    ' OR ',
  );
}

/** Escapes LIKE wildcards in user input, so "50%" searches for the text "50%". */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** What runs SQL: a DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

export async function runSql<R>(db: Queryable, statement: Sql): Promise<R[]> {
  return (await db.query(statement.text, [...statement.params])) as R[];
}

/** MariaDB returns JSON columns as text, MySQL as parsed values: read both the same way. */
export function jsonValue<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

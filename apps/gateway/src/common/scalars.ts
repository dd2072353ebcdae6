import { isDayDate } from '@dangjian/domain';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseDay(value: unknown): string {
  if (!isDayDate(value)) throw badInput(`日期「${String(value)}」无效，应为真实存在的日期，格式为 YYYY-MM-DD`);
  return value;
}

/** A calendar day, 'YYYY-MM-DD' (DATE columns are read as such strings). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期，格式 YYYY-MM-DD',
  serialize(value) {
    if (typeof value === 'string' && isDayDate(value)) return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
    throw new GraphQLError(`not a day date: ${String(value)}`);
  },
  parseValue: parseDay,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('日期应为字符串，格式为 YYYY-MM-DD');
    return parseDay(ast.value);
  },
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): Date {
  const instant = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw badInput(`时间「${String(value)}」无效，应为带时区的 ISO 8601 时间，如 2026-01-31T08:00:00+08:00`);
  }
  return instant;
}

/** An instant, ISO 8601 with offset. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: '时间，ISO 8601 格式（带时区）',
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    if (typeof value === 'string' && !Number.isNaN(new Date(value).getTime())) return new Date(value).toISOString();
    throw new GraphQLError(`not a date-time: ${String(value)}`);
  },
  parseValue: parseInstant,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('时间应为 ISO 8601 字符串');
    return parseInstant(ast.value);
  },
});

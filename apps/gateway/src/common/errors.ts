import { DomainError } from '@dangjian/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Every extensions.code a client of this API can receive. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
  BAD_REQUEST: 400,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/** An error of the gateway itself (not of a domain rule), with a Chinese message. */
export class GatewayError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'GatewayError';
  }

  static unauthenticated(message = '请先登录', reason = 'UNAUTHENTICATED'): GatewayError {
    return new GatewayError('UNAUTHENTICATED', message, { reason });
  }

  static forbidden(message = '没有权限执行此操作', reason = 'FORBIDDEN'): GatewayError {
    return new GatewayError('FORBIDDEN', message, { reason });
  }

  static rateLimited(retryAfterSeconds: number, message?: string): GatewayError {
    return new GatewayError('RATE_LIMITED', message ?? `请求过于频繁，请 ${retryAfterSeconds} 秒后再试`, {
      reason: 'RATE_LIMITED',
      retryAfterSeconds,
    });
  }

  static databaseUnavailable(): GatewayError {
    return new GatewayError('INTERNAL_SERVER_ERROR', '数据库暂时无法访问，请稍后再试', { reason: 'DATABASE_UNAVAILABLE' });
  }

  static redisUnavailable(): GatewayError {
    return new GatewayError('INTERNAL_SERVER_ERROR', '缓存服务暂时无法访问，请稍后再试', { reason: 'REDIS_UNAVAILABLE' });
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  // A pool cluster (primary plus replicas) whose servers are all taken offline for the moment.
  'POOL_NONEONLINE',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
]);

/** Whether an error means MySQL could not be reached (as opposed to a bug or a bad statement). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const err = error as { code?: string; driverError?: { code?: string }; message?: string } | null;
  if (!err) return false;
  const code = err.code ?? err.driverError?.code;
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  return /Pool is closed|connection is in closed state|Can't add new command when connection is in closed state/i.test(
    err.message ?? '',
  );
}

export function isRedisUnavailable(error: unknown): boolean {
  const message = (error as { message?: string } | null)?.message ?? '';
  return /enableOfflineQueue|Connection is closed|Stream isn't writeable|ECONNREFUSED|max retries per request/i.test(message);
}

/** The error a resolver (or anything below GraphQL) actually threw, through GraphQL's wrappers. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && !(current instanceof GatewayError) && current.originalError) {
    current = current.originalError;
  }
  return current;
}

/**
 * The one place an internal error becomes what a client sees: domain errors keep their Chinese
 * message, code, reason and field problems; errors of the GraphQL machinery get a Chinese
 * sentence; anything else becomes a bare INTERNAL_SERVER_ERROR with the request id to quote, and
 * never a stack trace or SQL text (outside development the cause is only in the server log).
 */
export function toClientError(
  error: unknown,
  options: { development: boolean; requestId?: string | null },
): { code: ErrorCode | string; message: string; extensions: Record<string, unknown> } {
  const original = unwrap(error);
  if (original instanceof DomainError) {
    return {
      code: original.code,
      message: original.message,
      extensions: {
        code: original.code,
        reason: original.reason,
        ...(original.fields.length ? { fields: original.fields } : {}),
        ...(Object.keys(original.details).length ? { details: original.details } : {}),
      },
    };
  }
  if (original instanceof GatewayError) {
    const { code, ...rest } = original.extensions as Record<string, unknown> & { code: ErrorCode };
    delete rest.http;
    return { code, message: original.message, extensions: { code, ...rest } };
  }
  if (isDatabaseUnavailable(original)) {
    const unavailable = GatewayError.databaseUnavailable();
    return { code: unavailable.code, message: unavailable.message, extensions: { ...unavailable.extensions } };
  }
  if (isRedisUnavailable(original)) {
    const unavailable = GatewayError.redisUnavailable();
    return { code: unavailable.code, message: unavailable.message, extensions: { ...unavailable.extensions } };
  }
  if (error instanceof GraphQLError && typeof error.extensions?.code === 'string') {
    const code = error.extensions.code;
    const limit = error.extensions.limit;
    if (limit) {
      return { code: 'QUERY_TOO_COMPLEX', message: error.message, extensions: { code: 'QUERY_TOO_COMPLEX', limit } };
    }
    const prefix = MACHINERY_PREFIX[code];
    if (prefix !== undefined) {
      return { code, message: `${prefix}${error.message}`, extensions: { code } };
    }
  }
  return {
    code: 'INTERNAL_SERVER_ERROR',
    message: `服务器内部错误，请稍后再试${options.requestId ? `（请求编号 ${options.requestId}）` : ''}`,
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      ...(options.requestId ? { requestId: options.requestId } : {}),
      ...(options.development && original instanceof Error ? { debug: original.message } : {}),
    },
  };
}

/** Errors raised by the GraphQL machinery, before any resolver ran: their text is the detail. */
const MACHINERY_PREFIX: Record<string, string> = {
  GRAPHQL_VALIDATION_FAILED: '查询不符合接口定义：',
  GRAPHQL_PARSE_FAILED: '查询语句有语法错误：',
  BAD_USER_INPUT: '参数有误：',
  BAD_REQUEST: '请求格式有误：',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作：',
  PERSISTED_QUERY_NOT_FOUND: '',
  PERSISTED_QUERY_NOT_SUPPORTED: '',
};

/** Apollo's formatError: a formatted error for the response, built by `toClientError`. */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { development: boolean; requestId?: string | null },
): GraphQLFormattedError {
  const client = toClientError(error, options);
  return {
    message: client.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: client.extensions,
  };
}

/** The JSON body of an HTTP (non-GraphQL) error, in the same shape as a GraphQL error response. */
export function httpErrorBody(error: unknown, options: { development: boolean; requestId?: string | null }) {
  const client = toClientError(error, options);
  const unavailable = typeof client.extensions.reason === 'string' && client.extensions.reason.endsWith('_UNAVAILABLE');
  const status = unavailable ? 503 : (HTTP_STATUS_OF[client.code as ErrorCode] ?? 500);
  return { status, body: { errors: [{ message: client.message, extensions: client.extensions }] } };
}

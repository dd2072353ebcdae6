/**
 * Turning a GraphQL error into what a person reads. Pure: the translation function is passed in,
 * so the mapping is testable without a browser.
 */

/** The codes of extensions.code the contract names, plus two for failures before GraphQL answers. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
  'NETWORK_ERROR',
  'UNKNOWN',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes whose server message is written for the person (a Chinese sentence from the domain). */
const HUMAN_MESSAGE_CODES: ReadonlySet<ErrorCode> = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED']);

export interface FieldProblem {
  field: string;
  reason: string;
  message: string;
}

export interface GraphQLErrorItem {
  message?: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The server's finer reason (extensions.reason), e.g. "ACCOUNT_LOCKED". */
    readonly reason: string | undefined = undefined,
    readonly fields: FieldProblem[] = [],
    readonly extensions: Record<string, unknown> = {},
    readonly httpStatus: number | undefined = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function normalizeCode(code: unknown): ErrorCode {
  if (typeof code !== 'string') return 'UNKNOWN';
  if ((ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  // Older Apollo names for the same thing.
  if (code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST') return 'GRAPHQL_VALIDATION_FAILED';
  if (code === 'PERSISTED_QUERY_NOT_FOUND') return 'GRAPHQL_VALIDATION_FAILED';
  return 'UNKNOWN';
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (!value || typeof value !== 'object') return false;
  const item = value as Record<string, unknown>;
  return typeof item.field === 'string' && typeof item.message === 'string';
}

/** One error for the whole response: the first error's code, the field problems of all of them. */
export function errorFromGraphQL(errors: GraphQLErrorItem[], httpStatus?: number): ApiError {
  const first = errors[0] ?? {};
  const extensions = first.extensions ?? {};
  const fields: FieldProblem[] = [];
  for (const error of errors) {
    const list = error.extensions?.fields;
    if (Array.isArray(list)) {
      for (const item of list) {
        if (isFieldProblem(item)) fields.push({ field: item.field, reason: String(item.reason ?? ''), message: item.message });
      }
    }
  }
  const reason = typeof extensions.reason === 'string' ? extensions.reason : undefined;
  return new ApiError(normalizeCode(extensions.code), first.message ?? '', reason, fields, extensions, httpStatus);
}

/** `seats[2].memberId` and `input.username` are shown at the form item of their last segment. */
export function fieldKey(field: string): string {
  const parts = field.split('.');
  return parts[parts.length - 1].replace(/\[\d+\]$/, '');
}

/** Field problems as form-item errors: field name → message, several joined with "；". */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const problem of error.fields) {
    const key = fieldKey(problem.field);
    result[key] = result[key] ? `${result[key]}；${problem.message}` : problem.message;
  }
  return result;
}

const CJK = /[\u3400-\u9fff]/;

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Seconds to wait, from extensions.retryAfterSeconds (or retryAfter) if the server sent it. */
export function retryAfterSeconds(error: ApiError): number | undefined {
  const details = (error.extensions.details ?? {}) as Record<string, unknown>;
  const value = error.extensions.retryAfterSeconds ?? error.extensions.retryAfter ?? details.retryAfterSeconds ?? details.retryAfter;
  const seconds = typeof value === 'string' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/**
 * The sentence to show. Domain errors carry a Chinese sentence written for the reader: it is more
 * precise than anything we can say from the code, so it wins in Chinese. Everything else (and
 * every error in another language) is said from the code.
 */
export function describeError(error: unknown, t: Translate, locale = 'zh-CN'): string {
  if (!(error instanceof ApiError)) return t('errors.UNKNOWN');
  const chineseFromServer = locale.startsWith('zh') && CJK.test(error.message);
  const lock = accountLock(error);
  if (lock) {
    if (chineseFromServer) return error.message;
    return lock.until ? t('errors.accountLockedUntil', { time: clockTime(lock.until) }) : t('errors.accountLocked');
  }
  if (error.code === 'RATE_LIMITED') {
    if (chineseFromServer) return error.message;
    const seconds = retryAfterSeconds(error);
    if (!seconds) return t('errors.RATE_LIMITED');
    return seconds < 120 ? t('errors.RATE_LIMITED_SECONDS', { seconds }) : t('errors.RATE_LIMITED_MINUTES', { minutes: Math.ceil(seconds / 60) });
  }
  if (chineseFromServer && HUMAN_MESSAGE_CODES.has(error.code)) return error.message;
  return t(`errors.${error.code}`);
}

/** "14:05" in the browser's time zone; the ISO text itself if it is not a date. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * A sign-in refused because of repeated failures. The server says so with a reason containing
 * "LOCKED" and may add the moment the lock ends (extensions.lockedUntil or details.lockedUntil).
 */
export function accountLock(error: ApiError): { until?: string } | undefined {
  const details = (error.extensions.details ?? {}) as Record<string, unknown>;
  const until = error.extensions.lockedUntil ?? details.lockedUntil;
  const locked = (error.reason && /LOCKED/i.test(error.reason)) || typeof until === 'string';
  if (!locked) return undefined;
  return typeof until === 'string' ? { until } : {};
}

/** How many sign-in attempts are left before the lock, when the server says. */
export function remainingAttempts(error: ApiError): number | undefined {
  const details = (error.extensions.details ?? {}) as Record<string, unknown>;
  const value = error.extensions.remainingAttempts ?? details.remainingAttempts;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

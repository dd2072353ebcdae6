export const UPSTREAM_ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'CURSOR_EXPIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'TIMEOUT',
  'NETWORK',
] as const;
export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];

/**
 * A failed call to the upstream system after the client's own retries. `code` says what the caller
 * must do (docs/upstream-api.md): UNAUTHORIZED stop the run, CURSOR_EXPIRED relist,
 * INVALID_TRANSITION refresh the transfer (`details.currentStatus`), the rest record or retry later.
 */
export class UpstreamError extends Error {
  constructor(
    /** The HTTP status, or 0 when no answer came (TIMEOUT, NETWORK). */
    readonly status: number,
    readonly code: UpstreamErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** True for transient failures: trying the same call later may succeed. */
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export function codeForStatus(status: number): UpstreamErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
    case 403:
      return 'UNAUTHORIZED';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'INVALID_TRANSITION';
    case 410:
      return 'CURSOR_EXPIRED';
    case 422:
      return 'IDEMPOTENCY_KEY_REUSED';
    case 429:
      return 'RATE_LIMITED';
    default:
      return status >= 500 ? 'UNAVAILABLE' : 'VALIDATION_FAILED';
  }
}

/** 5xx answers are transient; every other 4xx says the call itself is wrong and must not be repeated. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

import { redactUrl } from '@dangjian/config';
import { describeDatabaseError } from '@dangjian/domain';

/** The shape of the upstream client's errors (docs/upstream-api.md): status 0 for a network failure. */
export interface UpstreamFailure {
  status: number;
  code: string;
  message: string;
  retryable: boolean;
  details?: unknown;
}

export function isUpstreamFailure(error: unknown): error is UpstreamFailure {
  const candidate = error as Partial<UpstreamFailure> | null;
  return (
    !!candidate &&
    typeof candidate === 'object' &&
    typeof candidate.status === 'number' &&
    typeof candidate.code === 'string' &&
    typeof candidate.retryable === 'boolean'
  );
}

/** Thrown inside a job when the process is shutting down: the job goes back to its queue. */
export class ShutdownRequested extends Error {
  constructor() {
    super('worker shutting down');
    this.name = 'ShutdownRequested';
  }
}

const DATABASE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

export function isDatabaseFailure(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } } | null)?.code;
  const driverCode = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return (
    (typeof code === 'string' && (DATABASE_CODES.has(code) || code.startsWith('ER_'))) ||
    (typeof driverCode === 'string' && driverCode.startsWith('ER_')) ||
    (error as { name?: string } | null)?.name === 'QueryFailedError'
  );
}

/** Errors that another try cannot fix: a wrong token, a request upstream refuses as malformed. */
export function isPermanentUpstreamFailure(error: unknown): boolean {
  return isUpstreamFailure(error) && !error.retryable && error.status !== 410;
}

/** One sentence, in Chinese first, for a sync that could not go on: what failed and what to check. */
export function describeSyncFailure(error: unknown, upstreamUrl: string): string {
  if (isUpstreamFailure(error)) {
    const where = redactUrl(upstreamUrl);
    if (error.status === 401 || error.code === 'UNAUTHORIZED') {
      return `上级组织系统拒绝了访问令牌，同步已停止：请检查 UPSTREAM_TOKEN (${where}, 401 UNAUTHORIZED)`;
    }
    if (error.status === 0 || error.status >= 500) {
      return `上级组织系统不可用，多次重试后仍未恢复 (${where}: ${error.status ? `HTTP ${error.status}` : 'no connection'} ${error.code} — ${error.message})`;
    }
    if (error.status === 429) return `上级组织系统持续限流，多次等待后仍被拒绝 (${where}: 429 ${error.code})`;
    return `上级组织系统返回错误 ${error.status} ${error.code}：${error.message}`;
  }
  if (isDatabaseFailure(error)) return describeDatabaseError(error);
  const message = (error as Error | null)?.message ?? String(error);
  if (/redis|ECONNREFUSED.*6379|Connection is closed/i.test(message))
    return `任务队列 (Redis) 不可用：${message}`;
  return `同步出错：${message}`;
}

import { redactUrl } from '@dangjian/config';
import { describeDatabaseError } from '@dangjian/domain';
import { Redis } from 'ioredis';

/** Asks Redis once, without retrying: a process that needs it says so at once instead of hanging. */
export async function probeRedis(redisUrl: string, timeoutMs = 3_000): Promise<void> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let cause: unknown;
  client.on('error', (error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    // ioredis reports "Connection is closed"; the socket's own error says why.
    throw cause ?? error;
  } finally {
    client.disconnect();
  }
}

/** One sentence naming the variable to fix, for a Redis that does not answer. */
export function describeRedisError(error: unknown, redisUrl: string): string {
  const detail =
    (error as { code?: string; message?: string })?.code ?? (error as Error)?.message ?? String(error);
  return `无法连接 Redis：REDIS_URL (${redactUrl(redisUrl)}) 没有响应 (${detail}).`;
}

/** One sentence for anything that stops a worker process from starting. */
export function describeStartFailure(error: unknown): string {
  const err = error as { name?: string; code?: string; message?: string };
  if (err?.name === 'HandlerTableError' || err?.name === 'ConfigError') return err.message ?? String(error);
  if (err?.code === 'ER_NO_SUCH_TABLE') return `数据库尚未建表：请先运行 pnpm db:migrate (${err.message}).`;
  if (
    typeof err?.code === 'string' &&
    (err.code.startsWith('ER_') || ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT'].includes(err.code))
  ) {
    return describeDatabaseError(error);
  }
  if (err?.code === 'EADDRINUSE')
    return `端口已被占用：WORKER_PORT 指向的端口正在被其他进程使用 (${err.message}).`;
  return err?.message ?? String(error);
}

import { Queue, type ConnectionOptions } from 'bullmq';
import { bullPrefix, type QueueName } from './queues.js';

export interface QueueDeps {
  redisUrl: string;
  queuePrefix: string;
}

/**
 * Connection options for a producer (gateway, CLI): a command fails after a few reconnection
 * tries instead of waiting forever, so a request that enqueues answers even when Redis is down.
 */
export function producerConnection(redisUrl: string): ConnectionOptions {
  return {
    url: redisUrl,
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    retryStrategy: (times: number) => (times > 5 ? null : Math.min(times * 200, 1_000)),
  };
}

/** Connection options for workers: reconnect forever, as BullMQ requires for blocking commands. */
export function workerConnection(redisUrl: string): ConnectionOptions {
  return {
    url: redisUrl,
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
    retryStrategy: (times: number) => Math.min(times * 500, 5_000),
  };
}

/** A producer queue, ready, or an error naming REDIS_URL within `timeoutMs`. */
export async function openProducerQueue(deps: QueueDeps, name: QueueName, timeoutMs = 8_000): Promise<Queue> {
  const queue = new Queue(name, {
    connection: producerConnection(deps.redisUrl),
    prefix: bullPrefix(deps.queuePrefix),
  });
  queue.on('error', () => {
    // Reported to the caller through waitUntilReady or the failing command.
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      queue.waitUntilReady(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return queue;
  } catch (error) {
    await queue.close().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` with a producer queue and closes it afterwards. */
export async function withProducerQueue<T>(
  deps: QueueDeps,
  name: QueueName,
  fn: (queue: Queue) => Promise<T>,
): Promise<T> {
  const queue = await openProducerQueue(deps, name);
  try {
    return await fn(queue);
  } finally {
    await queue.close().catch(() => undefined);
  }
}

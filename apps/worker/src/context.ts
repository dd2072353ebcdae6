import type { PiiCipher, QueueName } from '@dangjian/domain';
import type { UpstreamClient } from '@dangjian/upstream-client';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { WorkerConfig } from './config.js';
import { ShutdownRequested } from './errors.js';
import type { FiguresAnnouncer } from './figures.js';
import type { Logger } from './logger.js';
import type { WorkerMetrics } from './metrics.js';

/** What every job handler works with; one per worker process. */
export interface WorkerContext {
  config: WorkerConfig;
  dataSource: DataSource;
  upstream: UpstreamClient;
  cipher: PiiCipher;
  /** Producer handles of every queue, to enqueue the next step of a run. */
  queues: Record<QueueName, Queue>;
  metrics: WorkerMetrics;
  /** Tells the gateways when a sync run changed records. */
  figures: FiguresAnnouncer;
  /** Within a job: a logger whose lines carry the queue, job id, job name and request id. */
  log: Logger;
  /**
   * Within a job: the gateway request that caused it (X-Request-Id), handed on to the jobs it
   * enqueues in turn; absent for scheduled work.
   */
  requestId?: string;
  /** Aborted when the process shuts down: handlers stop between batches and hand their job back. */
  shutdown: AbortSignal;
}

export function throwIfShuttingDown(signal: AbortSignal): void {
  if (signal.aborted) throw new ShutdownRequested();
}

/** Waits for `work`, unless the process starts shutting down first. */
export async function unlessShuttingDown<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  throwIfShuttingDown(signal);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ShutdownRequested());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

import type { DataSource } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';
import { requeueStoppedEntries } from '../services/sync/outbox.js';
import { openProducerQueue, type QueueDeps } from './connection.js';
import { QueueName, type PushOutboxJobData } from './queues.js';

/** A job that failed for good: BullMQ keeps it in its failed set, which is the dead-letter set. */
export interface DeadLetter {
  queue: QueueName;
  jobId: string;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  failedAt: Date | null;
}

/** The dead letters of every queue, newest first. */
export async function listDeadLetters(deps: QueueDeps, limit = 100): Promise<DeadLetter[]> {
  const out: DeadLetter[] = [];
  for (const name of Object.values(QueueName)) {
    const queue = await openProducerQueue(deps, name);
    try {
      const jobs = await queue.getFailed(0, limit - 1);
      for (const job of jobs) {
        if (!job) continue;
        out.push({
          queue: name,
          jobId: String(job.id),
          name: job.name,
          data: job.data,
          failedReason: job.failedReason ?? '',
          attemptsMade: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
        });
      }
    } finally {
      await queue.close().catch(() => undefined);
    }
  }
  return out.sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0)).slice(0, limit);
}

/**
 * Sends a dead-lettered push again once a person has fixed its cause: the transfer's stopped
 * outbox entries go back in line (same idempotency keys) and the job is retried. A failed sync
 * is not retried from here: its run has ended, and a new run picks up from the stored cursor.
 */
export async function retryDeadLetter(
  deps: QueueDeps & { dataSource: DataSource },
  queueName: QueueName,
  jobId: string,
): Promise<void> {
  if (queueName !== QueueName.PushOutbox) {
    throw DomainError.badInput([
      {
        field: 'queue',
        reason: 'DEAD_LETTER_NOT_RETRYABLE',
        message: '失败的同步任务不能单独重试，请重新发起一次同步',
      },
    ]);
  }
  const queue = await openProducerQueue(deps, queueName);
  try {
    const job = await queue.getJob(jobId);
    if (!job || !(await job.isFailed())) throw DomainError.notFound('失败任务', jobId);
    await requeueStoppedEntries(deps.dataSource.manager, (job.data as PushOutboxJobData).transferId);
    await job.retry('failed');
  } finally {
    await queue.close().catch(() => undefined);
  }
}

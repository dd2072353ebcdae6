import {
  COLLECTION_JOBS,
  COLLECTION_QUEUES,
  JobName,
  NIGHTLY_SCHEDULER_KEY,
  QueueName,
  SyncRun,
  currentCollection,
  failSyncRun,
  finishSyncRun,
  jobOptions,
  pushJobId,
  syncJobId,
  transfersWithDueEntries,
  type SyncCollectionJobData,
} from '@dangjian/domain';
import type { WorkerContext } from './context.js';

export interface SweepReport {
  resumed: string[];
  failed: string[];
  finished: string[];
}

/**
 * Looks at runs that are QUEUED or RUNNING but have shown no sign of life for a while (a worker
 * killed, Redis emptied by a restart) and puts each back on track: its step's job re-added when it
 * is gone, the run ended when its job has failed for good or all its collections are done. A job
 * that BullMQ still holds (waiting, delayed, active) is left to BullMQ, whose stalled-job check
 * takes over a dead worker's job once its lock expires.
 */
export async function sweepStuckRuns(ctx: WorkerContext): Promise<SweepReport> {
  const report: SweepReport = { resumed: [], failed: [], finished: [] };
  const staleSeconds = Math.max(1, Math.round(ctx.config.staleRunAfterMs / 1000));
  const runs = await ctx.dataSource
    .getRepository(SyncRun)
    .createQueryBuilder('run')
    .where("run.status IN ('QUEUED', 'RUNNING')")
    .andWhere(
      'COALESCE(run.heartbeatAt, run.createdAt) < DATE_SUB(CURRENT_TIMESTAMP(3), INTERVAL :seconds SECOND)',
      { seconds: staleSeconds },
    )
    .getMany();
  for (const run of runs) {
    const collection = currentCollection(run);
    if (!collection) {
      const status = await finishSyncRun(ctx.dataSource.manager, run);
      ctx.metrics.runEnded(status);
      report.finished.push(run.id);
      continue;
    }
    const queue = ctx.queues[COLLECTION_QUEUES[collection]];
    const jobId = syncJobId(run, collection);
    const job = await queue.getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed' && job) {
      await failSyncRun(ctx.dataSource.manager, run.id, job.failedReason || '同步任务失败', collection);
      ctx.metrics.runEnded('FAILED');
      report.failed.push(run.id);
      continue;
    }
    if (state === 'completed' || state === 'missing' || state === 'unknown') {
      if (job) await job.remove().catch(() => undefined);
      const requestId = (job?.data as SyncCollectionJobData | undefined)?.requestId;
      const data: SyncCollectionJobData = {
        runId: run.id,
        collection,
        full: run.full,
        ...(requestId ? { requestId } : {}),
      };
      await queue.add(
        COLLECTION_JOBS[collection],
        data,
        jobOptions(COLLECTION_JOBS[collection], jobId, ctx.config.policy),
      );
      await ctx.dataSource.query(
        'UPDATE `sync_run` SET `heartbeat_at` = CURRENT_TIMESTAMP(3) WHERE `id` = ?',
        [run.id],
      );
      ctx.log.warn('sync run resumed by the sweeper', { runId: run.id, collection, jobState: state });
      report.resumed.push(run.id);
    }
  }
  return report;
}

/** Puts the nightly Job Scheduler in place, or back in place after Redis lost it. */
export async function ensureNightlySchedule(ctx: WorkerContext): Promise<void> {
  const queue = ctx.queues[QueueName.Scheduler];
  const existing = await queue.getJobScheduler(NIGHTLY_SCHEDULER_KEY);
  if (existing && existing.pattern === ctx.config.syncCron && existing.tz === ctx.config.timeZone) return;
  const options = jobOptions(JobName.NightlySync, undefined, ctx.config.policy);
  await queue.upsertJobScheduler(
    NIGHTLY_SCHEDULER_KEY,
    { pattern: ctx.config.syncCron, tz: ctx.config.timeZone },
    {
      name: JobName.NightlySync,
      data: {},
      opts: {
        attempts: options.attempts,
        backoff: options.backoff,
        removeOnComplete: options.removeOnComplete,
        removeOnFail: options.removeOnFail,
      },
    },
  );
  ctx.log.info('nightly sync scheduled', { cron: ctx.config.syncCron, tz: ctx.config.timeZone });
}

/** Enqueues a push job for every transfer with an outbox entry due; job ids make repeats harmless. */
export async function pollOutbox(ctx: WorkerContext): Promise<number> {
  const due = await transfersWithDueEntries(ctx.dataSource.manager);
  if (!due.length) return 0;
  const queue = ctx.queues[QueueName.PushOutbox];
  await queue.addBulk(
    due.map(({ transferId, firstEntryId, firstEntryKey, firstEntryRequestId }) => ({
      name: JobName.PushOutbox,
      data: {
        transferId,
        outboxEntryId: firstEntryId,
        ...(firstEntryRequestId ? { requestId: firstEntryRequestId } : {}),
      },
      opts: jobOptions(JobName.PushOutbox, pushJobId(firstEntryKey), ctx.config.policy),
    })),
  );
  return due.length;
}

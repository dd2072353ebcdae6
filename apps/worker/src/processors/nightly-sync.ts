import { DomainError, requestSyncRun } from '@dangjian/domain';
import type { WorkerContext } from '../context.js';

/**
 * The Job Scheduler's nightly job: starts a run of every collection through the same path as the
 * console and the CLI. When a run is still going (a long night), this night's start is skipped.
 */
export async function processNightlySync(ctx: WorkerContext): Promise<unknown> {
  try {
    const run = await requestSyncRun(
      {
        dataSource: ctx.dataSource,
        redisUrl: ctx.config.redisUrl,
        queuePrefix: ctx.config.queuePrefix,
        policy: ctx.config.policy,
      },
      { trigger: 'NIGHTLY', requestedBy: 'scheduler' },
    );
    ctx.log.info('nightly sync started', { runId: run.id });
    return { runId: run.id };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      ctx.log.warn('nightly sync skipped: a run is still active', { reason: error.message });
      return { skipped: error.message };
    }
    throw error;
  }
}

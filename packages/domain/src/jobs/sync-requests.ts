import type { DataSource } from 'typeorm';
import type { SyncCollection, SyncRun, SyncTrigger } from '../entities/sync.entities.js';
import { DomainError } from '../errors/domain-error.js';
import { acquireNamedLock, namedLock } from '../services/sync/locks.js';
import {
  failSyncRun,
  findActiveSyncRun,
  insertSyncRun,
  loadSyncRun,
  normalizeCollections,
} from '../services/sync/sync-runs.js';
import { withProducerQueue } from './connection.js';
import { JOB_POLICY, jobOptions, type JobPolicy } from './policy.js';
import {
  COLLECTION_JOBS,
  COLLECTION_QUEUES,
  syncJobId,
  type JobName,
  type SyncCollectionJobData,
} from './queues.js';

export interface SyncRequestDeps {
  dataSource: DataSource;
  redisUrl: string;
  queuePrefix: string;
  /** The retry policy of the first job; the worker's own policy governs the rest. */
  policy?: Record<JobName, JobPolicy>;
}

export interface SyncRequestInput {
  collections?: SyncCollection[];
  full?: boolean;
  trigger: SyncTrigger;
  requestedBy?: string | null;
  /** The gateway request asking for the run; every job of the run carries it (for logs). */
  requestId?: string | null;
}

const STATUS_ZH: Record<string, string> = { QUEUED: '排队中', RUNNING: '进行中' };

/**
 * Starts a sync run: the `sync_run` row (QUEUED) and the job of its first collection, with a
 * deterministic id. One run at a time: a request while another run is queued or running is
 * refused, so that the console, the CLI and the nightly schedule never overlap.
 */
export async function requestSyncRun(deps: SyncRequestDeps, input: SyncRequestInput): Promise<SyncRun> {
  const collections = normalizeCollections(input.collections);
  const full = input.full ?? false;
  const lock = await acquireNamedLock(deps.dataSource, namedLock(deps.dataSource, 'sync-request'), 10);
  if (!lock) throw DomainError.conflict('另一个同步请求正在处理，请稍后再试', 'SYNC_REQUEST_BUSY');
  let run: SyncRun;
  try {
    const active = await findActiveSyncRun(deps.dataSource.manager);
    if (active) {
      throw DomainError.conflict(
        `已有一次同步（#${active.id}，${STATUS_ZH[active.status] ?? active.status}）尚未结束，请等它完成后再发起`,
        'SYNC_ALREADY_RUNNING',
        { runId: active.id, status: active.status },
      );
    }
    run = await insertSyncRun(deps.dataSource.manager, {
      collections,
      full,
      trigger: input.trigger,
      requestedBy: input.requestedBy ?? null,
    });
  } finally {
    await lock.release();
  }

  const first = collections[0] as SyncCollection;
  const data: SyncCollectionJobData = {
    runId: run.id,
    collection: first,
    full,
    ...(input.requestId ? { requestId: input.requestId } : {}),
  };
  try {
    await withProducerQueue(deps, COLLECTION_QUEUES[first], (queue) =>
      queue.add(
        COLLECTION_JOBS[first],
        data,
        jobOptions(COLLECTION_JOBS[first], syncJobId(run, first), deps.policy ?? JOB_POLICY),
      ),
    );
  } catch (error) {
    // Without its job the run would wait forever: end it now, with the reason.
    const reason = `无法把同步任务放入队列（REDIS_URL 指向的 Redis 不可用）：${(error as Error).message}`;
    await failSyncRun(deps.dataSource.manager, run.id, reason, first);
    throw error;
  }
  return (await loadSyncRun(deps.dataSource.manager, run.id)) as SyncRun;
}

import type { EntityManager } from 'typeorm';
import {
  SYNC_COLLECTIONS,
  SyncConflict,
  SyncRun,
  type SyncCollection,
  type SyncCollectionProgress,
  type SyncRunStatus,
  type SyncTrigger,
} from '../../entities/sync.entities.js';
import { DomainError } from '../../errors/domain-error.js';
import { SYNC_ORDER } from '../../jobs/queues.js';

/** What `pnpm sync` prints last and the console shows for a finished run. */
export interface SyncRunSummary {
  runId: string;
  status: SyncRunStatus;
  fetched: number;
  applied: number;
  skipped: number;
  quarantined: number;
  conflicts: number;
  durationMs: number;
}

export const ACTIVE_RUN_STATUSES: SyncRunStatus[] = ['QUEUED', 'RUNNING'];
const DONE: SyncRunStatus[] = ['SUCCEEDED', 'PARTIAL'];

export function isCollectionDone(progress: SyncCollectionProgress | undefined): boolean {
  return !!progress && DONE.includes(progress.status);
}

export function emptyProgress(status: SyncRunStatus = 'QUEUED'): SyncCollectionProgress {
  return {
    status,
    fetched: 0,
    applied: 0,
    skipped: 0,
    quarantined: 0,
    relisted: false,
    progress: 0,
    error: null,
  };
}

/** The requested collections, each once, in sync order; all of them when none are named. */
export function normalizeCollections(collections?: readonly string[] | null): SyncCollection[] {
  if (!collections || collections.length === 0) return [...SYNC_ORDER];
  const unknown = collections.filter((name) => !(SYNC_COLLECTIONS as readonly string[]).includes(name));
  if (unknown.length) {
    throw DomainError.badInput([
      {
        field: 'collections',
        reason: 'UNKNOWN_SYNC_COLLECTION',
        message: `未知的同步对象：${unknown.join('、')}（可选 ORGANIZATIONS、MEMBERS、TRANSFERS）`,
      },
    ]);
  }
  return SYNC_ORDER.filter((name) => collections.includes(name));
}

/** The collection a run works on now: the first in order that has not finished. */
export function currentCollection(run: Pick<SyncRun, 'collections' | 'details'>): SyncCollection | null {
  return run.collections.find((name) => !isCollectionDone(run.details[name])) ?? null;
}

export function nextCollection(
  run: Pick<SyncRun, 'collections'>,
  after: SyncCollection,
): SyncCollection | null {
  const index = run.collections.indexOf(after);
  return index >= 0 ? (run.collections[index + 1] ?? null) : null;
}

/** A run's status once every collection has ended: PARTIAL when anything was quarantined or refused. */
export function finalStatus(run: Pick<SyncRun, 'collections' | 'details'>, conflicts: number): SyncRunStatus {
  const parts = run.collections.map((name) => run.details[name]);
  if (parts.some((part) => !part || part.status === 'FAILED')) return 'FAILED';
  if (conflicts > 0 || parts.some((part) => part?.status === 'PARTIAL' || (part?.quarantined ?? 0) > 0))
    return 'PARTIAL';
  return 'SUCCEEDED';
}

/** Share done, 0..1: finished collections count whole, the running one by its own estimate. */
export function runProgress(run: Pick<SyncRun, 'collections' | 'details'>): number {
  if (run.collections.length === 0) return 1;
  const sum = run.collections.reduce((total, name) => {
    const part = run.details[name];
    if (!part) return total;
    return total + (isCollectionDone(part) ? 1 : Math.min(Math.max(part.progress, 0), 1));
  }, 0);
  return Math.round((sum / run.collections.length) * 10_000) / 10_000;
}

function totals(run: Pick<SyncRun, 'collections' | 'details'>) {
  const sum = { fetched: 0, applied: 0, skipped: 0, quarantined: 0 };
  for (const name of run.collections) {
    const part = run.details[name];
    if (!part) continue;
    sum.fetched += part.fetched;
    sum.applied += part.applied;
    sum.skipped += part.skipped;
    sum.quarantined += part.quarantined;
  }
  return sum;
}

export function summarizeRun(run: SyncRun): SyncRunSummary {
  const start = run.startedAt ?? run.createdAt;
  const end = run.finishedAt ?? new Date();
  return {
    runId: run.id,
    status: run.status,
    fetched: run.fetchedCount,
    applied: run.appliedCount,
    skipped: run.skippedCount,
    quarantined: run.quarantinedCount,
    conflicts: run.conflictCount,
    durationMs: Math.max(0, end.getTime() - new Date(start).getTime()),
  };
}

export async function findActiveSyncRun(manager: EntityManager): Promise<SyncRun | null> {
  return manager
    .getRepository(SyncRun)
    .createQueryBuilder('run')
    .where('run.status IN (:...statuses)', { statuses: ACTIVE_RUN_STATUSES })
    .orderBy('run.id', 'ASC')
    .getOne();
}

export async function loadSyncRun(manager: EntityManager, runId: string): Promise<SyncRun | null> {
  return manager.getRepository(SyncRun).findOne({ where: { id: runId } });
}

export interface NewSyncRun {
  collections: SyncCollection[];
  full: boolean;
  trigger: SyncTrigger;
  requestedBy: string | null;
}

export async function insertSyncRun(manager: EntityManager, input: NewSyncRun): Promise<SyncRun> {
  const details: Partial<Record<SyncCollection, SyncCollectionProgress>> = {};
  for (const name of input.collections) details[name] = emptyProgress();
  const repository = manager.getRepository(SyncRun);
  const run = repository.create({
    status: 'QUEUED',
    full: input.full,
    trigger: input.trigger,
    requestedBy: input.requestedBy?.slice(0, 64) ?? null,
    collections: input.collections,
    details,
    progress: 0,
  });
  await repository.save(run);
  return (await loadSyncRun(manager, run.id)) as SyncRun;
}

/**
 * Writes a run's per-collection details with the totals and progress derived from them, and the
 * heartbeat the sweeper watches. Only an active run is written: a run already ended stays ended.
 */
export async function saveRunDetails(
  manager: EntityManager,
  run: Pick<SyncRun, 'id' | 'collections' | 'details'>,
  changes: { status?: SyncRunStatus; start?: boolean; error?: string | null } = {},
): Promise<boolean> {
  const sum = totals(run);
  const result = await manager
    .createQueryBuilder()
    .update(SyncRun)
    .set({
      details: run.details,
      fetchedCount: sum.fetched,
      appliedCount: sum.applied,
      skippedCount: sum.skipped,
      quarantinedCount: sum.quarantined,
      progress: runProgress(run),
      heartbeatAt: () => 'CURRENT_TIMESTAMP(3)',
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.start ? { startedAt: () => 'COALESCE(`started_at`, CURRENT_TIMESTAMP(3))' } : {}),
      ...(changes.error !== undefined ? { error: changes.error } : {}),
    })
    .where('id = :id', { id: run.id })
    .andWhere('status IN (:...statuses)', { statuses: ACTIVE_RUN_STATUSES })
    .execute();
  return (result.affected ?? 0) > 0;
}

/** Ends a run whose collections have all ended; its status follows from their outcome. */
export async function finishSyncRun(manager: EntityManager, run: SyncRun): Promise<SyncRunStatus> {
  const conflicts = await countRunConflicts(manager, run.id);
  const status = finalStatus(run, conflicts);
  const sum = totals(run);
  await manager
    .createQueryBuilder()
    .update(SyncRun)
    .set({
      status,
      details: run.details,
      fetchedCount: sum.fetched,
      appliedCount: sum.applied,
      skippedCount: sum.skipped,
      quarantinedCount: sum.quarantined,
      conflictCount: conflicts,
      progress: status === 'FAILED' ? runProgress(run) : 1,
      finishedAt: () => 'CURRENT_TIMESTAMP(3)',
      heartbeatAt: () => 'CURRENT_TIMESTAMP(3)',
      ...(status === 'FAILED' ? {} : { error: null }),
    })
    .where('id = :id', { id: run.id })
    .andWhere('status IN (:...statuses)', { statuses: ACTIVE_RUN_STATUSES })
    .execute();
  return status;
}

/** Ends a run as FAILED with a reason a person can act on; the collection that failed says so too. */
export async function failSyncRun(
  manager: EntityManager,
  runId: string,
  reason: string,
  collection?: SyncCollection | null,
): Promise<void> {
  const run = await loadSyncRun(manager, runId);
  if (!run || !ACTIVE_RUN_STATUSES.includes(run.status)) return;
  if (collection) {
    run.details[collection] = {
      ...(run.details[collection] ?? emptyProgress()),
      status: 'FAILED',
      error: reason,
    };
  }
  const sum = totals(run);
  await manager
    .createQueryBuilder()
    .update(SyncRun)
    .set({
      status: 'FAILED',
      details: run.details,
      fetchedCount: sum.fetched,
      appliedCount: sum.applied,
      skippedCount: sum.skipped,
      quarantinedCount: sum.quarantined,
      progress: runProgress(run),
      error: reason.slice(0, 4000),
      startedAt: () => 'COALESCE(`started_at`, CURRENT_TIMESTAMP(3))',
      finishedAt: () => 'CURRENT_TIMESTAMP(3)',
    })
    .where('id = :id', { id: runId })
    .andWhere('status IN (:...statuses)', { statuses: ACTIVE_RUN_STATUSES })
    .execute();
}

export async function countRunConflicts(manager: EntityManager, runId: string): Promise<number> {
  return manager.getRepository(SyncConflict).count({ where: { syncRunId: runId } });
}

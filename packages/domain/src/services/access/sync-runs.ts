import type { SyncCollection, SyncCollectionProgress, SyncRunStatus, SyncTrigger } from '../../entities/sync.entities.js';
import { listPage, type Connection, type ConnectionNeeds, type CountCache, type PageRequest } from './pagination.js';
import { jsonValue, sqlRaw, type Queryable } from './sql.js';

/** A sync run as the console shows it, live while the worker writes its counts. */
export interface SyncRunRecord {
  id: string;
  status: SyncRunStatus;
  full: boolean;
  trigger: SyncTrigger;
  requestedBy: string | null;
  collections: SyncCollection[];
  details: Partial<Record<SyncCollection, SyncCollectionProgress>>;
  startedAt: Date | null;
  finishedAt: Date | null;
  progress: number;
  fetchedCount: number;
  appliedCount: number;
  skippedCount: number;
  quarantinedCount: number;
  conflictCount: number;
  error: string | null;
  createdAt: Date;
}

export const SYNC_RUN_COLUMNS = sqlRaw(
  [
    'r.id AS id',
    'r.status AS status',
    'r.full AS `full`',
    'r.trigger AS `trigger`',
    'r.requested_by AS requestedBy',
    'r.collections AS collections',
    'r.details AS details',
    'r.started_at AS startedAt',
    'r.finished_at AS finishedAt',
    'r.progress AS progress',
    'r.fetched_count AS fetchedCount',
    'r.applied_count AS appliedCount',
    'r.skipped_count AS skippedCount',
    'r.quarantined_count AS quarantinedCount',
    'r.conflict_count AS conflictCount',
    'r.error AS error',
    'r.created_at AS createdAt',
  ].join(', '),
);

export function toSyncRun(row: Record<string, unknown>): SyncRunRecord {
  return {
    id: String(row.id),
    status: row.status as SyncRunStatus,
    full: Boolean(Number(row.full)),
    trigger: row.trigger as SyncTrigger,
    requestedBy: (row.requestedBy as string | null) ?? null,
    collections: jsonValue<SyncCollection[]>(row.collections, []),
    details: jsonValue<Partial<Record<SyncCollection, SyncCollectionProgress>>>(row.details, {}),
    startedAt: (row.startedAt as Date | null) ?? null,
    finishedAt: (row.finishedAt as Date | null) ?? null,
    progress: Number(row.progress ?? 0),
    fetchedCount: Number(row.fetchedCount ?? 0),
    appliedCount: Number(row.appliedCount ?? 0),
    skippedCount: Number(row.skippedCount ?? 0),
    quarantinedCount: Number(row.quarantinedCount ?? 0),
    conflictCount: Number(row.conflictCount ?? 0),
    error: (row.error as string | null) ?? null,
    createdAt: row.createdAt as Date,
  };
}

/** Sync runs, newest first. */
export async function listSyncRuns(
  db: Queryable,
  page: PageRequest,
  needs?: ConnectionNeeds,
  counts?: CountCache,
): Promise<Connection<SyncRunRecord>> {
  return listPage(db, {
    from: sqlRaw('sync_run r'),
    columns: SYNC_RUN_COLUMNS,
    ordering: { name: 'NEWEST', keys: [{ column: 'r.id', property: 'id', direction: 'DESC' }] },
    page,
    needs,
    counts,
    map: toSyncRun,
  });
}

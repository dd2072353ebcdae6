import type { SyncCollection } from '../entities/sync.entities.js';

/**
 * One BullMQ queue per job type. Gateway (which enqueues) and worker (which processes) share these
 * names. In Redis every key sits under `${QUEUE_PREFIX}` and the `{dangjian}` hash tag keeps each
 * queue in one Redis Cluster slot.
 */
export enum QueueName {
  SyncOrganizations = 'sync-organizations',
  SyncMembers = 'sync-members',
  SyncTransfers = 'sync-transfers',
  PushOutbox = 'push-outbox',
  Scheduler = 'scheduler',
}

export enum JobName {
  SyncCollection = 'sync-collection',
  PushOutbox = 'push-outbox',
  NightlySync = 'nightly-sync',
  SweepStuckRuns = 'sweep-stuck-runs',
}

export const COLLECTION_QUEUES: Record<SyncCollection, QueueName> = {
  ORGANIZATIONS: QueueName.SyncOrganizations,
  MEMBERS: QueueName.SyncMembers,
  TRANSFERS: QueueName.SyncTransfers,
};

/** Organisations before members before transfers: each refers to the one before. */
export const SYNC_ORDER: SyncCollection[] = ['ORGANIZATIONS', 'MEMBERS', 'TRANSFERS'];

/** BullMQ's `prefix` option for a configured QUEUE_PREFIX, with the Cluster hash tag. */
export function bullPrefix(queuePrefix: string): string {
  return queuePrefix.includes('{') ? queuePrefix : `{${queuePrefix}}`;
}

export interface SyncCollectionJobData {
  runId: string;
  collection: SyncCollection;
  full: boolean;
}

export interface PushOutboxJobData {
  outboxEntryId?: string;
}

import type { SyncCollection } from '../entities/sync.entities.js';

/**
 * One BullMQ queue per job type. Gateway (which enqueues) and worker (which processes) share these
 * names. In Redis every key sits under `${QUEUE_PREFIX}` and a hash tag keeps all of a deployment's
 * queues in one Redis Cluster slot.
 */
export enum QueueName {
  SyncOrganizations = 'sync-organizations',
  SyncMembers = 'sync-members',
  SyncTransfers = 'sync-transfers',
  PushOutbox = 'push-outbox',
  Scheduler = 'scheduler',
}

/** Every job the worker knows; each has exactly one handler and one queue (JOB_QUEUES). */
export enum JobName {
  SyncOrganizations = 'sync-organizations',
  SyncMembers = 'sync-members',
  SyncTransfers = 'sync-transfers',
  PushOutbox = 'push-outbox',
  NightlySync = 'nightly-sync',
}

export const JOB_QUEUES: Record<JobName, QueueName> = {
  [JobName.SyncOrganizations]: QueueName.SyncOrganizations,
  [JobName.SyncMembers]: QueueName.SyncMembers,
  [JobName.SyncTransfers]: QueueName.SyncTransfers,
  [JobName.PushOutbox]: QueueName.PushOutbox,
  [JobName.NightlySync]: QueueName.Scheduler,
};

export const COLLECTION_QUEUES: Record<SyncCollection, QueueName> = {
  ORGANIZATIONS: QueueName.SyncOrganizations,
  MEMBERS: QueueName.SyncMembers,
  TRANSFERS: QueueName.SyncTransfers,
};

export const COLLECTION_JOBS: Record<SyncCollection, JobName> = {
  ORGANIZATIONS: JobName.SyncOrganizations,
  MEMBERS: JobName.SyncMembers,
  TRANSFERS: JobName.SyncTransfers,
};

/** The collection names of the upstream contract (docs/upstream-api.md). */
export type UpstreamCollectionName = 'organizations' | 'members' | 'transfers';

export const UPSTREAM_COLLECTIONS: Record<SyncCollection, UpstreamCollectionName> = {
  ORGANIZATIONS: 'organizations',
  MEMBERS: 'members',
  TRANSFERS: 'transfers',
};

/** Organisations before members before transfers: each refers to the one before. */
export const SYNC_ORDER: SyncCollection[] = ['ORGANIZATIONS', 'MEMBERS', 'TRANSFERS'];

/** The key of the nightly Job Scheduler; stable so that every worker upserts the same one. */
export const NIGHTLY_SCHEDULER_KEY = 'nightly-sync';

/**
 * BullMQ's `prefix` option for a configured QUEUE_PREFIX. Keys start with the prefix itself (so a
 * shared Redis can be searched and cleaned by it) and carry it again as the Cluster hash tag.
 */
export function bullPrefix(queuePrefix: string): string {
  return queuePrefix.includes('{') ? queuePrefix : `${queuePrefix}:{${queuePrefix}}`;
}

/**
 * The job id of one collection's step of a run. Deterministic, so that a step enqueued twice (a
 * retry of the enqueue, the sweeper, two workers finishing the step before it) is one job. The
 * run's creation time is part of it: run ids start again after a database reset, while Redis still
 * remembers the finished jobs of the old run with that id. BullMQ forbids ':' in custom ids.
 */
export function syncJobId(run: { id: string; createdAt: Date | string }, collection: SyncCollection): string {
  return `run-${run.id}-${new Date(run.createdAt).getTime()}-${collection.toLowerCase()}`;
}

/**
 * The job id that pushes one transfer's pending outbox entries, in order, starting at its oldest
 * pending entry (named by that entry's idempotency key, unique for good): while that job waits or
 * retries, polling again adds nothing; once it is done, a later entry starts a job of its own.
 */
export function pushJobId(firstEntryKey: string): string {
  return `push-${firstEntryKey}`;
}

export interface SyncCollectionJobData {
  runId: string;
  collection: SyncCollection;
  full: boolean;
  /** The gateway request that started the run, so the worker's log lines can be followed back to it. */
  requestId?: string;
}

export interface PushOutboxJobData {
  /** The local transfer whose pending outbox entries are pushed, oldest first. */
  transferId: string;
  /** The entry that caused the job, for logs. */
  outboxEntryId?: string;
  /** The gateway request that wrote that entry, for logs. */
  requestId?: string;
}

export type NightlySyncJobData = Record<string, never>;

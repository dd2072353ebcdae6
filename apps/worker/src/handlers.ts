import {
  JOB_QUEUES,
  JobName,
  type PushOutboxJobData,
  type QueueName,
  type SyncCollectionJobData,
} from '@dangjian/domain';
import type { Job } from 'bullmq';
import type { WorkerContext } from './context.js';
import { processNightlySync } from './processors/nightly-sync.js';
import { processPushOutbox } from './processors/push-outbox.js';
import { processSyncCollection } from './processors/sync-collection.js';

export type JobHandler = (job: Job, token: string | undefined, ctx: WorkerContext) => Promise<unknown>;

export interface HandlerRegistration {
  name: JobName;
  handle: JobHandler;
}

const syncCollection: JobHandler = (job, token, ctx) =>
  processSyncCollection(job as Job<SyncCollectionJobData>, token, ctx);

/** Every job the worker processes, and who processes it. */
export const JOB_HANDLERS: readonly HandlerRegistration[] = [
  { name: JobName.SyncOrganizations, handle: syncCollection },
  { name: JobName.SyncMembers, handle: syncCollection },
  { name: JobName.SyncTransfers, handle: syncCollection },
  {
    name: JobName.PushOutbox,
    handle: (job, token, ctx) => processPushOutbox(job as Job<PushOutboxJobData>, token, ctx),
  },
  { name: JobName.NightlySync, handle: (_job, _token, ctx) => processNightlySync(ctx) },
];

export class HandlerTableError extends Error {
  constructor(
    readonly missing: string[],
    readonly duplicated: string[],
  ) {
    super(
      [
        missing.length ? `job names without a handler: ${missing.join(', ')}` : '',
        duplicated.length ? `job names with more than one handler: ${duplicated.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
    this.name = 'HandlerTableError';
  }
}

/**
 * The handler of each job name, checked before anything starts: a job name with no handler (its
 * jobs would pile up unprocessed) or with two (which one runs?) stops the worker from booting.
 */
export function handlerTable(
  registrations: readonly HandlerRegistration[] = JOB_HANDLERS,
): Map<JobName, JobHandler> {
  const counts = new Map<string, number>();
  for (const registration of registrations)
    counts.set(registration.name, (counts.get(registration.name) ?? 0) + 1);
  const missing = Object.values(JobName).filter((name) => !counts.has(name));
  const duplicated = [...counts].filter(([, count]) => count > 1).map(([name]) => name);
  const unknown = [...counts.keys()].filter((name) => !(Object.values(JobName) as string[]).includes(name));
  if (missing.length || duplicated.length || unknown.length) {
    throw new HandlerTableError([...missing, ...unknown.map((name) => `${name} (unknown)`)], duplicated);
  }
  return new Map(registrations.map((registration) => [registration.name, registration.handle]));
}

/** The job names a queue carries. */
export function jobNamesOf(queue: QueueName): JobName[] {
  return (Object.entries(JOB_QUEUES) as Array<[JobName, QueueName]>)
    .filter(([, name]) => name === queue)
    .map(([job]) => job);
}

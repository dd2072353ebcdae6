import type { JobsOptions } from 'bullmq';
import { JobName } from './queues.js';

/** How many finished jobs BullMQ keeps: by age (seconds) and count, whichever is smaller. */
export interface Retention {
  age: number;
  count: number;
}

export interface JobPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number };
  removeOnComplete: Retention;
  /** Failed jobs are the dead-letter set the console shows; kept long enough to be looked at. */
  removeOnFail: Retention;
}

const DAY = 24 * 3600;

const syncPolicy: JobPolicy = {
  // The upstream client already retries each request; a step that still fails waits minutes.
  attempts: 4,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 14 * DAY, count: 1000 },
  removeOnFail: { age: 30 * DAY, count: 1000 },
};

/**
 * The retry and retention policy of every job, in one place. Pushes retry longer than pulls
 * because a console action must reach upstream, while a failed nightly run is retried by the
 * next night anyway.
 */
export const JOB_POLICY: Record<JobName, JobPolicy> = {
  [JobName.SyncOrganizations]: syncPolicy,
  [JobName.SyncMembers]: syncPolicy,
  [JobName.SyncTransfers]: syncPolicy,
  [JobName.PushOutbox]: {
    attempts: 10,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 2 * DAY, count: 1000 },
    removeOnFail: { age: 90 * DAY, count: 5000 },
  },
  [JobName.NightlySync]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { age: 30 * DAY, count: 100 },
    removeOnFail: { age: 90 * DAY, count: 100 },
  },
};

/** A policy with some jobs' entries replaced (tests shorten the backoff). */
export function withPolicy(
  overrides: Partial<Record<JobName, Partial<JobPolicy>>>,
): Record<JobName, JobPolicy> {
  const merged = { ...JOB_POLICY };
  for (const [name, policy] of Object.entries(overrides) as Array<[JobName, Partial<JobPolicy>]>) {
    merged[name] = { ...JOB_POLICY[name], ...policy };
  }
  return merged;
}

/** BullMQ job options for a job under a policy, with its deterministic id. */
export function jobOptions(
  name: JobName,
  jobId: string | undefined,
  policy: Record<JobName, JobPolicy> = JOB_POLICY,
): JobsOptions {
  const entry = policy[name];
  return {
    ...(jobId ? { jobId } : {}),
    attempts: entry.attempts,
    backoff: { ...entry.backoff },
    removeOnComplete: { ...entry.removeOnComplete },
    removeOnFail: { ...entry.removeOnFail },
  };
}

import type { Config } from '@dangjian/config';
import { JOB_POLICY, QueueName, type JobName, type JobPolicy } from '@dangjian/domain';
import type { DataSource } from 'typeorm';
import { createLogger, type Logger } from './logger.js';

export interface UpstreamSettings {
  url: string;
  token: string;
  concurrency: number;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
}

/** Everything one worker process needs; `workerConfigFrom` fills it from the environment. */
export interface WorkerConfig {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  upstream: UpstreamSettings;
  /** UPSTREAM_ROOT_ORG: the root of the tree this deployment serves. */
  rootOrganization: string;
  piiEncryptionKey: string;
  syncCron: string;
  timeZone: string;
  /** /healthz and /metrics; 0 picks a free port, null serves nothing. */
  port: number | null;
  /** The queues this process consumes (all by default; `pnpm sync` takes the sync queues only). */
  queues: QueueName[];
  /** Whether this process keeps the nightly Job Scheduler in place. */
  schedule: boolean;
  /** Whether this process polls the outbox. */
  pollOutbox: boolean;
  /** Records per page and per upsert. */
  batchSize: number;
  /** Snapshot pages applied at once, each in its own transaction (a relist has no cursor per page). */
  applyLanes: number;
  policy: Record<JobName, JobPolicy>;
  /** How long a job's lock lasts without renewal: a killed worker's job is taken over after it. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  pushConcurrency: number;
  outboxPollMs: number;
  sweepIntervalMs: number;
  /** A run without a heartbeat for this long is looked at by the sweeper. */
  staleRunAfterMs: number;
  heartbeatMs: number;
  /** Active jobs get this long to hand their work back on shutdown. */
  shutdownTimeoutMs: number;
  log: Logger;
  /** A data source the caller owns (tests, the CLI); otherwise the worker opens its own. */
  dataSource?: DataSource;
}

export const ALL_QUEUES: QueueName[] = Object.values(QueueName);
export const SYNC_QUEUES: QueueName[] = [
  QueueName.SyncOrganizations,
  QueueName.SyncMembers,
  QueueName.SyncTransfers,
];

export function workerConfigFrom(config: Config, overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    queuePrefix: config.QUEUE_PREFIX,
    upstream: {
      url: config.UPSTREAM_URL,
      token: config.UPSTREAM_TOKEN,
      concurrency: config.UPSTREAM_CONCURRENCY,
      timeoutMs: 30_000,
      maxRetries: 6,
      retryBaseMs: 500,
    },
    rootOrganization: config.UPSTREAM_ROOT_ORG,
    piiEncryptionKey: config.PII_ENCRYPTION_KEY,
    syncCron: config.SYNC_CRON,
    timeZone: config.TZ,
    port: config.WORKER_PORT,
    queues: ALL_QUEUES,
    schedule: true,
    pollOutbox: true,
    batchSize: 1000,
    applyLanes: config.SYNC_APPLY_LANES,
    policy: JOB_POLICY,
    lockDurationMs: 60_000,
    stalledIntervalMs: 30_000,
    maxStalledCount: 5,
    pushConcurrency: 4,
    outboxPollMs: 1_000,
    sweepIntervalMs: 30_000,
    staleRunAfterMs: 3 * 60_000,
    heartbeatMs: 10_000,
    shutdownTimeoutMs: 9_000,
    log: createLogger(config.LOG_LEVEL),
    ...overrides,
  };
}

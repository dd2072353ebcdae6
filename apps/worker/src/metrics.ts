import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { BatchOutcome, SyncCollection, SyncRunStatus } from '@dangjian/domain';

/** The worker's Prometheus metrics, in a registry of its own (tests run several workers in one process). */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly records: Counter<'collection' | 'outcome'>;
  private readonly rate: Gauge<'collection'>;
  private readonly runs: Counter<'status'>;
  private readonly failures: Counter<'queue'>;
  private readonly pushes: Counter<'outcome'>;

  constructor(sources: { dataSource: () => DataSource | undefined; queues: () => Queue[] }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dangjian_worker_' });
    this.records = new Counter({
      name: 'dangjian_sync_records_total',
      help: 'Upstream records handled by the sync, by collection and outcome (fetched, applied, skipped, quarantined).',
      labelNames: ['collection', 'outcome'],
      registers: [this.registry],
    });
    this.rate = new Gauge({
      name: 'dangjian_sync_records_per_second',
      help: 'Records per second of the latest pass over each collection.',
      labelNames: ['collection'],
      registers: [this.registry],
    });
    this.runs = new Counter({
      name: 'dangjian_sync_runs_total',
      help: 'Sync runs ended by this worker, by final status.',
      labelNames: ['status'],
      registers: [this.registry],
    });
    this.failures = new Counter({
      name: 'dangjian_job_failures_total',
      help: 'Job attempts that failed, by queue (final failures land in the dead-letter set).',
      labelNames: ['queue'],
      registers: [this.registry],
    });
    this.pushes = new Counter({
      name: 'dangjian_outbox_pushes_total',
      help: 'Outbox entries pushed upstream, by outcome (sent, conflict, failed, retry).',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'dangjian_sync_lag_seconds',
      help: 'Seconds since each collection was last brought in line with upstream (-1: never).',
      labelNames: ['collection'],
      registers: [this.registry],
      async collect() {
        const dataSource = sources.dataSource();
        if (!dataSource?.isInitialized) return;
        const rows = (await dataSource.query(
          'SELECT `collection`, TIMESTAMPDIFF(MICROSECOND, `last_succeeded_at`, CURRENT_TIMESTAMP(3)) / 1000000 AS `lag` FROM `sync_cursor`',
        )) as Array<{ collection: string; lag: number | string | null }>;
        const seen = new Set<string>();
        for (const row of rows) {
          seen.add(row.collection);
          this.set({ collection: row.collection }, row.lag === null ? -1 : Number(row.lag));
        }
        for (const collection of ['ORGANIZATIONS', 'MEMBERS', 'TRANSFERS'])
          if (!seen.has(collection)) this.set({ collection }, -1);
      },
    });
    new Gauge({
      name: 'dangjian_queue_depth',
      help: 'Jobs per queue and state (failed = the dead-letter set).',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const queue of sources.queues()) {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
          for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
        }
      },
    });
  }

  batch(collection: SyncCollection, fetched: number, outcome: BatchOutcome): void {
    this.records.inc({ collection, outcome: 'fetched' }, fetched);
    this.records.inc({ collection, outcome: 'applied' }, outcome.applied);
    this.records.inc({ collection, outcome: 'skipped' }, outcome.skipped);
    this.records.inc({ collection, outcome: 'quarantined' }, outcome.quarantined);
  }

  throughput(collection: SyncCollection, recordsPerSecond: number): void {
    this.rate.set({ collection }, recordsPerSecond);
  }

  runEnded(status: SyncRunStatus): void {
    this.runs.inc({ status });
  }

  jobFailed(queue: string): void {
    this.failures.inc({ queue });
  }

  push(outcome: 'sent' | 'conflict' | 'failed' | 'retry'): void {
    this.pushes.inc({ outcome });
  }
}

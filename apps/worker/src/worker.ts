import 'reflect-metadata';
import type { Server } from 'node:http';
import {
  isWellFormedRequestId,
  PiiCipher,
  QueueName,
  bullPrefix,
  openDataSource,
  workerConnection,
} from '@dangjian/domain';
import { UpstreamClient } from '@dangjian/upstream-client';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { WorkerConfig } from './config.js';
import type { WorkerContext } from './context.js';
import { FiguresAnnouncer } from './figures.js';
import { handlerTable, type HandlerRegistration, JOB_HANDLERS } from './handlers.js';
import { startHttpServer } from './http.js';
import { WorkerMetrics } from './metrics.js';
import { ensureNightlySchedule, pollOutbox, sweepStuckRuns, type SweepReport } from './sweeper.js';

export interface DangjianWorker {
  /** Connects, checks the handler table, starts consuming; rejects if anything is missing. */
  start(): Promise<void>;
  /** Stops taking jobs, lets active jobs hand their work back, closes every connection. */
  close(): Promise<void>;
  /** The port /healthz and /metrics listen on, once started (null when not serving). */
  readonly port: number | null;
  readonly context: WorkerContext;
  /** One sweep of stuck runs now (it also runs on its own timer). */
  sweep(): Promise<SweepReport>;
  /** One outbox poll now (it also runs on its own timer). */
  pollOutbox(): Promise<number>;
}

/** The request id a job was enqueued with, when it is one the gateway could have issued. */
function requestIdOf(job: Pick<Job, 'data'>): string | undefined {
  const value = (job.data as { requestId?: unknown } | undefined)?.requestId;
  return isWellFormedRequestId(value) ? value : undefined;
}

/** What every line about a job carries, so that one job's (and one request's) lines can be found. */
function jobFields(queue: QueueName, job: Pick<Job, 'id' | 'name' | 'data'>): Record<string, unknown> {
  return { queue, jobId: job.id, jobName: job.name, requestId: requestIdOf(job) };
}

/**
 * The worker process's building blocks: a BullMQ Worker per queue, the nightly Job Scheduler, the
 * outbox poller, the stuck-run sweeper and the /healthz + /metrics server.
 */
export function createWorker(
  config: WorkerConfig,
  registrations: readonly HandlerRegistration[] = JOB_HANDLERS,
): DangjianWorker {
  const log = config.log;
  const shutdown = new AbortController();
  const workers: Worker[] = [];
  const timers: NodeJS.Timeout[] = [];
  const ticking = new Set<Promise<void>>();
  let queues: Record<QueueName, Queue> | undefined;
  let dataSource: DataSource | undefined;
  let server: Server | undefined;
  let port: number | null = null;
  let context: WorkerContext | undefined;
  let closing: Promise<void> | undefined;
  const metrics = new WorkerMetrics({
    dataSource: () => dataSource,
    queues: () => (queues ? Object.values(queues) : []),
  });

  const every = (ms: number, name: string, task: () => Promise<unknown>) => {
    let running = false;
    const tick = () => {
      if (running || shutdown.signal.aborted) return;
      running = true;
      const done = task()
        .then(
          () => undefined,
          (error: unknown) => log.warn(`${name} failed`, { error: (error as Error).message }),
        )
        .finally(() => {
          running = false;
          ticking.delete(done);
        });
      ticking.add(done);
    };
    timers.push(setInterval(tick, ms));
    tick();
  };

  const requireContext = () => {
    if (!context) throw new Error('the worker has not started');
    return context;
  };

  return {
    get port() {
      return port;
    },
    get context() {
      return requireContext();
    },
    sweep: () => sweepStuckRuns(requireContext()),
    pollOutbox: () => pollOutbox(requireContext()),

    async start() {
      const table = handlerTable(registrations);
      dataSource =
        config.dataSource ?? (await openDataSource({ databaseUrl: config.databaseUrl, poolSize: 10 }));
      const prefix = bullPrefix(config.queuePrefix);
      const connection = workerConnection(config.redisUrl);
      queues = Object.fromEntries(
        Object.values(QueueName).map((name) => {
          const queue = new Queue(name, { connection, prefix });
          queue.on('error', (error) =>
            log.warn('queue connection problem', { queue: name, error: error.message }),
          );
          return [name, queue];
        }),
      ) as Record<QueueName, Queue>;
      const upstream = new UpstreamClient({
        baseUrl: config.upstream.url,
        token: config.upstream.token,
        concurrency: config.upstream.concurrency,
        timeoutMs: config.upstream.timeoutMs,
        maxRetries: config.upstream.maxRetries,
        retryBaseMs: config.upstream.retryBaseMs,
        onRetry: (info: unknown) => log.debug('upstream request retried', { info }),
      });
      context = {
        config,
        dataSource,
        upstream,
        cipher: new PiiCipher(config.piiEncryptionKey),
        queues,
        metrics,
        figures: new FiguresAnnouncer(config.redisUrl, config.queuePrefix, log),
        log,
        shutdown: shutdown.signal,
      };
      const ctx = context;

      for (const name of config.queues) {
        const worker = new Worker(
          name,
          async (job, token) => {
            const handle = table.get(job.name as never);
            if (!handle) throw new UnrecoverableError(`no handler for job "${job.name}" on queue "${name}"`);
            const requestId = requestIdOf(job);
            const jobLog = log.child(jobFields(name, job));
            const started = Date.now();
            const result = await handle(job, token, {
              ...ctx,
              log: jobLog,
              ...(requestId ? { requestId } : {}),
            });
            jobLog.info('job done', { attempt: job.attemptsMade + 1, durationMs: Date.now() - started });
            return result;
          },
          {
            connection,
            prefix,
            concurrency: name === QueueName.PushOutbox ? config.pushConcurrency : 1,
            lockDuration: config.lockDurationMs,
            stalledInterval: config.stalledIntervalMs,
            maxStalledCount: config.maxStalledCount,
          },
        );
        worker.on('failed', (job, error) => {
          metrics.jobFailed(name);
          // A push or step handed back (DelayedError) is not a failure and does not land here.
          log.warn('job attempt failed', {
            ...(job ? jobFields(name, job) : { queue: name }),
            attempt: job?.attemptsMade,
            error: error.message,
          });
        });
        worker.on('error', (error) =>
          log.warn('worker connection problem', { queue: name, error: error.message }),
        );
        workers.push(worker);
      }
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));

      if (config.schedule) await ensureNightlySchedule(ctx);
      if (config.pollOutbox && config.queues.includes(QueueName.PushOutbox))
        every(config.outboxPollMs, 'outbox poll', () => pollOutbox(ctx));
      every(config.sweepIntervalMs, 'sweep', async () => {
        await sweepStuckRuns(ctx);
        // Redis restarted without persistence forgets the scheduler: put it back.
        if (config.schedule) await ensureNightlySchedule(ctx);
      });
      if (config.port !== null) {
        const started = await startHttpServer(config.port, metrics, [
          { name: 'database', check: async () => void (await ctx.dataSource.query('SELECT 1')) },
          {
            name: 'redis',
            check: async () => void (await ctx.queues[QueueName.Scheduler].getJobCounts('waiting')),
          },
        ]);
        server = started.server;
        port = started.port;
      }
      log.info('worker started', { queues: config.queues, port });
    },

    close() {
      closing ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        shutdown.abort();
        let timer: NodeJS.Timeout | undefined;
        const drained = await Promise.race([
          Promise.all([...workers.map((worker) => worker.close()), ...ticking]).then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), config.shutdownTimeoutMs);
          }),
        ]);
        clearTimeout(timer);
        if (!drained) {
          log.warn(
            'active jobs did not finish in time; their locks expire and another worker takes them over',
          );
          await Promise.all(workers.map((worker) => worker.close(true).catch(() => undefined)));
        }
        await Promise.all(Object.values(queues ?? {}).map((queue) => queue.close().catch(() => undefined)));
        context?.figures.close();
        if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
        if (!config.dataSource && dataSource?.isInitialized) await dataSource.destroy();
        log.info('worker stopped');
      })();
      return closing;
    },
  };
}

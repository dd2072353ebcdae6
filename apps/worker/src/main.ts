import 'reflect-metadata';
import { setPriority } from 'node:os';
import { loadConfigOrExit } from '@dangjian/config';
import { workerConfigFrom } from './config.js';
import { describeRedisError, describeStartFailure, probeRedis } from './probe.js';
import { createWorker } from './worker.js';

// The worker process: every queue's BullMQ Worker, the nightly Job Scheduler, the outbox poller,
// the stuck-run sweeper, and /healthz + /metrics on WORKER_PORT.
const config = loadConfigOrExit();
const workerConfig = workerConfigFrom(config);
// Batch work: on a machine shared with the gateway, the gateway's requests come first.
try {
  setPriority(config.WORKER_NICE);
} catch (error) {
  workerConfig.log.warn('could not lower the CPU priority', { error: (error as Error).message });
}
try {
  await probeRedis(config.REDIS_URL);
} catch (error) {
  workerConfig.log.error(describeRedisError(error, config.REDIS_URL));
  process.exit(1);
}
const worker = createWorker(workerConfig);
try {
  await worker.start();
} catch (error) {
  workerConfig.log.error(describeStartFailure(error));
  await worker.close().catch(() => undefined);
  process.exit(1);
}

let stopping = false;
const stop = (signal: string) => {
  if (stopping) {
    process.exit(130);
  }
  stopping = true;
  workerConfig.log.info('shutting down', { signal });
  // Within 10 s in all: active jobs hand their work back, then every connection closes.
  setTimeout(() => process.exit(1), 10_000).unref();
  worker.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

// A worker in a process of its own, for the tests that kill it: configured by WORKER_CHILD_CONFIG.
import { createWorker } from '../src/index.js';
import { testWorkerConfig } from './helpers.js';

const input = JSON.parse(process.env.WORKER_CHILD_CONFIG ?? '{}') as Parameters<typeof testWorkerConfig>[0];
const worker = createWorker(testWorkerConfig(input));
await worker.start();
process.stdout.write(`ready ${worker.port ?? ''}\n`);
const stop = () => {
  setTimeout(() => process.exit(1), 10_000).unref();
  void worker.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

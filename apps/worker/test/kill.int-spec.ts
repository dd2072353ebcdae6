import type { ChildProcess } from 'node:child_process';
import {
  COLLECTION_QUEUES,
  Member,
  SyncRun,
  requestSyncRun,
  syncJobId,
  withProducerQueue,
} from '@dangjian/domain';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@dangjian/domain/testing';
import { startSimulator, type Simulator } from '@dangjian/upstream-sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../src/index.js';
import {
  FAST_POLICY,
  REDIS_URL,
  SIM_TOKEN,
  deleteRedisKeys,
  differencesFromSimulator,
  spawnTs,
  testWorkerConfig,
  waitFor,
  waitForRun,
} from './helpers.js';

let db: TestDatabase;
let sim: Simulator;
const queuePrefix = testQueuePrefix('worker-kill');
const children = new Set<ChildProcess>();

beforeAll(async () => {
  db = await createTestDatabase('worker_kill');
  sim = await startSimulator({
    token: SIM_TOKEN,
    population: { members: 40_000, transfers: 2_000, seed: 7 },
    rateLimit: false,
    port: 0,
  });
});

afterEach(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  sim.clearFaults();
});

afterAll(async () => {
  await sim?.close();
  await db?.drop();
  await deleteRedisKeys(queuePrefix);
});

const workerInput = () => ({
  databaseUrl: db.url,
  queuePrefix,
  upstreamUrl: sim.url,
  overrides: { batchSize: 500, schedule: false },
});

async function startChild(): Promise<ChildProcess> {
  const child = spawnTs('test/worker-child.ts', [], {
    ...process.env,
    WORKER_CHILD_CONFIG: JSON.stringify(workerInput()),
  });
  children.add(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker child did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker child exited with ${code}: ${output}`));
    });
  });
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

async function requestFullSync(): Promise<SyncRun> {
  return requestSyncRun(
    { dataSource: db.dataSource, redisUrl: REDIS_URL, queuePrefix, policy: FAST_POLICY },
    { full: true, trigger: 'MANUAL' },
  );
}

/** Waits until the members step has committed some pages but is far from done. */
async function midMembers(runId: string, fetched: number): Promise<void> {
  await waitFor(
    async () => {
      const run = await db.dataSource.getRepository(SyncRun).findOneByOrFail({ id: runId });
      return (run.details.MEMBERS?.fetched ?? 0) >= fetched;
    },
    `members step of run ${runId} to pass ${fetched} records`,
    60_000,
    20,
  );
}

describe('a worker that dies or stops mid-run', () => {
  it('killed with SIGKILL in the middle of a full sync, then started again: the database equals upstream, no duplicates', async () => {
    sim.setFaults({ latencyMs: 40 });
    const first = await startChild();
    const run = await requestFullSync();
    await midMembers(run.id, 6_000);
    first.kill('SIGKILL');
    await exited(first);

    const midway = await db.dataSource.getRepository(Member).count();
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(40_000);
    expect((await db.dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id })).status).toBe(
      'RUNNING',
    );

    const second = await startChild();
    const ended = await waitForRun(db.dataSource, run.id, 120_000);
    expect(ended.error).toBeNull();
    expect(ended.status).toBe('SUCCEEDED');
    sim.clearFaults();
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);

    // SIGTERM: a graceful stop.
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
  });

  it('on shutdown hands its active job back within 10 s, and the next worker finishes the run', async () => {
    sim.setFaults({ latencyMs: 40 });
    const config = testWorkerConfig({ ...workerInput(), dataSource: db.dataSource });
    const first = createWorker(config);
    await first.start();
    const run = await requestFullSync();
    await midMembers(run.id, 4_000);

    const started = Date.now();
    await first.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    const state = await withProducerQueue(
      { redisUrl: REDIS_URL, queuePrefix },
      COLLECTION_QUEUES.MEMBERS,
      async (queue) => (await queue.getJob(syncJobId(run, 'MEMBERS')))?.getState(),
    );
    // Back in the queue as it was, not failed and not lost; the run waits for the next worker.
    expect(['delayed', 'waiting']).toContain(state);
    expect((await db.dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id })).status).toBe(
      'RUNNING',
    );

    const second = createWorker(config);
    await second.start();
    const ended = await waitForRun(db.dataSource, run.id, 120_000);
    await second.close();
    expect(ended.status).toBe('SUCCEEDED');
    expect(ended.details.MEMBERS?.fetched ?? 0).toBeGreaterThan(40_000);
    sim.clearFaults();
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
  });
});

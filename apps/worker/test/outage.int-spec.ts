import {
  COLLECTION_QUEUES,
  SyncRun,
  listDeadLetters,
  requestSyncRun,
  type SyncRunStatus,
} from '@dangjian/domain';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@dangjian/domain/testing';
import { startSimulator } from '@dangjian/upstream-sim';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createWorker, type DangjianWorker } from '../src/index.js';
import {
  CuttableProxy,
  FAST_POLICY,
  PrivateRedis,
  REDIS_URL,
  SIM_TOKEN,
  deleteRedisKeys,
  differencesFromSimulator,
  freePort,
  testWorkerConfig,
  waitFor,
  waitForRun,
} from './helpers.js';

const cleanups: Array<() => Promise<unknown>> = [];
const prefixes: string[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  cleanups.length = 0;
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteRedisKeys(prefix);
});

async function setUp(
  label: string,
  population: 'demo' | { members: number; transfers: number; seed: number },
) {
  const db = await createTestDatabase(label);
  cleanups.push(() => db.drop());
  const sim = await startSimulator({ token: SIM_TOKEN, population, rateLimit: false, port: 0, seed: 9 });
  cleanups.push(() => sim.close());
  const queuePrefix = testQueuePrefix(label);
  prefixes.push(queuePrefix);
  return { db, sim, queuePrefix };
}

async function startWorker(worker: DangjianWorker): Promise<DangjianWorker> {
  await worker.start();
  cleanups.push(() => worker.close());
  return worker;
}

async function health(worker: DangjianWorker): Promise<Record<string, string>> {
  const response = await fetch(`http://127.0.0.1:${worker.port}/healthz`, {
    signal: AbortSignal.timeout(5_000),
  });
  return ((await response.json()) as { checks: Record<string, string> }).checks;
}

/** Waits for the run to end; a run that failed cleanly is followed by another that must succeed. */
async function endsWell(
  db: TestDatabase,
  runId: string,
  redisUrl: string,
  queuePrefix: string,
): Promise<SyncRunStatus[]> {
  const first = await waitForRun(db.dataSource, runId, 120_000);
  if (first.status !== 'FAILED') return [first.status];
  expect(first.error).toBeTruthy();
  const next = await requestSyncRun(
    { dataSource: db.dataSource, redisUrl, queuePrefix, policy: FAST_POLICY },
    { trigger: 'MANUAL' },
  );
  const second = await waitForRun(db.dataSource, next.id, 120_000);
  return [first.status, second.status];
}

async function midMembers(db: TestDatabase, runId: string, fetched: number): Promise<void> {
  await waitFor(
    async () =>
      ((await db.dataSource.getRepository(SyncRun).findOneByOrFail({ id: runId })).details.MEMBERS?.fetched ??
        0) >= fetched,
    `run ${runId} to be in the middle of its members`,
    60_000,
    20,
  );
}

describe('outages', () => {
  it('with upstream down all night the run is FAILED with a clear reason, and the schedule tries again', async () => {
    const { db, sim, queuePrefix } = await setUp('worker_down', 'demo');
    sim.setFaults({ errorRate: 1 });
    const worker = await startWorker(
      createWorker(
        testWorkerConfig({
          databaseUrl: db.url,
          queuePrefix,
          upstreamUrl: sim.url,
          dataSource: db.dataSource,
          overrides: {
            // The schedule as a cron of every two seconds: a night lasts a moment here.
            syncCron: '*/2 * * * * *',
            upstream: {
              url: sim.url,
              token: SIM_TOKEN,
              concurrency: 4,
              timeoutMs: 2_000,
              maxRetries: 1,
              retryBaseMs: 20,
            },
          },
        }),
      ),
    );
    const repository = db.dataSource.getRepository(SyncRun);
    const failed = await waitFor(
      async () =>
        repository.findOne({ where: { trigger: 'NIGHTLY', status: 'FAILED' }, order: { id: 'ASC' } }),
      'a nightly run to fail',
      60_000,
    );
    expect(failed.error).toMatch(/上级组织系统不可用/);
    expect(failed.error).toMatch(/HTTP 50\d/);
    expect(failed.details.ORGANIZATIONS?.status).toBe('FAILED');
    expect(failed.finishedAt).toBeInstanceOf(Date);
    const deadLetters = await listDeadLetters({ redisUrl: REDIS_URL, queuePrefix });
    expect(
      deadLetters.some(
        (letter) =>
          letter.queue === COLLECTION_QUEUES.ORGANIZATIONS &&
          letter.failedReason.includes('上级组织系统不可用'),
      ),
    ).toBe(true);

    sim.clearFaults();
    const succeeded = await waitFor(
      async () =>
        repository.findOne({ where: { trigger: 'NIGHTLY', status: 'SUCCEEDED' }, order: { id: 'ASC' } }),
      'a later nightly run to succeed',
      60_000,
    );
    expect(Number(succeeded.id)).toBeGreaterThan(Number(failed.id));
    await worker.close();
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
  });

  it('with Redis restarted (and emptied) mid-run, the run resumes or fails cleanly and the next completes', async () => {
    const { db, sim, queuePrefix } = await setUp('worker_redis', {
      members: 20_000,
      transfers: 1_000,
      seed: 3,
    });
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    cleanups.push(() => redis.kill());
    sim.setFaults({ latencyMs: 30 });
    const worker = await startWorker(
      createWorker(
        testWorkerConfig({
          databaseUrl: db.url,
          redisUrl: redis.url,
          queuePrefix,
          upstreamUrl: sim.url,
          dataSource: db.dataSource,
          overrides: { batchSize: 500, port: 0 },
        }),
      ),
    );
    const run = await requestSyncRun(
      { dataSource: db.dataSource, redisUrl: redis.url, queuePrefix, policy: FAST_POLICY },
      { trigger: 'MANUAL' },
    );
    await midMembers(db, run.id, 3_000);
    await redis.kill();
    await waitFor(
      async () => (await health(worker)).redis !== 'ok',
      'the worker to notice Redis is gone',
      20_000,
    );
    await redis.start();

    const statuses = await endsWell(db, run.id, redis.url, queuePrefix);
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    sim.clearFaults();
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
    expect((await health(worker)).redis).toBe('ok');
  });

  it('with MySQL briefly unreachable mid-run, nothing is half-applied and the sync completes', async () => {
    const { db, sim, queuePrefix } = await setUp('worker_mysql', {
      members: 20_000,
      transfers: 1_000,
      seed: 4,
    });
    const target = new URL(db.url);
    const proxy = new CuttableProxy(target.hostname, Number(target.port || 3306));
    await proxy.start();
    cleanups.push(() => proxy.close());
    const proxied = new URL(db.url);
    proxied.port = String(proxy.port);
    sim.setFaults({ latencyMs: 30 });
    const worker = await startWorker(
      createWorker(
        testWorkerConfig({
          databaseUrl: proxied.toString(),
          queuePrefix,
          upstreamUrl: sim.url,
          overrides: { batchSize: 500, port: 0 },
        }),
      ),
    );
    const run = await requestSyncRun(
      { dataSource: db.dataSource, redisUrl: REDIS_URL, queuePrefix, policy: FAST_POLICY },
      { trigger: 'MANUAL' },
    );
    await midMembers(db, run.id, 3_000);
    proxy.cut();
    await waitFor(
      async () => (await health(worker)).database !== 'ok',
      'the worker to notice MySQL is gone',
      20_000,
    );
    // Whatever committed before the cut is whole: the cursor moved only with its batch.
    const during = await db.dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id });
    expect(during.details.MEMBERS?.applied ?? 0).toBeGreaterThan(0);
    proxy.restore();

    const statuses = await endsWell(db, run.id, REDIS_URL, queuePrefix);
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    sim.clearFaults();
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
  });
});

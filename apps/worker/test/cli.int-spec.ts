import { SyncRun } from '@dangjian/domain';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@dangjian/domain/testing';
import { startSimulator, type Simulator } from '@dangjian/upstream-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../src/index.js';
import {
  PII_KEY,
  REDIS_URL,
  SIM_TOKEN,
  deleteRedisKeys,
  differencesFromSimulator,
  spawnTs,
  testWorkerConfig,
} from './helpers.js';

let db: TestDatabase;
let sim: Simulator;
const queuePrefix = testQueuePrefix('worker-cli');

beforeAll(async () => {
  db = await createTestDatabase('worker_cli');
  sim = await startSimulator({ token: SIM_TOKEN, population: 'demo', rateLimit: false, port: 0 });
});

afterAll(async () => {
  await sim?.close();
  await db?.drop();
  await deleteRedisKeys(queuePrefix);
});

interface Outcome {
  code: number | null;
  stdout: string[];
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const child = spawnTs('src/cli/sync.ts', args, {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    UPSTREAM_URL: sim.url,
    UPSTREAM_TOKEN: SIM_TOKEN,
    PII_ENCRYPTION_KEY: PII_KEY,
    JWT_SECRET: 'cli-test-jwt-secret-that-is-long-enough-0123456789',
    ...env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.once('exit', (code) =>
      resolve({ code, stdout: stdout.trimEnd().split('\n'), stderr: stderr.trim() }),
    );
  });
}

function summaryOf(outcome: Outcome): Record<string, unknown> {
  return JSON.parse(outcome.stdout.at(-1) as string) as Record<string, unknown>;
}

describe('pnpm sync', () => {
  it('with no worker running, runs the jobs itself, prints progress and a JSON summary last, exits 0', async () => {
    const outcome = await runCli([]);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.join('\n')).toContain('没有正在运行的 worker');
    expect(outcome.stdout.length).toBeGreaterThan(2);
    const summary = summaryOf(outcome);
    expect(Object.keys(summary).sort()).toEqual(
      ['applied', 'conflicts', 'durationMs', 'fetched', 'quarantined', 'runId', 'skipped', 'status'].sort(),
    );
    expect(summary).toMatchObject({ status: 'SUCCEEDED', quarantined: 0, conflicts: 0 });
    expect(summary.applied).toBeGreaterThan(2_000);
    const run = await db.dataSource.getRepository(SyncRun).findOneByOrFail({ id: String(summary.runId) });
    expect(run.trigger).toBe('CLI');
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
  });

  it('with a worker running, goes through the same queues and leaves the work to it', async () => {
    const worker = createWorker(
      testWorkerConfig({
        databaseUrl: db.url,
        queuePrefix,
        upstreamUrl: sim.url,
        dataSource: db.dataSource,
        overrides: { schedule: false },
      }),
    );
    await worker.start();
    try {
      const member = sim.currentRecords('members')[0] as Record<string, unknown>;
      sim.upsertRecord('members', { ...member, name: '命令行' });
      const outcome = await runCli(['--collections', 'organizations,members']);
      expect(outcome.code).toBe(0);
      expect(outcome.stdout.join('\n')).not.toContain('没有正在运行的 worker');
      const summary = summaryOf(outcome);
      expect(summary).toMatchObject({ status: 'SUCCEEDED', applied: 1 });
      const run = await db.dataSource.getRepository(SyncRun).findOneByOrFail({ id: String(summary.runId) });
      expect(run.collections).toEqual(['ORGANIZATIONS', 'MEMBERS']);
    } finally {
      await worker.close();
    }
  });

  it('--full relists and applies nothing new', async () => {
    const outcome = await runCli(['--full']);
    expect(outcome.code).toBe(0);
    const summary = summaryOf(outcome);
    expect(summary).toMatchObject({ status: 'SUCCEEDED', applied: 0 });
    expect(summary.skipped).toBe(summary.fetched);
  });

  it('exits 1 with FAILED in the summary when upstream refuses the token', async () => {
    const outcome = await runCli([], { UPSTREAM_TOKEN: 'wrong-token' });
    expect(outcome.code).toBe(1);
    expect(summaryOf(outcome)).toMatchObject({ status: 'FAILED' });
    expect(outcome.stdout.join('\n')).toContain('UPSTREAM_TOKEN');
  });

  it('names the variable to fix in one plain sentence when Redis or MySQL cannot be reached', async () => {
    const redis = await runCli([], { REDIS_URL: 'redis://127.0.0.1:1/0' });
    expect(redis.code).toBe(1);
    expect(redis.stderr).toContain('REDIS_URL');
    expect(redis.stderr.split('\n')).toHaveLength(1);
    expect(redis.stderr).not.toMatch(/\n\s+at /);

    const mysql = await runCli([], { DATABASE_URL: 'mysql://root@127.0.0.1:1/dangjian' });
    expect(mysql.code).toBe(1);
    expect(mysql.stderr).toContain('DATABASE_URL');
    expect(mysql.stderr.split('\n')).toHaveLength(1);

    const usage = await runCli(['--collections', 'people']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('people');
  });
});

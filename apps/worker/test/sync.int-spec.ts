import {
  FIGURES_CHANNEL,
  Member,
  NIGHTLY_SCHEDULER_KEY,
  Organization,
  QueueName,
  SyncRun,
  Transfer,
  requestSyncRun,
} from '@dangjian/domain';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@dangjian/domain/testing';
import { startSimulator, type Simulator } from '@dangjian/upstream-sim';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, type DangjianWorker } from '../src/index.js';
import {
  FAST_POLICY,
  REDIS_URL,
  SIM_TOKEN,
  cipher,
  deleteRedisKeys,
  differencesFromSimulator,
  testWorkerConfig,
  waitForRun,
} from './helpers.js';

let db: TestDatabase;
let sim: Simulator;
let worker: DangjianWorker;
const queuePrefix = testQueuePrefix('worker-sync');
// What the gateways are told: the collections a run changed (they forget the figures they remember).
let listener: Redis;
const announced: string[] = [];
const takeAnnounced = async () => {
  // A message published before the run was marked ended has had ample time to arrive by now; wait a moment more.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return announced.splice(0).sort();
};

beforeAll(async () => {
  db = await createTestDatabase('worker_sync');
  sim = await startSimulator({ token: SIM_TOKEN, population: 'demo', rateLimit: false, port: 0 });
  worker = createWorker(
    testWorkerConfig({
      databaseUrl: db.url,
      queuePrefix,
      upstreamUrl: sim.url,
      dataSource: db.dataSource,
      overrides: { port: 0 },
    }),
  );
  await worker.start();
  listener = new Redis(REDIS_URL);
  listener.on('message', (_channel: string, message: string) => {
    announced.push(String((JSON.parse(message) as { synced?: string }).synced));
  });
  await listener.subscribe(`${queuePrefix}:${FIGURES_CHANNEL}`);
});

afterAll(async () => {
  listener?.disconnect();
  await worker?.close();
  await sim?.close();
  await db?.drop();
  await deleteRedisKeys(queuePrefix);
});

const sync = async (
  input: { full?: boolean; collections?: Array<'ORGANIZATIONS' | 'MEMBERS' | 'TRANSFERS'> } = {},
) => {
  const run = await requestSyncRun(
    { dataSource: db.dataSource, redisUrl: REDIS_URL, queuePrefix, policy: FAST_POLICY },
    { trigger: 'MANUAL', requestedBy: 'tester', ...input },
  );
  return waitForRun(db.dataSource, run.id);
};

describe('nightly sync', () => {
  it('brings organisations, members and transfers in line with upstream, record for record', async () => {
    const run = await sync();
    expect(run.error).toBeNull();
    expect(run.status).toBe('SUCCEEDED');
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);

    const upstreamTotal = ['organizations', 'members', 'transfers'].reduce(
      (sum, name) => sum + sim.currentRecords(name as 'members').length,
      0,
    );
    expect(run.appliedCount).toBe(upstreamTotal);
    expect(run.progress).toBe(1);
    expect(run.collections.every((name) => run.details[name]?.status === 'SUCCEEDED')).toBe(true);
    expect(await takeAnnounced()).toEqual(['MEMBERS', 'ORGANIZATIONS', 'TRANSFERS']);

    // Personal data is stored encrypted, looked up by hash and listed masked.
    const member = (await db.dataSource
      .getRepository(Member)
      .findOne({ where: {}, order: { id: 'ASC' } })) as Member;
    const upstream = sim
      .currentRecords('members')
      .find((record) => record.id === member.upstreamId) as Record<string, string>;
    expect(member.idCardCipher).not.toContain(upstream.idCardNumber.slice(6, 14));
    expect(member.idCardMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(member.idCardHash).toBe(cipher.lookupHash(upstream.idCardNumber));

    // A transfer belongs to our side: the sender when it leaves the tree, the receiver when it arrives.
    const organizations = await db.dataSource.getRepository(Organization).find();
    const ours = new Map(organizations.map((row) => [row.upstreamId, row.id]));
    const transfers = await db.dataSource.getRepository(Transfer).find();
    expect(transfers.length).toBeGreaterThan(0);
    for (const transfer of transfers) {
      const outgoing = ours.has(transfer.fromOrganizationUpstreamId);
      expect(transfer.direction).toBe(outgoing ? 'OUTGOING' : 'INCOMING');
      expect(transfer.organizationId).toBe(
        outgoing
          ? ours.get(transfer.fromOrganizationUpstreamId)
          : (ours.get(transfer.toOrganizationUpstreamId) ?? null),
      );
      expect(transfer.syncState).toBe('SYNCED');
      if (transfer.letterIssuedOn && transfer.letterValidDays)
        expect(transfer.letterExpiresOn).not.toBeNull();
    }
  });

  it('applies nothing when run again, from the feed or from a full relist', async () => {
    const again = await sync();
    expect(again.status).toBe('SUCCEEDED');
    expect(again.appliedCount).toBe(0);

    const full = await sync({ full: true });
    expect(full.status).toBe('SUCCEEDED');
    expect(full.appliedCount).toBe(0);
    expect(full.skippedCount).toBe(full.fetchedCount);
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
    // Nothing changed, so the gateways keep what they remember.
    expect(await takeAnnounced()).toEqual([]);
  });

  it('takes upstream changes from the feed: updates, and deletions as soft deletes that keep history', async () => {
    const [first, second] = sim.currentRecords('members');
    sim.upsertRecord('members', { ...first, name: '赵更新' });
    sim.deleteRecord('members', second?.id as string);
    const run = await sync({ collections: ['MEMBERS'] });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.appliedCount).toBe(2);
    expect(await takeAnnounced()).toEqual(['MEMBERS']);

    const repository = db.dataSource.getRepository(Member);
    expect((await repository.findOneBy({ upstreamId: first?.id as string }))?.name).toBe('赵更新');
    const deleted = await repository.findOne({
      where: { upstreamId: second?.id as string },
      withDeleted: true,
    });
    expect(deleted?.deletedAt).toBeInstanceOf(Date);
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
  });

  it('keeps the nightly schedule in place with a stable key and the configured cron and time zone', async () => {
    const scheduler = await worker.context.queues[QueueName.Scheduler].getJobScheduler(NIGHTLY_SCHEDULER_KEY);
    expect(scheduler).toMatchObject({ pattern: '0 2 * * *', tz: 'Asia/Shanghai' });
    expect(await worker.context.queues[QueueName.Scheduler].getJobSchedulersCount()).toBe(1);
  });

  it('serves /healthz and Prometheus metrics', async () => {
    const health = await fetch(`http://127.0.0.1:${worker.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });

    const metrics = await (await fetch(`http://127.0.0.1:${worker.port}/metrics`)).text();
    expect(metrics).toMatch(/dangjian_sync_records_total\{collection="MEMBERS",outcome="applied"\} [1-9]/);
    expect(metrics).toMatch(/dangjian_sync_lag_seconds\{collection="MEMBERS"\} \d/);
    expect(metrics).toMatch(/dangjian_queue_depth\{queue="sync-members",state="failed"\} 0/);
    expect(metrics).toMatch(/dangjian_sync_records_per_second\{collection="MEMBERS"\} \d/);
    expect(metrics).toContain('dangjian_sync_runs_total{status="SUCCEEDED"}');
    expect(await db.dataSource.getRepository(SyncRun).count()).toBe(4);
  });
});

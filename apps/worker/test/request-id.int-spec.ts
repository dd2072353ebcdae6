import {
  FULL_SCOPE,
  Member,
  OutboxEntry,
  QueueName,
  Transfer,
  actOnTransfer,
  bullPrefix,
  createTransferOut,
  pushJobId,
  requestSyncRun,
  type Actor,
  type PushOutboxJobData,
} from '@dangjian/domain';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@dangjian/domain/testing';
import { startSimulator, type Simulator } from '@dangjian/upstream-sim';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createWorker, type DangjianWorker } from '../src/index.js';
import {
  FAST_POLICY,
  REDIS_URL,
  SIM_TOKEN,
  deleteRedisKeys,
  testWorkerConfig,
  waitFor,
  waitForRun,
} from './helpers.js';

// The gateway's side (X-Request-Id into requestSync and onto the outbox row) has its own test in
// apps/gateway; here the worker takes the id from the job and puts it on that job's log lines.
type Line = Record<string, unknown>;

let db: TestDatabase;
let sim: Simulator;
let worker: DangjianWorker;
const written: string[] = [];
const lines = () => written.map((line) => JSON.parse(line) as Line);
const queuePrefix = testQueuePrefix('worker-request-id');
const FAR_SIDE = { id: '410105003012', name: '郑州市金水区文化路街道北林路社区党委' };

beforeAll(async () => {
  db = await createTestDatabase('worker_request_id');
  sim = await startSimulator({ token: SIM_TOKEN, population: 'demo', rateLimit: false, port: 0, seed: 11 });
  worker = createWorker(
    testWorkerConfig({
      databaseUrl: db.url,
      queuePrefix,
      upstreamUrl: sim.url,
      dataSource: db.dataSource,
      overrides: {
        schedule: false,
        outboxPollMs: 100,
        log: createLogger('info', (line) => written.push(line)),
      },
    }),
  );
  await worker.start();
});

afterAll(async () => {
  await worker?.close();
  await sim?.close();
  await db?.drop();
  await deleteRedisKeys(queuePrefix);
});

describe('the request id in the jobs a request causes', () => {
  it("follows a requested sync through each step's job and onto its log lines", async () => {
    const requestId = 'req-sync-0001';
    const run = await requestSyncRun(
      { dataSource: db.dataSource, redisUrl: REDIS_URL, queuePrefix, policy: FAST_POLICY },
      { trigger: 'MANUAL', requestId },
    );
    expect((await waitForRun(db.dataSource, run.id)).status).toBe('SUCCEEDED');

    const done = lines().filter((line) => line.msg === 'job done' && line.requestId === requestId);
    expect(done.map((line) => [line.queue, line.jobName])).toEqual([
      [QueueName.SyncOrganizations, 'sync-organizations'],
      [QueueName.SyncMembers, 'sync-members'],
      [QueueName.SyncTransfers, 'sync-transfers'],
    ]);
    for (const line of done)
      expect(line).toMatchObject({ service: 'worker', level: 'info', jobId: expect.stringMatching(/^run-/) });
    expect(lines().find((line) => line.msg === 'sync run ended')).toMatchObject({
      runId: run.id,
      requestId,
      queue: QueueName.SyncTransfers,
    });
  });

  it('carries the request id of a transfer action from its outbox row into the push job and its lines', async () => {
    const members = await db.dataSource.getRepository(Member).find({ order: { id: 'ASC' }, take: 50 });
    const upstreamOpen = new Set(sim.currentRecords('transfers').map((record) => record.memberId));
    const member = members.find(
      (candidate) => candidate.upstreamId && !upstreamOpen.has(candidate.upstreamId),
    ) as Member;
    const creating: Actor = { username: 'request-id-tester', userId: null, requestId: 'req-create-0002' };
    const created = await createTransferOut(db.dataSource, FULL_SCOPE, creating, {
      memberId: member.id,
      kind: 'WITHIN_SYSTEM',
      toOrganizationName: FAR_SIDE.name,
      toOrganizationUpstreamId: FAR_SIDE.id,
      reason: '工作调动',
    });
    const sent = (kind: string) =>
      waitFor(
        async () =>
          (await db.dataSource
            .getRepository(OutboxEntry)
            .findOneBy({ transferId: created.id, kind: kind as never, status: 'SENT' })) ?? null,
        `the ${kind} entry to be pushed`,
        30_000,
      );
    const createEntry = await sent('CREATE_TRANSFER');
    expect(createEntry.requestId).toBe('req-create-0002');
    expect(
      (await db.dataSource.getRepository(Transfer).findOneByOrFail({ id: created.id })).upstreamId,
    ).toMatch(/^T/);

    await actOnTransfer(
      db.dataSource,
      FULL_SCOPE,
      { ...creating, requestId: 'req-approve-0003' },
      created.id,
      { action: 'APPROVE' },
    );
    const approveEntry = await sent('TRANSFER_ACTION');
    expect(approveEntry.requestId).toBe('req-approve-0003');

    const queue = new Queue(QueueName.PushOutbox, {
      connection: { url: REDIS_URL },
      prefix: bullPrefix(queuePrefix),
    });
    try {
      for (const [entry, requestId] of [
        [createEntry, 'req-create-0002'],
        [approveEntry, 'req-approve-0003'],
      ] as const) {
        const job = await queue.getJob(pushJobId(entry.idempotencyKey));
        expect(job?.data as PushOutboxJobData).toMatchObject({
          transferId: created.id,
          outboxEntryId: entry.id,
          requestId,
        });
        const pushed = await waitFor(
          async () => lines().find((line) => line.msg === 'outbox entry pushed' && line.entryId === entry.id),
          `the line of entry ${entry.id}`,
          5_000,
        );
        expect(pushed).toMatchObject({
          requestId,
          queue: QueueName.PushOutbox,
          jobName: 'push-outbox',
          jobId: job?.id,
          transferId: created.id,
        });
      }
    } finally {
      await queue.close();
    }
  });
});

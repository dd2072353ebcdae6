import {
  FULL_SCOPE,
  Member,
  OutboxEntry,
  QueueName,
  SyncConflict,
  Transfer,
  actOnTransfer,
  createTransferOut,
  listDeadLetters,
  requestSyncRun,
  retryDeadLetter,
  type Actor,
  type OutboxStatus,
  type TransferActionInput,
} from '@dangjian/domain';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@dangjian/domain/testing';
import { startSimulator, type Simulator } from '@dangjian/upstream-sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, type DangjianWorker } from '../src/index.js';
import {
  FAST_POLICY,
  REDIS_URL,
  SIM_TOKEN,
  deleteRedisKeys,
  testWorkerConfig,
  waitFor,
  waitForRun,
} from './helpers.js';

let db: TestDatabase;
let sim: Simulator;
let worker: DangjianWorker;
const queuePrefix = testQueuePrefix('worker-push');
const actor: Actor = { username: 'push-tester', userId: null };
const FAR_SIDE = { id: '410105003012', name: '郑州市金水区文化路街道北林路社区党委' };

beforeAll(async () => {
  db = await createTestDatabase('worker_push');
  sim = await startSimulator({ token: SIM_TOKEN, population: 'demo', rateLimit: false, port: 0, seed: 5 });
  worker = createWorker(
    testWorkerConfig({
      databaseUrl: db.url,
      queuePrefix,
      upstreamUrl: sim.url,
      dataSource: db.dataSource,
      overrides: {
        schedule: false,
        outboxPollMs: 100,
        upstream: {
          url: sim.url,
          token: SIM_TOKEN,
          concurrency: 4,
          timeoutMs: 5_000,
          maxRetries: 3,
          retryBaseMs: 20,
        },
      },
    }),
  );
  await worker.start();
  await sync();
});

afterEach(() => sim.clearFaults());

afterAll(async () => {
  await worker?.close();
  await sim?.close();
  await db?.drop();
  await deleteRedisKeys(queuePrefix);
});

async function sync() {
  const run = await requestSyncRun(
    { dataSource: db.dataSource, redisUrl: REDIS_URL, queuePrefix, policy: FAST_POLICY },
    { trigger: 'MANUAL' },
  );
  const ended = await waitForRun(db.dataSource, run.id);
  expect(ended.status).toBe('SUCCEEDED');
  return ended;
}

let memberCursor = 0;
/** A local member from upstream with no transfer of their own yet. */
async function freshMember(): Promise<Member> {
  const members = await db.dataSource.getRepository(Member).find({ order: { id: 'ASC' } });
  for (;;) {
    const member = members[memberCursor++] as Member;
    const open = await db.dataSource
      .getRepository(Transfer)
      .countBy({ memberUpstreamId: member.upstreamId as string });
    const upstreamOpen = sim
      .currentRecords('transfers')
      .some((transfer) => transfer.memberId === member.upstreamId);
    if (!open && !upstreamOpen) return member;
  }
}

async function startTransfer(): Promise<string> {
  const member = await freshMember();
  const created = await createTransferOut(db.dataSource, FULL_SCOPE, actor, {
    memberId: member.id,
    kind: 'WITHIN_SYSTEM',
    toOrganizationName: FAR_SIDE.name,
    toOrganizationUpstreamId: FAR_SIDE.id,
    reason: '工作调动',
  });
  expect(created.syncState).toBe('PENDING_PUSH');
  return created.id;
}

const act = (transferId: string, input: TransferActionInput) =>
  actOnTransfer(db.dataSource, FULL_SCOPE, actor, transferId, input);

async function entriesOf(transferId: string): Promise<OutboxEntry[]> {
  return db.dataSource.getRepository(OutboxEntry).find({ where: { transferId }, order: { id: 'ASC' } });
}

async function settled(transferId: string, statuses: OutboxStatus[] = ['SENT']): Promise<OutboxEntry[]> {
  return waitFor(
    async () => {
      const entries = await entriesOf(transferId);
      return entries.length && entries.every((entry) => statuses.includes(entry.status)) ? entries : null;
    },
    `outbox entries of transfer ${transferId} to be ${statuses.join('/')}`,
    30_000,
  );
}

const local = async (transferId: string) =>
  (await db.dataSource.getRepository(Transfer).findOneByOrFail({ id: transferId })) as Transfer;
const upstreamOf = (upstreamId: string) =>
  sim.currentRecords('transfers').find((record) => record.id === upstreamId) as Record<string, unknown>;
const pushesWith = (key: string) => sim.pushes().filter((push) => push.idempotencyKey === key);

describe('pushing console actions upstream', () => {
  it('creates the transfer upstream once, then follows with its actions in order', async () => {
    const id = await startTransfer();
    await act(id, { action: 'APPROVE' });
    const entries = await settled(id);
    expect(entries.map((entry) => entry.kind)).toEqual(['CREATE_TRANSFER', 'TRANSFER_ACTION']);

    const transfer = await local(id);
    expect(transfer.upstreamId).toMatch(/^T\d+$/);
    expect(transfer.status).toBe('APPROVED');
    expect(transfer.syncState).toBe('SYNCED');
    expect(upstreamOf(transfer.upstreamId as string)).toMatchObject({
      status: 'APPROVED',
      toOrganizationId: FAR_SIDE.id,
    });
    for (const entry of entries) {
      const processed = pushesWith(entry.idempotencyKey).filter((push) => push.outcome === 'PROCESSED');
      expect(processed).toHaveLength(1);
    }

    // The next pull sees the same transfer: no second row for it.
    await sync();
    expect(
      await db.dataSource.getRepository(Transfer).countBy({ upstreamId: transfer.upstreamId as string }),
    ).toBe(1);
    expect((await local(id)).status).toBe('APPROVED');
  });

  it('retries transient failures with the same key and body, so upstream acts exactly once', async () => {
    const id = await startTransfer();
    await act(id, { action: 'APPROVE' });
    await settled(id);
    sim.setFaults({ errorRate: 0.5, cutConnectionRate: 0.2 });
    await act(id, { action: 'ISSUE_LETTER' });
    const entries = await settled(id);
    sim.clearFaults();

    const issue = entries[entries.length - 1] as OutboxEntry;
    const upstreamId = (await local(id)).upstreamId as string;
    const pushes = sim
      .pushes()
      .filter(
        (push) =>
          push.path.endsWith(`/${upstreamId}/actions`) &&
          (push.body as { action?: string }).action === 'ISSUE_LETTER',
      );
    expect(pushes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(pushes.map((push) => push.idempotencyKey))).toEqual(new Set([issue.idempotencyKey]));
    expect(
      pushes.filter((push) => ['PROCESSED', 'FAILED_AFTER', 'CUT'].includes(push.outcome)).length,
    ).toBeGreaterThanOrEqual(1);

    const upstream = upstreamOf(upstreamId);
    expect(upstream.status).toBe('IN_TRANSIT');
    const history = upstream.history as Array<{ status: string }>;
    expect(history.filter((event) => event.status === 'IN_TRANSIT')).toHaveLength(1);
    expect((await local(id)).letterNumber).toBe(upstream.letterNumber);
  });

  it('records a conflict with both sides when the far side acted first, and takes upstream state', async () => {
    const id = await startTransfer();
    await act(id, { action: 'APPROVE' });
    await act(id, { action: 'ISSUE_LETTER' });
    await settled(id);
    const upstreamId = (await local(id)).upstreamId as string;

    sim.farSide(upstreamId, 'RETURN', '材料不全，退回补充');
    await act(id, { action: 'REVOKE', note: '党员本人申请撤销' });
    const entries = await settled(id, ['SENT', 'CONFLICT']);
    expect(entries[entries.length - 1]?.status).toBe('CONFLICT');

    const conflict = await db.dataSource.getRepository(SyncConflict).findOneByOrFail({ transferId: id });
    expect(conflict.reason).toMatch(/撤销.*已退回/);
    expect(conflict.localState).toMatchObject({ action: 'REVOKE', status: 'REVOKED' });
    expect(conflict.upstreamState).toMatchObject({ id: upstreamId, status: 'RETURNED' });
    expect(conflict.resolvedAt).toBeNull();

    const transfer = await local(id);
    expect(transfer.status).toBe('RETURNED');
    expect(transfer.syncState).toBe('CONFLICT');
    expect(upstreamOf(upstreamId).status).toBe('RETURNED');
  });

  it('ends every transfer acted on from both sides at once in the same state on both sides, or in a recorded conflict', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await startTransfer();
      await act(id, { action: 'APPROVE' });
      await act(id, { action: 'ISSUE_LETTER' });
      ids.push(id);
    }
    for (const id of ids) await settled(id);

    // Ours reaches upstream first, theirs does, or both leave at once.
    const modes = ['ours-first', 'theirs-first', 'together', 'together'] as const;
    await Promise.all(
      ids.map(async (id, index) => {
        const upstreamId = (await local(id)).upstreamId as string;
        const farSide = () => {
          try {
            sim.farSide(upstreamId, 'RECEIVE');
          } catch {
            // Our revocation got there first: upstream refuses the far side, as it would.
          }
        };
        const mode = modes[index];
        if (mode === 'theirs-first') farSide();
        await act(id, { action: 'REVOKE', note: '同时操作测试' });
        if (mode === 'ours-first') await settled(id, ['SENT', 'CONFLICT']);
        if (mode !== 'theirs-first') farSide();
      }),
    );
    for (const id of ids) await settled(id, ['SENT', 'CONFLICT']);
    await sync();

    const outcomes: string[] = [];
    for (const id of ids) {
      const transfer = await local(id);
      const upstream = upstreamOf(transfer.upstreamId as string);
      const conflicts = await db.dataSource.getRepository(SyncConflict).countBy({ transferId: id });
      expect(transfer.status).toBe(upstream.status);
      if (upstream.status === 'REVOKED') expect(conflicts).toBe(0);
      else expect(conflicts).toBe(1);
      outcomes.push(upstream.status as string);
    }
    expect(outcomes[0]).toBe('REVOKED');
    expect(outcomes[1]).toBe('RECEIVED');
  });

  it('dead-letters a push that keeps failing; retried from there it goes through with the same key', async () => {
    const id = await startTransfer();
    sim.setFaults({ errorRate: 1 });
    const [entry] = await settled(id, ['FAILED']);
    expect(entry?.lastError).toBeTruthy();
    expect((await local(id)).syncState).toBe('PENDING_PUSH');

    const deadLetters = await listDeadLetters({ redisUrl: REDIS_URL, queuePrefix });
    const letter = deadLetters.find(
      (item) =>
        item.queue === QueueName.PushOutbox && (item.data as { transferId: string }).transferId === id,
    );
    expect(letter).toBeDefined();

    sim.clearFaults();
    await retryDeadLetter(
      { redisUrl: REDIS_URL, queuePrefix, dataSource: db.dataSource },
      QueueName.PushOutbox,
      letter?.jobId as string,
    );
    await settled(id);
    const transfer = await local(id);
    expect(transfer.syncState).toBe('SYNCED');
    const pushes = pushesWith(entry?.idempotencyKey as string);
    expect(pushes.length).toBeGreaterThan(1);
    expect(
      sim.currentRecords('transfers').filter((record) => record.memberId === transfer.memberUpstreamId),
    ).toHaveLength(1);
  });
});

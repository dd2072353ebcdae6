import { Member, QuarantinedRecord, Transfer, requestSyncRun, type SyncCollection } from '@dangjian/domain';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@dangjian/domain/testing';
import { startSimulator, type Simulator } from '@dangjian/upstream-sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, type DangjianWorker } from '../src/index.js';
import {
  FAST_POLICY,
  REDIS_URL,
  SIM_TOKEN,
  deleteRedisKeys,
  differencesFromSimulator,
  testWorkerConfig,
  waitForRun,
} from './helpers.js';

let db: TestDatabase;
let sim: Simulator;
let worker: DangjianWorker;
const queuePrefix = testQueuePrefix('worker-faults');

beforeAll(async () => {
  db = await createTestDatabase('worker_faults');
  sim = await startSimulator({ token: SIM_TOKEN, population: 'demo', rateLimit: false, port: 0, seed: 11 });
  worker = createWorker(
    testWorkerConfig({
      databaseUrl: db.url,
      queuePrefix,
      upstreamUrl: sim.url,
      dataSource: db.dataSource,
      // Small pages: more requests, so every kind of fault actually happens.
      overrides: { batchSize: 100, schedule: false },
    }),
  );
  await worker.start();
});

afterEach(() => sim.clearFaults());

afterAll(async () => {
  await worker?.close();
  await sim?.close();
  await db?.drop();
  await deleteRedisKeys(queuePrefix);
});

const sync = async (input: { full?: boolean; collections?: SyncCollection[] } = {}) => {
  const run = await requestSyncRun(
    { dataSource: db.dataSource, redisUrl: REDIS_URL, queuePrefix, policy: FAST_POLICY },
    { trigger: 'MANUAL', ...input },
  );
  return waitForRun(db.dataSource, run.id, 120_000);
};

/** Upstream keeps working: members change (some several times), leave, arrive; transfers move on. */
function churn(round: number): void {
  const members = sim.currentRecords('members');
  for (let i = 0; i < 120; i++) {
    const member = members[(i * 7 + round * 13) % members.length] as Record<string, unknown>;
    sim.upsertRecord('members', { ...member, name: `${String(member.name).slice(0, 1)}改${round}${i}` });
    if (i % 3 === 0) sim.upsertRecord('members', { ...member, flags: ['MOBILE'] });
  }
  for (let i = 0; i < 15; i++) {
    const member = members[(i * 31 + round * 5 + 3) % members.length] as Record<string, unknown>;
    sim.deleteRecord('members', member.id as string);
  }
  const template = members[0] as Record<string, unknown>;
  for (let i = 0; i < 10; i++) {
    // Created and, for some, deleted again before the next sync: the feed carries both.
    const id = `NEW-${round}-${i}`;
    sim.upsertRecord('members', { ...template, id, name: `新${round}${i}` });
    if (i % 4 === 0) sim.deleteRecord('members', id);
  }
  const transfers = sim.currentRecords('transfers').filter((transfer) => transfer.status === 'IN_TRANSIT');
  for (const transfer of transfers.slice(0, 3))
    sim.upsertRecord('transfers', { ...transfer, reason: `更新 ${round}` });
}

describe('a sync under faults', () => {
  it('converges to exactly the simulator state through 5xx, 429s, cut answers, duplicates and out-of-order items', async () => {
    sim.setFaults({
      errorRate: 0.1,
      rateLimitRate: 0.05,
      retryAfterSeconds: 1,
      cutConnectionRate: 0.02,
      duplicateRate: 0.2,
      reorderRate: 0.2,
    });
    const first = await sync();
    expect(first.status).toBe('SUCCEEDED');
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);

    for (const round of [1, 2]) {
      churn(round);
      const run = await sync();
      expect(run.error).toBeNull();
      expect(run.status).toBe('SUCCEEDED');
      expect(run.details.MEMBERS?.relisted).toBe(false);
      // Duplicates and stale versions arrived and were skipped, not applied twice.
      expect(run.skippedCount).toBeGreaterThan(0);
      expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
    }
    expect(worker.context.upstream.stats.retries).toBeGreaterThan(0);
  });

  it('quarantines malformed records with their reasons, applies the rest and ends PARTIAL', async () => {
    sim.setFaults({ malformedRate: 0.05 });
    const run = await sync({ full: true });
    expect(run.status).toBe('PARTIAL');
    expect(run.quarantinedCount).toBeGreaterThan(0);

    const quarantined = await db.dataSource.getRepository(QuarantinedRecord).findBy({ syncRunId: run.id });
    expect(quarantined).toHaveLength(run.quarantinedCount);
    for (const record of quarantined) {
      expect(record.reason.length).toBeGreaterThan(3);
      expect(record.payload).toBeTruthy();
    }
    // The well-formed copies of those records and everything else went in.
    sim.clearFaults();
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
  });

  it('relists after an expired cursor: what upstream deleted goes, local-only data on survivors stays', async () => {
    const repository = db.dataSource.getRepository(Member);
    const [survivorRecord, goneRecord] = sim.currentRecords('members');
    const survivor = (await repository.findOneBy({ upstreamId: survivorRecord?.id as string })) as Member;
    await repository.update(
      { id: survivor.id },
      { lastPartyLifeOn: '2026-11-20', lastDuesPaidOn: '2026-11-05' },
    );
    const localTransfer = await db.dataSource.getRepository(Transfer).save(
      db.dataSource.getRepository(Transfer).create({
        memberId: survivor.id,
        memberName: survivor.name,
        direction: 'OUTGOING',
        kind: 'PAPER',
        status: 'DRAFT',
        organizationId: survivor.organizationId,
        fromOrganizationName: '本地组织',
        toOrganizationName: '外省某党组织',
        history: [],
        syncState: 'LOCAL_ONLY',
      }),
    );

    sim.upsertRecord('members', { ...survivorRecord, ethnicity: '回族' });
    sim.deleteRecord('members', goneRecord?.id as string);
    sim.expireCursors();
    const run = await sync({ collections: ['MEMBERS', 'TRANSFERS'] });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.details.MEMBERS?.relisted).toBe(true);

    const gone = await repository.findOne({
      where: { upstreamId: goneRecord?.id as string },
      withDeleted: true,
    });
    expect(gone?.deletedAt).toBeInstanceOf(Date);
    const kept = (await repository.findOneBy({ id: survivor.id })) as Member;
    expect(kept.ethnicity).toBe('回族');
    expect(kept.lastPartyLifeOn).toBe('2026-11-20');
    expect(kept.lastDuesPaidOn).toBe('2026-11-05');
    const transfer = await db.dataSource.getRepository(Transfer).findOneBy({ id: localTransfer.id });
    expect(transfer).toMatchObject({ memberId: survivor.id, syncState: 'LOCAL_ONLY', deletedAt: null });
    expect(await differencesFromSimulator(db.dataSource, sim)).toEqual([]);
  });
});

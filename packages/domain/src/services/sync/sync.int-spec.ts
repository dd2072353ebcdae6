import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../crypto/pii-cipher.js';
import { Member } from '../../entities/member.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { SyncRun } from '../../entities/sync.entities.js';
import { Transfer } from '../../entities/transfer.entity.js';
import { DomainError } from '../../errors/domain-error.js';
import { producerConnection } from '../../jobs/connection.js';
import { bullPrefix, QueueName, syncJobId } from '../../jobs/queues.js';
import { requestSyncRun } from '../../jobs/sync-requests.js';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../../testing/index.js';
import { markCollectionSucceeded } from './bookkeeping.js';
import { applyMembers } from './members.js';
import { applyOrganizations, organizationIdsByUpstreamId } from './organizations.js';
import type { MemberItem, OrganizationItem, TransferItem } from './records.js';
import { applyTransfers, linkTransferMembers } from './transfers.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const ROOT = '410104001000';
const cipher = new PiiCipher('a'.repeat(64));

let db: TestDatabase;
const queuePrefix = testQueuePrefix('sync-services');

beforeAll(async () => {
  db = await createTestDatabase('sync_services');
});

afterAll(async () => {
  await db?.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${queuePrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const org = (id: string, parentId: string | null, version = 1, name = `组织${id}`): OrganizationItem => ({
  id,
  parentId,
  version,
  name,
  type: parentId ? 'BRANCH' : 'WORKING_COMMITTEE',
  category: parentId ? 'COMMUNITY' : 'SUBDISTRICT',
  establishedOn: '2020-01-01',
  unitCreditCodes: [],
  deleted: false,
});

describe('requestSyncRun', () => {
  it('creates a QUEUED run and its first job, and refuses a second while it is active', async () => {
    const deps = { dataSource: db.dataSource, redisUrl: REDIS_URL, queuePrefix };
    const run = await requestSyncRun(deps, {
      collections: ['MEMBERS', 'ORGANIZATIONS'],
      trigger: 'MANUAL',
      requestedBy: 'admin',
    });
    expect(run.status).toBe('QUEUED');
    expect(run.collections).toEqual(['ORGANIZATIONS', 'MEMBERS']);

    const queue = new Queue(QueueName.SyncOrganizations, {
      connection: producerConnection(REDIS_URL),
      prefix: bullPrefix(queuePrefix),
    });
    try {
      const job = await queue.getJob(syncJobId(run, 'ORGANIZATIONS'));
      expect(job?.data).toEqual({ runId: run.id, collection: 'ORGANIZATIONS', full: false });
    } finally {
      await queue.close();
    }

    const second = requestSyncRun(deps, { trigger: 'CLI' });
    await expect(second).rejects.toBeInstanceOf(DomainError);
    await expect(second).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'SYNC_ALREADY_RUNNING',
      details: { runId: run.id },
    });
    await expect(second).rejects.toThrow(/同步/);
    expect(await db.dataSource.getRepository(SyncRun).count()).toBe(1);
    await db.dataSource.getRepository(SyncRun).update({ id: run.id }, { status: 'SUCCEEDED' });
  });
});

describe('applying pulled records', () => {
  it('builds the tree from children-first pages, and a second apply changes nothing', async () => {
    const items = [
      org('410104001011', '410104001001'),
      org('410104001001', ROOT),
      org(ROOT, '410104000000'),
      org('410104001002', ROOT),
    ];
    const first = await db.dataSource.transaction((manager) =>
      applyOrganizations(manager, items, { rootUpstreamId: ROOT }),
    );
    expect(first).toMatchObject({ applied: 4, skipped: 0, quarantined: 0 });

    const rows = await db.dataSource.getRepository(Organization).find();
    const byCode = new Map(rows.map((row) => [row.upstreamId, row]));
    const root = byCode.get(ROOT) as Organization;
    const community = byCode.get('410104001001') as Organization;
    const branch = byCode.get('410104001011') as Organization;
    expect(root.parentId).toBeNull();
    expect(root.path).toBe(`/${root.id}/`);
    expect(community.parentId).toBe(root.id);
    expect(branch.path).toBe(`/${root.id}/${community.id}/${branch.id}/`);
    expect(branch.depth).toBe(2);

    const again = await db.dataSource.transaction((manager) =>
      applyOrganizations(manager, items, { rootUpstreamId: ROOT }),
    );
    expect(again).toMatchObject({ applied: 0, skipped: 4 });
  });

  it('moves a subtree with its paths, ignores an older version, and soft-deletes on a tombstone', async () => {
    const moved = org('410104001001', '410104001002', 2);
    await db.dataSource.transaction((manager) =>
      applyOrganizations(manager, [moved, org('410104001001', ROOT, 1)], { rootUpstreamId: ROOT }),
    );
    const repository = db.dataSource.getRepository(Organization);
    const parent = (await repository.findOneBy({ upstreamId: '410104001002' })) as Organization;
    const branch = (await repository.findOneBy({ upstreamId: '410104001011' })) as Organization;
    expect(branch.path.startsWith(parent.path)).toBe(true);
    expect(branch.depth).toBe(3);

    const stale = await db.dataSource.transaction((manager) =>
      applyOrganizations(manager, [org('410104001001', ROOT, 1)], { rootUpstreamId: ROOT }),
    );
    expect(stale).toMatchObject({ applied: 0, skipped: 1 });

    await db.dataSource.transaction((manager) =>
      applyOrganizations(manager, [{ id: '410104001011', version: 5, deleted: true }], {
        rootUpstreamId: ROOT,
      }),
    );
    const gone = await repository.findOne({ where: { upstreamId: '410104001011' }, withDeleted: true });
    expect(gone?.deletedAt).toBeInstanceOf(Date);
    expect(gone?.upstreamVersion).toBe(5);
  });

  it('quarantines an organisation whose parent is unknown', async () => {
    const result = await db.dataSource.transaction((manager) =>
      applyOrganizations(manager, [org('410104009999', '410104008888')], { rootUpstreamId: ROOT }),
    );
    expect(result.quarantined).toBe(1);
    expect(result.quarantinedItems[0]?.reason).toContain('410104008888');
  });

  it('stores members with encrypted PII and masked copies, and keeps local-only columns on update', async () => {
    const organizationIds = await organizationIdsByUpstreamId(db.dataSource.manager);
    const member = (version: number, name = '王建国'): Extract<MemberItem, { name: string }> => ({
      id: 'M-1',
      version,
      name,
      gender: 'MALE',
      ethnicity: '汉族',
      birthDate: '1980-05-01',
      idCardNumber: '11010519491231002X',
      phone: '13812345678',
      education: 'UNDERGRADUATE',
      status: 'FULL',
      joinedOn: '2005-07-01',
      fullMemberOn: '2006-07-01',
      organizationId: '410104001002',
      duesPaidThrough: '2026-10',
      flags: ['MOBILE'],
      deleted: false,
    });
    const result = await db.dataSource.transaction((manager) =>
      applyMembers(manager, [member(1), member(1)], { cipher, organizationIds }),
    );
    expect(result).toMatchObject({ applied: 1, skipped: 1, quarantined: 0 });
    const repository = db.dataSource.getRepository(Member);
    const stored = (await repository.findOneBy({ upstreamId: 'M-1' })) as Member;
    expect(stored.idCardCipher).not.toContain('11010519491231002X');
    expect(cipher.decrypt(stored.idCardCipher)).toBe('11010519491231002X');
    expect(stored.idCardHash).toBe(cipher.lookupHash('11010519491231002x'));
    expect(stored.idCardMasked).toBe('110105********002X');
    expect(stored.phoneMasked).toBe('138****5678');
    expect(stored.organizationId).toBe(organizationIds.get('410104001002'));

    await repository.update({ id: stored.id }, { lastPartyLifeOn: '2026-11-01', probationExtendedMonths: 0 });
    await db.dataSource.transaction((manager) =>
      applyMembers(manager, [member(2, '王建华')], { cipher, organizationIds }),
    );
    const updated = (await repository.findOneBy({ id: stored.id })) as Member;
    expect(updated.name).toBe('王建华');
    expect(updated.lastPartyLifeOn).toBe('2026-11-01');

    const orphan = await db.dataSource.transaction((manager) =>
      applyMembers(manager, [{ ...member(1), id: 'M-2', organizationId: '419999999999' }], {
        cipher,
        organizationIds,
      }),
    );
    expect(orphan.quarantined).toBe(1);
    expect(JSON.stringify(orphan.quarantinedItems[0]?.payload)).not.toContain('11010519491231002X');
  });

  it('links a transfer to its member once the member arrives, and skips the join when none has since', async () => {
    const organizationIds = await organizationIdsByUpstreamId(db.dataSource.manager);
    const transfer = (id: string, memberId: string): TransferItem => ({
      id,
      version: 1,
      memberId,
      memberName: '陈来',
      kind: 'WITHIN_SYSTEM',
      fromOrganizationId: '410105003012',
      fromOrganizationName: '金水区某社区党委',
      toOrganizationId: '410104001002',
      toOrganizationName: '组织410104001002',
      status: 'RECEIVED',
      reason: '工作调动',
      letterNumber: null,
      letterIssuedOn: null,
      letterValidDays: null,
      receivedOn: '2026-11-20',
      receiptOn: null,
      history: [],
      deleted: false,
    });
    const arriving = (id: string): MemberItem => ({
      id,
      version: 1,
      name: '陈来',
      gender: 'MALE',
      ethnicity: '汉族',
      birthDate: '1985-02-03',
      idCardNumber: '11010519491231002X',
      phone: null,
      education: 'JUNIOR_COLLEGE',
      status: 'FULL',
      joinedOn: '2010-07-01',
      fullMemberOn: '2011-07-01',
      organizationId: '410104001002',
      duesPaidThrough: null,
      flags: [],
      deleted: false,
    });
    const transfers = db.dataSource.getRepository(Transfer);
    await db.dataSource.transaction(async (manager) => {
      await applyTransfers(manager, [transfer('T-40', 'M-40')], { organizationIds });
      await markCollectionSucceeded(manager, 'TRANSFERS');
    });
    expect((await transfers.findOneByOrFail({ upstreamId: 'T-40' })).memberId).toBeNull();

    await db.dataSource.transaction((manager) =>
      applyMembers(manager, [arriving('M-40')], { cipher, organizationIds }),
    );
    const member = await db.dataSource.getRepository(Member).findOneByOrFail({ upstreamId: 'M-40' });
    expect(await db.dataSource.transaction((manager) => linkTransferMembers(manager))).toBe(1);
    expect((await transfers.findOneByOrFail({ upstreamId: 'T-40' })).memberId).toBe(member.id);

    // After a completed transfer pass with no member added since, the join does not run at all
    // (the member is dated back a second so that the two times cannot share a millisecond).
    await db.dataSource.query(
      "UPDATE `member` SET `created_at` = `created_at` - INTERVAL 1 SECOND WHERE `upstream_id` = 'M-40'",
    );
    await db.dataSource.transaction((manager) => markCollectionSucceeded(manager, 'TRANSFERS'));
    await transfers.update({ upstreamId: 'T-40' }, { memberId: null });
    expect(await db.dataSource.transaction((manager) => linkTransferMembers(manager))).toBe(0);
    expect((await transfers.findOneByOrFail({ upstreamId: 'T-40' })).memberId).toBeNull();
  });

  it('on a first listing skips the look-up, yet a record stored meanwhile with a newer version stays', async () => {
    const organizationIds = await organizationIdsByUpstreamId(db.dataSource.manager);
    const member = (id: string, version: number, name: string): MemberItem => ({
      id,
      version,
      name,
      gender: 'FEMALE',
      ethnicity: '回族',
      birthDate: '1990-03-07',
      idCardNumber: '11010519491231002X',
      phone: null,
      education: 'POSTGRADUATE',
      status: 'PROBATIONARY',
      joinedOn: '2025-07-01',
      fullMemberOn: null,
      organizationId: '410104001002',
      duesPaidThrough: null,
      flags: [],
      deleted: false,
    });
    await db.dataSource.transaction((manager) =>
      applyMembers(manager, [member('M-30', 7, '李新')], { cipher, organizationIds }),
    );
    const result = await db.dataSource.transaction((manager) =>
      applyMembers(manager, [member('M-30', 3, '李旧'), member('M-31', 1, '周一')], {
        cipher,
        organizationIds,
        firstListing: true,
      }),
    );
    // Counted as applied (nothing was looked up), but the version guard kept the newer row.
    expect(result).toMatchObject({ applied: 2, quarantined: 0 });
    const repository = db.dataSource.getRepository(Member);
    expect(await repository.findOneBy({ upstreamId: 'M-30' })).toMatchObject({
      name: '李新',
      upstreamVersion: 7,
    });
    const inserted = (await repository.findOneBy({ upstreamId: 'M-31' })) as Member;
    expect(inserted).toMatchObject({ name: '周一', upstreamVersion: 1, phoneCipher: null });
    expect(cipher.decrypt(inserted.idCardCipher)).toBe('11010519491231002X');
  });
});

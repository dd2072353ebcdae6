import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../crypto/pii-cipher.js';
import { demoSubdistrict, type DemoSubdistrict } from '../../demo/index.js';
import { AuditLog } from '../../entities/audit-log.entity.js';
import { Member } from '../../entities/member.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { Activity } from '../../entities/daily-work/activity.entity.js';
import { Request as RequestRecord } from '../../entities/daily-work/request.entity.js';
import { Setting } from '../../entities/setting.entity.js';
import { Unit } from '../../entities/daily-work/unit.entity.js';
import type { DomainError } from '../../errors/domain-error.js';
import { insertUpstreamDemoForTests } from '../../seed/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/index.js';
import { FULL_SCOPE, type DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import { getCadreStatistics } from '../overview/index.js';
import {
  addCommitteeSeat,
  advanceRequest,
  advanceWish,
  changeChecklistStatus,
  createActivity,
  createChecklistItem,
  createElection,
  createRenovationProject,
  createRequest,
  createServiceCenter,
  createStaff,
  createUnit,
  createWish,
  deleteActivity,
  getActivity,
  getElection,
  listActivities,
  updateActivity,
  updateSetting,
} from './index.js';

const actor: Actor = { username: 'tester', userId: null };

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the call to fail');
}

describe('the daily work services', () => {
  let db: TestDatabase;
  let demo: DemoSubdistrict;
  const cipher = new PiiCipher(randomBytes(32).toString('hex'));
  const orgs = new Map<string, Organization>();
  let communityA: Organization;
  let communityB: Organization;
  let scopeA: DataScope;

  const auditCount = async (entityType: string) =>
    db.dataSource.getRepository(AuditLog).countBy({ entityType });

  beforeAll(async () => {
    db = await createTestDatabase('work');
    demo = demoSubdistrict();
    await insertUpstreamDemoForTests(db.dataSource, cipher);
    for (const o of await db.dataSource.getRepository(Organization).find()) orgs.set(o.upstreamId!, o);
    communityA = orgs.get(demo.communities[0].organizationId)!;
    communityB = orgs.get(demo.communities[1].organizationId)!;
    scopeA = { all: false, organizationPaths: [communityA.path] };
  });
  afterAll(async () => {
    await db?.drop();
  });

  describe('validation, in Chinese, with stable reasons', () => {
    it('refuses a credit code whose check character is wrong', async () => {
      const good = demo.nonPublicBranches[0].unitCreditCode;
      const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const error = await failure(
        createUnit(db.dataSource, FULL_SCOPE, actor, {
          category: 'NON_PUBLIC_ENTERPRISE',
          name: '校验位错误的企业',
          creditCode: wrong,
          communityOrganizationId: communityA.id,
        }),
      );
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.fields).toEqual([
        expect.objectContaining({ field: 'creditCode', reason: 'CREDIT_CODE_CHECK_CHARACTER' }),
      ]);
      expect(error.message).toMatch(/统一社会信用代码校验位不正确/);
      expect(await db.dataSource.getRepository(Unit).countBy({ name: '校验位错误的企业' })).toBe(0);
      expect(await auditCount('Unit')).toBe(0);

      const unit = await createUnit(db.dataSource, FULL_SCOPE, actor, {
        category: 'NON_PUBLIC_ENTERPRISE',
        name: '校验位正确的企业',
        creditCode: good.toLowerCase(),
        communityOrganizationId: communityA.id,
        staffCount: 12,
      });
      expect(unit.creditCode).toBe(good);
      const duplicate = await failure(
        createUnit(db.dataSource, FULL_SCOPE, actor, {
          category: 'NON_PUBLIC_ENTERPRISE',
          name: '重复登记',
          creditCode: good,
          communityOrganizationId: communityA.id,
        }),
      );
      expect(duplicate.code).toBe('CONFLICT');
    });

    it('refuses an end date before the start date', async () => {
      const error = await failure(
        createRenovationProject(db.dataSource, FULL_SCOPE, actor, {
          name: '日期颠倒的整治项目',
          kind: 'COMPOUND',
          communityOrganizationId: communityA.id,
          startedOn: '2026-06-01',
          finishedOn: '2026-05-01',
          status: 'COMPLETED',
        }),
      );
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.fields).toContainEqual(
        expect.objectContaining({ field: 'finishedOn', reason: 'DATE_ORDER' }),
      );
      expect(error.message).toContain('完工日期（2026-05-01）不能早于开工日期（2026-06-01）');

      const staff = await failure(
        createStaff(
          db.dataSource,
          FULL_SCOPE,
          actor,
          {
            communityOrganizationId: communityA.id,
            name: '赵测试',
            startedOn: '2024-03-01',
            endedOn: '2024-02-01',
            phone: '13800001111',
          },
          cipher,
        ),
      );
      expect(staff.fields).toContainEqual(
        expect.objectContaining({ field: 'endedOn', reason: 'DATE_ORDER' }),
      );
    });

    it('refuses a negative area and works out the area standard', async () => {
      const error = await failure(
        createServiceCenter(db.dataSource, FULL_SCOPE, actor, {
          organizationId: communityA.id,
          name: '面积为负的中心',
          level: 'COMMUNITY',
          areaM2: -20,
          stage: 'OPEN',
        }),
      );
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.fields).toContainEqual(expect.objectContaining({ field: 'areaM2', reason: 'NEGATIVE' }));
      expect(error.message).toContain('建筑面积不能为负数');

      const small = await createServiceCenter(db.dataSource, FULL_SCOPE, actor, {
        organizationId: communityA.id,
        name: '测试社区党群服务中心',
        level: 'COMMUNITY',
        areaM2: 280.5,
        householdsServed: 1500,
        stage: 'OPEN',
        sharingRoute: 'SHARED_PROPERTY',
        facilities: ['党员加油站', '矛盾调解室'],
      });
      // 1500 households need max(300, 15 × 30 = 450) m².
      expect(small.areaM2).toBe(280.5);
      expect(small.standardMet).toBe(false);
      expect(small.sharingRoute).toBe('SHARED_PROPERTY');
    });
  });

  describe('one transaction per write', () => {
    it('writes the row and its audit row together, or neither', async () => {
      const activity = await createActivity(db.dataSource, FULL_SCOPE, actor, {
        kind: 'SERVICE',
        organizationId: communityA.id,
        heldOn: '2026-05-10',
        title: '健康义诊',
        participations: 40,
      });
      const audit = await db.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ entityType: 'Activity', entityId: activity.id });
      expect(audit).toMatchObject({ action: 'CREATE', actor: 'tester' });
      expect(audit.after).toMatchObject({ title: '健康义诊', participations: 40 });

      // Make the audit insert fail after the activity row is written: the activity must not stay.
      await db.dataSource.query(
        "CREATE TRIGGER refuse_activity_audit BEFORE INSERT ON audit_log FOR EACH ROW BEGIN IF NEW.entity_type = 'Activity' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit refused'; END IF; END",
      );
      try {
        await expect(
          createActivity(db.dataSource, FULL_SCOPE, actor, {
            kind: 'SERVICE',
            organizationId: communityA.id,
            heldOn: '2026-05-11',
            title: '不应留下的活动',
          }),
        ).rejects.toThrow(/audit refused/);
        await expect(
          updateActivity(db.dataSource, FULL_SCOPE, actor, activity.id, { title: '不应保存的标题' }),
        ).rejects.toThrow(/audit refused/);
      } finally {
        await db.dataSource.query('DROP TRIGGER refuse_activity_audit');
      }
      expect(await db.dataSource.getRepository(Activity).countBy({ title: '不应留下的活动' })).toBe(0);
      expect((await getActivity(db.dataSource, FULL_SCOPE, activity.id)).title).toBe('健康义诊');
      expect(await auditCount('Activity')).toBe(1);
    });

    it('rolls back a setting that no longer fits the others, audit row included', async () => {
      const before = await auditCount('Setting');
      const error = await failure(
        updateSetting(db.dataSource, FULL_SCOPE, actor, 'letterValidDaysInCity', 365),
      );
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/不能超过上限/);
      expect(await db.dataSource.getRepository(Setting).countBy({ key: 'letterValidDaysInCity' })).toBe(0);
      expect(await auditCount('Setting')).toBe(before);
      expect((await failure(updateSetting(db.dataSource, scopeA, actor, 'requestDueDays', 5))).code).toBe(
        'FORBIDDEN',
      );
      const settings = await updateSetting(db.dataSource, FULL_SCOPE, actor, 'requestDueDays', 5);
      expect(settings.requestDueDays).toBe(5);
      await updateSetting(db.dataSource, FULL_SCOPE, actor, 'requestDueDays', null);
    });
  });

  describe('the data scope', () => {
    it('treats an id outside the scope as not found, for reads and writes alike', async () => {
      const other = await createActivity(db.dataSource, FULL_SCOPE, actor, {
        kind: 'THEME_EDUCATION',
        organizationId: communityB.id,
        heldOn: '2026-04-01',
        title: '另一社区的主题教育',
      });
      for (const attempt of [
        () => getActivity(db.dataSource, scopeA, other.id),
        () => updateActivity(db.dataSource, scopeA, actor, other.id, { title: '越权修改' }),
        () => deleteActivity(db.dataSource, scopeA, actor, other.id),
        () =>
          createActivity(db.dataSource, scopeA, actor, {
            kind: 'SERVICE',
            organizationId: communityB.id,
            heldOn: '2026-04-02',
            title: '越权新增',
          }),
      ]) {
        const error = await failure(attempt());
        expect(error.code).toBe('NOT_FOUND');
        expect(error.message).toMatch(/不存在或无权访问/);
      }
      const mine = await listActivities(db.dataSource, scopeA, { first: 100 });
      expect(mine.nodes.every((a) => a.organizationId === communityA.id)).toBe(true);
      expect((await getActivity(db.dataSource, FULL_SCOPE, other.id)).title).toBe('另一社区的主题教育');
    });
  });

  describe('lists', () => {
    it('pages with an opaque cursor, never skipping or repeating a row', async () => {
      for (let i = 1; i <= 5; i++) {
        await createActivity(db.dataSource, FULL_SCOPE, actor, {
          kind: 'CITY_CLEANING',
          organizationId: communityB.id,
          heldOn: `2026-03-0${i}`,
          title: `全城清洁第${i}次`,
          participations: 100,
        });
      }
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page = await listActivities(db.dataSource, FULL_SCOPE, {
          first: 2,
          after,
          filter: { kind: ['CITY_CLEANING'] },
          sort: { field: 'HELD_ON', direction: 'ASC' },
        });
        expect(page.totalCount).toBe(5);
        seen.push(...page.nodes.map((a) => a.heldOn));
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
      expect((await failure(listActivities(db.dataSource, FULL_SCOPE, { first: 101 }))).code).toBe(
        'BAD_USER_INPUT',
      );
      expect((await failure(listActivities(db.dataSource, FULL_SCOPE, { after: 'not-a-cursor' }))).code).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('state changes', () => {
    it('answers a request before closing it, and keeps the contact masked', async () => {
      const request = await createRequest(
        db.dataSource,
        FULL_SCOPE,
        actor,
        {
          source: 'RESIDENT',
          requesterName: '王大爷',
          contact: '13912345678',
          communityOrganizationId: communityA.id,
          content: '楼道灯不亮',
          category: 'PROPERTY',
          scale: 'MINOR',
        },
        cipher,
      );
      expect(request.status).toBe('RECEIVED');
      expect(request.contactMasked).toBe('139****5678');
      expect(cipher.decrypt(request.contactCipher!)).toBe('13912345678');
      const created = await db.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ entityType: 'Request', entityId: request.id });
      expect(created.after).toMatchObject({ requesterName: '王*', contactMasked: '139****5678' });
      expect(JSON.stringify(created.after)).not.toContain('13912345678');
      expect(created.after).not.toHaveProperty('contactCipher');

      const noFeedback = await failure(
        advanceRequest(db.dataSource, FULL_SCOPE, actor, request.id, { status: 'RESOLVED' }),
      );
      expect(noFeedback.fields[0]).toMatchObject({ field: 'feedback', reason: 'REQUEST_FEEDBACK_REQUIRED' });
      await advanceRequest(db.dataSource, FULL_SCOPE, actor, request.id, {
        status: 'IN_PROGRESS',
        handledBy: '党员志愿者服务队',
      });
      const resolved = await advanceRequest(db.dataSource, FULL_SCOPE, actor, request.id, {
        status: 'RESOLVED',
        feedback: '已更换灯泡并回访',
      });
      expect(resolved).toMatchObject({
        status: 'RESOLVED',
        feedback: '已更换灯泡并回访',
        handledBy: '党员志愿者服务队',
      });
      expect(resolved.feedbackAt).toBeInstanceOf(Date);
      expect(resolved.resolvedAt).toBeInstanceOf(Date);
      const back = await failure(
        advanceRequest(db.dataSource, FULL_SCOPE, actor, request.id, { status: 'IN_PROGRESS' }),
      );
      expect(back).toMatchObject({ code: 'CONFLICT', reason: 'REQUEST_INVALID_TRANSITION' });
      expect(
        (await db.dataSource.getRepository(RequestRecord).findOneByOrFail({ id: request.id })).status,
      ).toBe('RESOLVED');
    });

    it('closes a problem only with the evidence of its rectification', async () => {
      const item = await createChecklistItem(db.dataSource, FULL_SCOPE, actor, {
        kind: 'PROBLEM',
        organizationId: communityA.id,
        title: '党员档案未归档',
      });
      expect(item.status).toBe('OPEN');
      const early = await failure(
        changeChecklistStatus(db.dataSource, FULL_SCOPE, actor, item.id, { status: 'CLOSED' }),
      );
      expect(early.code).toBe('CONFLICT');
      await changeChecklistStatus(db.dataSource, FULL_SCOPE, actor, item.id, { status: 'RECTIFYING' });
      const bare = await failure(
        changeChecklistStatus(db.dataSource, FULL_SCOPE, actor, item.id, { status: 'CLOSED' }),
      );
      expect(bare.fields[0]).toMatchObject({ reason: 'CHECKLIST_EVIDENCE_REQUIRED' });
      const closed = await changeChecklistStatus(db.dataSource, FULL_SCOPE, actor, item.id, {
        status: 'CLOSED',
        rectification: '已补齐归档',
      });
      expect(closed).toMatchObject({ status: 'CLOSED', closedBy: 'tester', rectification: '已补齐归档' });
      expect(closed.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('moves a wish from collected to claimed to fulfilled, with a claimant', async () => {
      const wish = await createWish(db.dataSource, FULL_SCOPE, actor, {
        organizationId: communityA.id,
        round: 1,
        beneficiaryCategory: 'YOUTH',
        beneficiaryName: '李小明',
        content: '一套课外读物',
        collectedOn: '2026-01-05',
      });
      expect(wish.beneficiaryName).toBe('李*');
      const noClaimant = await failure(
        advanceWish(db.dataSource, FULL_SCOPE, actor, wish.id, { status: 'CLAIMED', on: '2026-01-08' }),
      );
      expect(noClaimant.fields[0]).toMatchObject({ reason: 'WISH_CLAIMANT_REQUIRED' });
      await advanceWish(db.dataSource, FULL_SCOPE, actor, wish.id, {
        status: 'CLAIMED',
        claimantUnit: '街道机关党支部',
        on: '2026-01-08',
      });
      const fulfilled = await advanceWish(db.dataSource, FULL_SCOPE, actor, wish.id, {
        status: 'FULFILLED',
        on: '2026-01-20',
      });
      expect(fulfilled).toMatchObject({
        status: 'FULFILLED',
        claimedOn: '2026-01-08',
        fulfilledOn: '2026-01-20',
      });
    });
  });

  describe('elections', () => {
    it('takes the term from the organisation and seats only its own members', async () => {
      const election = await createElection(db.dataSource, FULL_SCOPE, actor, {
        organizationId: communityA.id,
        electedOn: '2021-12-18',
      });
      expect(election).toMatchObject({ termYears: 5, termEndsOn: '2026-12-18' });
      const duplicate = await failure(
        createElection(db.dataSource, FULL_SCOPE, actor, {
          organizationId: communityA.id,
          electedOn: '2021-12-18',
        }),
      );
      expect(duplicate.code).toBe('CONFLICT');

      const members = await db.dataSource.getRepository(Member).find();
      const byUpstream = new Map(members.map((m) => [m.upstreamId, m]));
      const seats = demo.committees[0].seats.map((s) => ({
        member: byUpstream.get(s.memberId)!,
        role: s.role,
      }));
      const stranger = byUpstream.get(demo.committees[1].seats[0].memberId)!;
      const foreign = await failure(
        addCommitteeSeat(db.dataSource, FULL_SCOPE, actor, {
          electionId: election.id,
          memberId: stranger.id,
          role: 'COMMITTEE_MEMBER',
        }),
      );
      expect(foreign.fields[0]).toMatchObject({ field: 'memberId', reason: 'MEMBER_NOT_IN_ORGANIZATION' });

      for (const seat of seats) {
        await addCommitteeSeat(db.dataSource, FULL_SCOPE, actor, {
          electionId: election.id,
          memberId: seat.member.id,
          role: seat.role,
        });
      }
      const again = await failure(
        addCommitteeSeat(db.dataSource, FULL_SCOPE, actor, {
          electionId: election.id,
          memberId: seats[0].member.id,
          role: 'COMMITTEE_MEMBER',
        }),
      );
      expect(again.code).toBe('CONFLICT');
      const loaded = await getElection(db.dataSource, FULL_SCOPE, election.id);
      expect(loaded.seats).toHaveLength(3);
      expect(loaded.seats![0].role).toBe('SECRETARY');

      const outside = await failure(
        getElection(db.dataSource, { all: false, organizationPaths: [communityB.path] }, election.id),
      );
      expect(outside.code).toBe('NOT_FOUND');

      const statistics = await getCadreStatistics(db.dataSource, FULL_SCOPE, [communityA.id]);
      expect(statistics.asOf).toBe('2021-12-18');
      expect(statistics.seatCount).toBe(3);
      const ages = [46, 36, 28];
      expect(statistics.averageAge).toBeCloseTo(ages.reduce((a, b) => a + b) / 3, 10);
    });
  });
});

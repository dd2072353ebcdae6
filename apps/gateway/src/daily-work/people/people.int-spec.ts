import { addDays, todayIn } from '@dangjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../../../test/support/expect.js';
import { seedFixture, type Fixture } from '../../../test/support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from '../../../test/support/harness.js';

describe('staff, instructors, their assignments and guidance visits', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  let apiKey: string;
  let seededInstructorId: string;
  const today = todayIn('Asia/Shanghai');

  beforeAll(async () => {
    gw = await startGateway('work-people');
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    apiKey = expectOk(await gw.gql<{ createApiKey: { key: string } }>('mutation { createApiKey(name: "统计系统") { key } }', {}, { token: admin })).createApiKey.key;
    const [row] = (await gw.db.dataSource.query('SELECT id FROM instructor ORDER BY id LIMIT 1')) as Array<{ id: string | number }>;
    seededInstructorId = String(row?.id);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('keeps full-time staff with their phone encrypted and shown masked; another team sees names masked too', async () => {
    const token = fx.users.adminA;
    const created = expectOk(
      await gw.gql<{ createStaff: { id: string; name: string; phone: string; active: boolean; member: { name: string } } }>(
        `mutation ($input: CreateStaffInput!) { createStaff(input: $input) { id name phone active member { name } } }`,
        {
          input: {
            communityOrganizationId: fx.communityA.id,
            name: '刘专干',
            gender: 'FEMALE',
            education: 'UNDERGRADUATE',
            phone: '13812345678',
            memberId: fx.members.a2.id,
            startedOn: '2021-03-01',
          },
        },
        { token },
      ),
    ).createStaff;
    expect(created).toMatchObject({ name: '刘专干', phone: '138****5678', active: true, member: { name: '张四' } });
    const [stored] = (await gw.db.dataSource.query('SELECT phone_cipher AS cipher, phone_masked AS masked FROM staff WHERE id = ?', [created.id])) as Array<
      Record<string, string>
    >;
    expect(stored?.cipher).not.toContain('13812345678');
    expect(stored?.masked).toBe('138****5678');

    const badPhone = expectError(
      await gw.gql('mutation ($id: ID!) { updateStaff(id: $id, input: { phone: "12345" }) { id } }', { id: created.id }, { token }),
      'BAD_USER_INPUT',
    );
    expect((badPhone.extensions?.fields as Array<{ field: string }>)[0]?.field).toBe('phone');

    const ended = expectOk(
      await gw.gql<{ updateStaff: { endedOn: string; active: boolean; phone: string } }>(
        'mutation ($id: ID!) { updateStaff(id: $id, input: { endedOn: "2024-12-31" }) { endedOn active phone } }',
        { id: created.id },
        { token },
      ),
    ).updateStaff;
    expect(ended).toEqual({ endedOn: '2024-12-31', active: false, phone: '138****5678' });

    const inPost = expectOk(
      await gw.gql<{ staff: { totalCount: number } }>('query ($day: Date) { staff(filter: { activeOn: $day }) { totalCount } }', { day: today }, { token }),
    ).staff;
    expect(inPost.totalCount).toBe(0);
    const byKey = expectOk(await gw.gql<{ staff: { nodes: Array<{ name: string; phone: string }> } }>('{ staff { nodes { name phone } } }', {}, { apiKey })).staff;
    expect(byKey.nodes).toEqual([{ name: '刘*', phone: '138****5678' }]);
    expectError(await gw.gql('query ($id: ID!) { staffMember(id: $id) { name } }', { id: created.id }, { token: fx.users.adminB }), 'NOT_FOUND');
    expectError(
      await gw.gql('mutation ($input: CreateStaffInput!) { createStaff(input: $input) { id } }', {
        input: { communityOrganizationId: fx.communityA.id, name: '越权', startedOn: '2022-01-01' },
      }, { apiKey }),
      'FORBIDDEN',
    );
  });

  it('appoints an instructor, assigns branches only of the guided kinds, and ends an assignment', async () => {
    const instructor = expectOk(
      await gw.gql<{ createInstructor: { id: string; phone: string; organization: { name: string } } }>(
        'mutation ($org: ID!) { createInstructor(input: { organizationId: $org, name: "陈指导员", phone: "13900001111", title: "组织委员" }) { id phone organization { name } } }',
        { org: fx.root.id },
        { token: admin },
      ),
    ).createInstructor;
    expect(instructor).toMatchObject({ phone: '139****1111', organization: { name: '陇海马路街道党工委' } });
    const assign = (organizationId: string) =>
      gw.gql<{ createInstructorAssignment: { id: string; active: boolean; instructor: { name: string }; organization: { name: string } } }>(
        'mutation ($input: CreateInstructorAssignmentInput!) { createInstructorAssignment(input: $input) { id active instructor { name } organization { name } } }',
        { input: { instructorId: instructor.id, organizationId, fromOn: '2025-01-01' } },
        { token: admin },
      );
    const assignment = expectOk(await assign(fx.tenantBranch.id)).createInstructorAssignment;
    expect(assignment).toMatchObject({ active: true, instructor: { name: '陈指导员' }, organization: { name: '大厦入驻企业党支部' } });
    const wrongKind = expectError(await assign(fx.branchA.id), 'BAD_USER_INPUT', 'NOT_A_GUIDED_BRANCH');
    expect(wrongKind.message).toContain('党建指导员只指导非公企业、社会组织和楼宇党组织');
    expectError(await assign(fx.tenantBranch.id), 'CONFLICT', 'ASSIGNMENT_OVERLAPS');

    const list = expectOk(
      await gw.gql<{ instructorAssignments: { totalCount: number } }>(
        'query ($id: ID) { instructorAssignments(filter: { instructorId: $id }) { totalCount } }',
        { id: instructor.id },
        { token: admin },
      ),
    ).instructorAssignments;
    expect(list.totalCount).toBe(1);
    const ended = expectOk(
      await gw.gql<{ endInstructorAssignment: { toOn: string; active: boolean } }>(
        'mutation ($id: ID!, $on: Date!) { endInstructorAssignment(id: $id, toOn: $on) { toOn active } }',
        { id: assignment.id, on: addDays(today, -1) },
        { token: admin },
      ),
    ).endInstructorAssignment;
    expect(ended).toEqual({ toOn: addDays(today, -1), active: false });
    const early = expectError(
      await gw.gql('mutation ($id: ID!) { endInstructorAssignment(id: $id, toOn: "2024-01-01") { id } }', { id: assignment.id }, { token: admin }),
      'BAD_USER_INPUT',
    );
    expect(early.message).toMatch(/[\u4e00-\u9fff]/);
    const renamed = expectOk(
      await gw.gql<{ updateInstructor: { title: string; phone: string } }>(
        'mutation ($id: ID!) { updateInstructor(id: $id, input: { title: "党建指导员" }) { title phone } }',
        { id: instructor.id },
        { token: admin },
      ),
    ).updateInstructor;
    expect(renamed).toEqual({ title: '党建指导员', phone: '139****1111' });
  });

  it('records a guidance visit with its items, corrects it, completes the follow-up, and shows the board', async () => {
    const token = fx.users.instructor;
    const visitedOn = addDays(today, -40);
    const created = expectOk(
      await gw.gql<{ createGuidanceVisit: { id: string; followUpDueOn: string; followUpOverdue: boolean; items: Array<{ item: string; state: string }> } }>(
        `mutation ($input: CreateGuidanceVisitInput!) {
          createGuidanceVisit(input: $input) { id followUpDueOn followUpOverdue items { item state } }
        }`,
        {
          input: {
            organizationId: fx.enterpriseBranch.id,
            instructorId: seededInstructorId,
            visitedOn,
            findings: '党员档案不全',
            items: [
              { item: 'ARCHIVE_MANAGEMENT', state: 'NEEDS_IMPROVEMENT', note: '缺少两份入党材料' },
              { item: 'RULES_POSTED', state: 'GOOD' },
            ],
          },
        },
        { token },
      ),
    ).createGuidanceVisit;
    expect(created).toEqual({
      id: created.id,
      followUpDueOn: addDays(visitedOn, 30),
      followUpOverdue: true,
      items: [
        { item: 'ARCHIVE_MANAGEMENT', state: 'NEEDS_IMPROVEMENT' },
        { item: 'RULES_POSTED', state: 'GOOD' },
      ],
    });
    const duplicate = expectError(
      await gw.gql('mutation ($input: CreateGuidanceVisitInput!) { createGuidanceVisit(input: $input) { id } }', {
        input: {
          organizationId: fx.enterpriseBranch.id,
          instructorId: seededInstructorId,
          visitedOn,
          items: [
            { item: 'RULES_POSTED', state: 'GOOD' },
            { item: 'RULES_POSTED', state: 'NOT_DONE' },
          ],
        },
      }, { token }),
      'BAD_USER_INPUT',
    );
    expect(duplicate.extensions?.fields).toEqual([{ field: 'items[1].item', reason: 'DUPLICATE', message: '同一指导事项只能填写一次' }]);

    const listed = expectOk(
      await gw.gql<{ guidanceVisits: { totalCount: number; nodes: Array<{ id: string; items: Array<{ item: string }>; organization: { name: string } }> } }>(
        '{ guidanceVisits(filter: { followUpOverdue: true }) { totalCount nodes { id items { item } organization { name } } } }',
        {},
        { token },
      ),
    ).guidanceVisits;
    expect(listed.totalCount).toBe(1);
    expect(listed.nodes[0]).toEqual({ id: created.id, items: [{ item: 'ARCHIVE_MANAGEMENT' }, { item: 'RULES_POSTED' }], organization: { name: '某科技公司党支部' } });

    const corrected = expectOk(
      await gw.gql<{ updateGuidanceVisit: { method: string; items: Array<{ item: string; state: string }> } }>(
        'mutation ($id: ID!) { updateGuidanceVisit(id: $id, input: { method: PHONE, items: [{ item: ARCHIVE_MANAGEMENT, state: NOT_DONE }] }) { method items { item state } } }',
        { id: created.id },
        { token },
      ),
    ).updateGuidanceVisit;
    expect(corrected).toEqual({ method: 'PHONE', items: [{ item: 'ARCHIVE_MANAGEMENT', state: 'NOT_DONE' }] });

    const board = expectOk(
      await gw.gql<{
        guidanceBoard: {
          rows: Array<{ organizationName: string; instructorNames: string[]; items: Array<{ item: string; state: string | null }>; overdueFollowUpCount: number }>;
          overdueFollowUps: Array<{ visitId: string }>;
        };
      }>('{ guidanceBoard { rows { organizationName instructorNames overdueFollowUpCount items { item state } } overdueFollowUps { visitId } } }', {}, { token }),
    ).guidanceBoard;
    expect(board.rows).toHaveLength(1);
    expect(board.rows[0]).toMatchObject({ organizationName: '某科技公司党支部', overdueFollowUpCount: 1 });
    expect(board.rows[0]?.items).toContainEqual({ item: 'ARCHIVE_MANAGEMENT', state: 'NOT_DONE' });
    expect(board.rows[0]?.items).toContainEqual({ item: 'RELATION_TRANSFER', state: null });
    expect(board.overdueFollowUps).toEqual([{ visitId: created.id }]);

    const done = expectOk(
      await gw.gql<{ completeGuidanceFollowUp: { followUpDoneOn: string; followUpOverdue: boolean } }>(
        'mutation ($id: ID!) { completeGuidanceFollowUp(id: $id) { followUpDoneOn followUpOverdue } }',
        { id: created.id },
        { token },
      ),
    ).completeGuidanceFollowUp;
    expect(done).toEqual({ followUpDoneOn: today, followUpOverdue: false });
    expectError(await gw.gql('mutation ($id: ID!) { completeGuidanceFollowUp(id: $id) { id } }', { id: created.id }, { token }), 'CONFLICT', 'FOLLOW_UP_ALREADY_DONE');

    // The community admin of A does not reach the enterprise branch's visit.
    expectError(await gw.gql('query ($id: ID!) { guidanceVisit(id: $id) { id } }', { id: created.id }, { token: fx.users.adminA }), 'NOT_FOUND');
    expectError(
      await gw.gql('mutation ($id: ID!) { deleteGuidanceVisit(id: $id) { id } }', { id: created.id }, { token: fx.users.adminA }),
      'NOT_FOUND',
    );
  });
});

import { addDays, todayIn } from '@dangjian/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../../../test/support/expect.js';
import { seedFixture, type Fixture } from '../../../test/support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from '../../../test/support/harness.js';

async function sheetRows(response: Response): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    rows.push(Array.from((row.values as unknown[]).slice(1), (value) => (value === null || value === undefined ? '' : String(value))));
  });
  return rows;
}

const CREATE_ITEM = `mutation ($input: CreateChecklistItemInput!) {
  createChecklistItem(input: $input) { id kind title status overdue publishable allowedStatuses organization { name } }
}`;
const CHANGE_STATUS = `mutation ($id: ID!, $input: ChangeChecklistStatusInput!) {
  changeChecklistStatus(id: $id, input: $input) { id status rectification closedOn closedBy allowedStatuses }
}`;
const PUBLISH = 'mutation ($id: ID!, $published: Boolean) { publishChecklistItem(id: $id, published: $published) { id publishedAt } }';
const PUBLISHED = `query ($communityId: ID!, $kind: [ChecklistKind!]) {
  publishedChecklist(communityId: $communityId, kind: $kind) { totalCount nodes { id kind title content status publishedAt } }
}`;

describe('lists, organisational life and the public 公示 view', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  const today = todayIn('Asia/Shanghai');

  beforeAll(async () => {
    gw = await startGateway('work-lists', { throttle: { apiKeyRequestsPerMinute: 12 } });
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('creates, lists and updates a problem, then rectifies and closes it with its evidence', async () => {
    const token = fx.users.adminA;
    const created = expectOk(
      await gw.gql<{ createChecklistItem: { id: string; status: string; overdue: boolean; allowedStatuses: string[]; organization: { name: string } } }>(
        CREATE_ITEM,
        { input: { kind: 'PROBLEM', organizationId: fx.branchA.id, title: '党员活动室未挂牌', owner: '王书记', dueOn: addDays(today, -1) } },
        { token },
      ),
    ).createChecklistItem;
    expect(created).toMatchObject({ status: 'OPEN', overdue: true, allowedStatuses: ['RECTIFYING'], organization: { name: '新郑路社区第一党支部' } });

    const listed = expectOk(
      await gw.gql<{ checklistItems: { totalCount: number; nodes: Array<{ id: string; title: string }>; pageInfo: { hasNextPage: boolean } } }>(
        '{ checklistItems(filter: { kind: [PROBLEM], overdue: true }, first: 10) { totalCount nodes { id title } pageInfo { hasNextPage endCursor } } }',
        {},
        { token },
      ),
    ).checklistItems;
    expect(listed.totalCount).toBe(1);
    expect(listed.nodes).toEqual([{ id: created.id, title: '党员活动室未挂牌' }]);

    const updated = expectOk(
      await gw.gql<{ updateChecklistItem: { title: string; dueOn: string; overdue: boolean } }>(
        'mutation ($id: ID!, $input: UpdateChecklistItemInput!) { updateChecklistItem(id: $id, input: $input) { title dueOn overdue } }',
        { id: created.id, input: { title: '党员活动室未挂牌上墙', dueOn: addDays(today, 7) } },
        { token },
      ),
    ).updateChecklistItem;
    expect(updated).toEqual({ title: '党员活动室未挂牌上墙', dueOn: addDays(today, 7), overdue: false });

    // A problem is rectified before it is closed, and closes only with the evidence.
    const early = expectError(await gw.gql(CHANGE_STATUS, { id: created.id, input: { status: 'CLOSED' } }, { token }), 'CONFLICT');
    expect(early.message).toContain('不能改为「已销号」');
    expect(expectOk(await gw.gql<{ changeChecklistStatus: { status: string } }>(CHANGE_STATUS, { id: created.id, input: { status: 'RECTIFYING' } }, { token })).changeChecklistStatus.status).toBe(
      'RECTIFYING',
    );
    const noEvidence = expectError(await gw.gql(CHANGE_STATUS, { id: created.id, input: { status: 'CLOSED' } }, { token }), 'BAD_USER_INPUT', 'CHECKLIST_EVIDENCE_REQUIRED');
    expect(noEvidence.message).toBe('问题销号必须提供整改情况说明或佐证材料');
    const closed = expectOk(
      await gw.gql<{ changeChecklistStatus: Record<string, unknown> }>(
        CHANGE_STATUS,
        { id: created.id, input: { status: 'CLOSED', rectification: '已制作标牌并上墙' } },
        { token },
      ),
    ).changeChecklistStatus;
    expect(closed).toEqual({ id: created.id, status: 'CLOSED', rectification: '已制作标牌并上墙', closedOn: today, closedBy: 'xinzheng', allowedStatuses: [] });

    const audit = (await gw.db.dataSource.query(
      "SELECT action, actor FROM audit_log WHERE entity_type = 'ChecklistItem' AND entity_id = ? ORDER BY id",
      [created.id],
    )) as Array<{ action: string; actor: string }>;
    expect(audit.map((row) => row.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    expect(new Set(audit.map((row) => row.actor))).toEqual(new Set(['xinzheng']));
  });

  it('answers invalid input with BAD_USER_INPUT, the field and a Chinese message, and writes nothing', async () => {
    const meeting = expectError(
      await gw.gql(
        'mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }',
        { input: { type: 'BRANCH_ASSEMBLY', organizationId: fx.branchA.id, heldOn: addDays(today, 3), expectedCount: 10, attendedCount: 12 } },
        { token: fx.users.adminA },
      ),
      'BAD_USER_INPUT',
    );
    const fields = meeting.extensions?.fields as Array<{ field: string; reason: string; message: string }>;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'heldOn', reason: 'DATE_IN_FUTURE', message: `召开日期（${addDays(today, 3)}）不能晚于今天（${today}）` },
        { field: 'attendedCount', reason: 'ATTENDANCE_EXCEEDS_EXPECTED', message: '实到人数（12）不能多于应到人数（10）' },
      ]),
    );
    const item = expectError(
      await gw.gql(CREATE_ITEM, { input: { kind: 'STUDY', organizationId: fx.branchA.id, title: '   ' } }, { token: fx.users.adminA }),
      'BAD_USER_INPUT',
      'REQUIRED',
    );
    expect(item.extensions?.fields).toEqual([{ field: 'title', reason: 'REQUIRED', message: '请填写事项名称' }]);
    const [row] = (await gw.db.dataSource.query("SELECT COUNT(*) AS n FROM meeting")) as Array<{ n: number }>;
    expect(Number(row?.n)).toBe(0);
  });

  it('answers NOT_FOUND for an id from another community in queries and mutations, and changes nothing', async () => {
    const theirs = expectOk(
      await gw.gql<{ createChecklistItem: { id: string } }>(
        CREATE_ITEM,
        { input: { kind: 'RESPONSIBILITY', organizationId: fx.branchB.id, title: '紫荆社区的责任事项' } },
        { token: fx.users.adminB },
      ),
    ).createChecklistItem;
    const token = fx.users.adminA;
    const notFound = [
      await gw.gql('query ($id: ID!) { checklistItem(id: $id) { title } }', { id: theirs.id }, { token }),
      await gw.gql('query ($id: ID!) { checklistItems(filter: { organizationId: $id }) { totalCount } }', { id: fx.branchB.id }, { token }),
      await gw.gql('query ($id: ID!) { meetings(filter: { organizationId: $id }) { totalCount } }', { id: fx.communityB.id }, { token }),
      await gw.gql(
        'mutation ($id: ID!) { updateChecklistItem(id: $id, input: { title: "改掉" }) { title } }',
        { id: theirs.id },
        { token },
      ),
      await gw.gql(CHANGE_STATUS, { id: theirs.id, input: { status: 'CLOSED' } }, { token }),
      await gw.gql('mutation ($id: ID!) { deleteChecklistItem(id: $id) { id } }', { id: theirs.id }, { token }),
      await gw.gql(CREATE_ITEM, { input: { kind: 'STUDY', organizationId: fx.branchB.id, title: '越权登记' } }, { token }),
    ];
    for (const result of notFound) expect(expectError(result, 'NOT_FOUND').message).toMatch(/不存在或无权访问/);
    const [row] = (await gw.db.dataSource.query('SELECT title, status, deleted_at AS deletedAt FROM checklist_item WHERE id = ?', [theirs.id])) as Array<
      Record<string, unknown>
    >;
    expect(row).toEqual({ title: '紫荆社区的责任事项', status: 'OPEN', deletedAt: null });
    const [count] = (await gw.db.dataSource.query("SELECT COUNT(*) AS n FROM checklist_item WHERE title = '越权登记'")) as Array<{ n: number }>;
    expect(Number(count?.n)).toBe(0);
  });

  it('records a meeting, lists and corrects it, and counts it towards compliance', async () => {
    const token = fx.users.adminA;
    const heldOn = today;
    const created = expectOk(
      await gw.gql<{ createMeeting: { id: string; absentees: Array<{ name: string; reason: string }> } }>(
        `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id absentees { name reason } } }`,
        {
          input: {
            type: 'BRANCH_ASSEMBLY',
            organizationId: fx.branchA.id,
            heldOn,
            topic: '学习党章',
            expectedCount: 2,
            attendedCount: 1,
            votingMemberCount: 1,
            absentees: [{ name: '张四', reason: '出差' }],
            resolutions: '通过年度计划',
          },
        },
        { token },
      ),
    ).createMeeting;
    expect(created.absentees).toEqual([{ name: '张四', reason: '出差' }]);
    const list = expectOk(
      await gw.gql<{ meetings: { totalCount: number; nodes: Array<{ id: string; topic: string; organization: { name: string } }> } }>(
        '{ meetings(filter: { type: [BRANCH_ASSEMBLY] }) { totalCount nodes { id topic organization { name } } } }',
        {},
        { token },
      ),
    ).meetings;
    expect(list).toEqual({ totalCount: 1, nodes: [{ id: created.id, topic: '学习党章', organization: { name: '新郑路社区第一党支部' } }] });
    expect((await gw.gql<{ meetings: { totalCount: number } }>('{ meetings { totalCount } }', {}, { token: fx.users.adminB })).data?.meetings.totalCount).toBe(0);
    const corrected = expectOk(
      await gw.gql<{ updateMeeting: { topic: string; attendedCount: number } }>(
        'mutation ($id: ID!) { updateMeeting(id: $id, input: { topic: "学习党章和准则" }) { topic attendedCount } }',
        { id: created.id },
        { token },
      ),
    ).updateMeeting;
    expect(corrected).toEqual({ topic: '学习党章和准则', attendedCount: 1 });

    const report = expectOk(
      await gw.gql<{
        meetingCompliance: { branches: Array<{ organizationName: string; entries: Array<{ type: string; period: string; status: string; meetingCount: number }> }> };
      }>(
        'query ($org: ID) { meetingCompliance(organizationId: $org) { branches { organizationName entries { type period status meetingCount } } } }',
        { org: fx.communityA.id },
        { token },
      ),
    ).meetingCompliance;
    expect(report.branches.map((b) => b.organizationName)).toEqual(['新郑路社区第一党支部']);
    const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    expect(report.branches[0]?.entries).toContainEqual({ type: 'BRANCH_ASSEMBLY', period: quarter, status: 'MET', meetingCount: 1 });
    expect(report.branches[0]?.entries.filter((e) => e.status === 'MISSED').length).toBeGreaterThan(0);
  });

  it('shows the public only the published study, resource and activity items of one community, without signing in', async () => {
    const profile = expectOk(
      await gw.gql<{ createCommunity: { id: string } }>(
        'mutation ($org: ID!) { createCommunity(input: { organizationId: $org, name: "新郑路社区", shortName: "新郑" }) { id } }',
        { org: fx.communityA.id },
        { token: admin },
      ),
    ).createCommunity;
    const create = async (token: string, kind: string, organizationId: string, title: string) =>
      expectOk(
        await gw.gql<{ createChecklistItem: { id: string } }>(
          CREATE_ITEM,
          { input: { kind, organizationId, title, owner: '李委员', content: `${title}的内容` } },
          { token },
        ),
      ).createChecklistItem.id;
    const study = await create(fx.users.adminA, 'STUDY', fx.branchA.id, '学习二十大报告');
    const activity = await create(fx.users.adminA, 'ACTIVITY', fx.communityA.id, '全城清洁日');
    const draft = await create(fx.users.adminA, 'RESOURCE', fx.communityA.id, '未公示的资源');
    const problem = await create(fx.users.adminA, 'PROBLEM', fx.communityA.id, '内部问题');
    const elsewhere = await create(fx.users.adminB, 'RESOURCE', fx.communityB.id, '紫荆社区的资源');
    for (const [id, token] of [
      [study, fx.users.adminA],
      [activity, fx.users.adminA],
      [elsewhere, fx.users.adminB],
    ] as const) {
      expectOk(await gw.gql(PUBLISH, { id }, { token }));
    }
    expectError(await gw.gql(PUBLISH, { id: problem }, { token: fx.users.adminA }), 'CONFLICT', 'CHECKLIST_NOT_PUBLISHABLE');
    void draft;

    const result = await gw.gql<{ publishedChecklist: { totalCount: number; nodes: Array<{ id: string; kind: string; title: string; publishedAt: string }> } }>(
      PUBLISHED,
      { communityId: profile.id },
    );
    const page = expectOk(result).publishedChecklist;
    expect(page.totalCount).toBe(2);
    expect(page.nodes.map((n) => n.id).sort()).toEqual([study, activity].sort());
    expect(page.nodes.every((n) => n.publishedAt)).toBe(true);
    // Nothing personal is even in the type: the person responsible is not offered.
    expectError(await gw.gql('query ($c: ID!) { publishedChecklist(communityId: $c) { nodes { owner } } }', { c: profile.id }), 'GRAPHQL_VALIDATION_FAILED');
    expectError(await gw.gql(PUBLISHED, { communityId: profile.id, kind: ['PROBLEM'] }), 'BAD_USER_INPUT', 'CHECKLIST_NOT_PUBLISHABLE');
    expectError(await gw.gql(PUBLISHED, { communityId: '999999' }), 'NOT_FOUND');
    // The screen's title: the community's name, without signing in; nothing else about it.
    const named = expectOk(
      await gw.gql<{ publishedCommunity: { id: string; name: string } }>('query ($c: ID!) { publishedCommunity(communityId: $c) { id name } }', { c: profile.id }),
    ).publishedCommunity;
    expect(named).toEqual({ id: profile.id, name: '新郑路社区' });
    expectError(await gw.gql('query ($c: ID!) { publishedCommunity(communityId: $c) { organizationId } }', { c: profile.id }), 'GRAPHQL_VALIDATION_FAILED');
    expectError(await gw.gql('query { publishedCommunity(communityId: "999999") { name } }'), 'NOT_FOUND');

    // Withdrawn, it is gone from the public view.
    expectOk(await gw.gql(PUBLISH, { id: activity, published: false }, { token: fx.users.adminA }));
    const after = expectOk(await gw.gql<{ publishedChecklist: { nodes: Array<{ id: string }> } }>(PUBLISHED, { communityId: profile.id })).publishedChecklist;
    expect(after.nodes.map((n) => n.id)).toEqual([study]);
  });

  it('rate-limits the public view per address with RATE_LIMITED', async () => {
    const query = 'query { publishedChecklist(communityId: "999999") { totalCount } }';
    const from = { 'x-forwarded-for': '203.0.113.9' };
    let limited: Awaited<ReturnType<Gateway['gql']>> | null = null;
    for (let attempt = 0; attempt < 20 && !limited; attempt += 1) {
      const result = await gw.gql(query, {}, { headers: from });
      if (result.errors?.[0]?.extensions?.code === 'RATE_LIMITED') limited = result;
      else expectError(result, 'NOT_FOUND');
    }
    expect(limited, 'the public view was never limited').not.toBeNull();
    expect(limited!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited!.errors?.[0]?.message).toMatch(/过于频繁/);
    // A signed-in user from the same address is not counted against the public limit.
    expectError(await gw.gql(query, {}, { token: admin, headers: from }), 'NOT_FOUND');
  });

  it('exports the items and meetings of the scope as .xlsx, audited, and refuses an organisation outside it', async () => {
    const download = (path: string, token: string) => fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const items = await download('/export/checklist-items.xlsx?kind=PROBLEM,STUDY', fx.users.adminA);
    expect(items.status).toBe(200);
    expect(items.headers.get('content-type')).toContain('spreadsheetml');
    const rows = await sheetRows(items);
    expect(rows[0]?.slice(0, 4)).toEqual(['清单类别', '党组织', '事项名称', '内容']);
    const titles = rows.slice(1).map((row) => row[2]);
    expect(titles.sort()).toEqual(['党员活动室未挂牌上墙', '内部问题', '学习二十大报告'].sort());
    const closedRow = rows.find((row) => row[2] === '党员活动室未挂牌上墙')!;
    expect(closedRow.slice(0, 2)).toEqual(['问题清单', '新郑路社区第一党支部']);
    expect(closedRow[6]).toBe('已销号');

    const meetings = await download('/export/meetings.xlsx', fx.users.adminB);
    expect(await sheetRows(meetings)).toHaveLength(1);
    const outside = await download(`/export/meetings.xlsx?organizationId=${fx.branchB.id}`, fx.users.adminA);
    expect(outside.status).toBe(404);
    const body = (await outside.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
    expect(body.errors[0]?.message).toMatch(/不存在或无权访问/);

    const audits = (await gw.db.dataSource.query("SELECT actor, entity_type AS entityType FROM audit_log WHERE action = 'EXPORT' ORDER BY id")) as Array<
      Record<string, string>
    >;
    expect(audits).toEqual([
      { actor: 'xinzheng', entityType: 'ChecklistItem' },
      { actor: 'zijing', entityType: 'Meeting' },
    ]);
    expect((await fetch(`${gw.url}/export/meetings.xlsx`)).status).toBe(401);
    expect((await download('/export/meetings.xlsx', fx.users.viewer)).status).toBe(403);
  });
});

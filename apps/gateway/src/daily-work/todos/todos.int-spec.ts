import { addDays, addYears, todayIn } from '@dangjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../../../test/support/expect.js';
import { seedFixture, type Fixture } from '../../../test/support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from '../../../test/support/harness.js';

interface Todos {
  myTodos: {
    total: number;
    counts: Array<{ kind: string; count: number }>;
    items: Array<{ kind: string; title: string; dueOn: string | null; overdue: boolean; route: string; entityType: string; entityId: string }>;
  };
}
const MY_TODOS = '{ myTodos { total counts { kind count } items { kind title dueOn overdue route entityType entityId } } }';

describe('the to-do summary of the signed-in user', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  const today = todayIn('Asia/Shanghai');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startGateway('work-todos');
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    const s = fx.seeder;
    ids.letterSoon = await s.transfer({ organization: fx.branchA, memberName: '孙八', status: 'IN_TRANSIT', letterIssuedOn: addDays(today, -27), letterExpiresOn: addDays(today, 3) });
    ids.letterGone = await s.transfer({ organization: fx.branchA, memberName: '周九', status: 'IN_TRANSIT', letterIssuedOn: addDays(today, -40), letterExpiresOn: addDays(today, -2) });
    ids.receipt = await s.transfer({ organization: fx.branchA, memberName: '吴十', direction: 'INCOMING', status: 'RECEIVED', receivedOn: addDays(today, -40) });
    ids.letterFar = await s.transfer({ organization: fx.branchA, memberName: '郑十一', status: 'IN_TRANSIT', letterIssuedOn: today, letterExpiresOn: addDays(today, 30) });

    const item = async (kind: string, title: string, dueOn: string) =>
      expectOk(
        await gw.gql<{ createChecklistItem: { id: string } }>(
          'mutation ($input: CreateChecklistItemInput!) { createChecklistItem(input: $input) { id } }',
          { input: { kind, organizationId: fx.branchA.id, title, dueOn } },
          { token: fx.users.adminA },
        ),
      ).createChecklistItem.id;
    ids.problem = await item('PROBLEM', '组织生活记录不规范', addDays(today, -3));
    ids.duty = await item('RESPONSIBILITY', '完成年度述职', addDays(today, -1));
    ids.later = await item('PROBLEM', '下月整改的问题', addDays(today, 20));

    const election = (electedOn: string) =>
      gw.gql<{ createElection: { id: string } }>(
        'mutation ($org: ID!, $on: Date!) { createElection(input: { organizationId: $org, electedOn: $on }) { id } }',
        { org: fx.communityA.id, on: electedOn },
        { token: fx.users.adminA },
      );
    expectOk(await election(addYears(today, -9)));
    ids.election = expectOk(await election(addDays(addYears(today, -5), 30))).createElection.id;

    const [instructor] = (await gw.db.dataSource.query('SELECT id FROM instructor ORDER BY id LIMIT 1')) as Array<{ id: string | number }>;
    const visit = async (visitedOn: string, followUpDueOn: string) =>
      expectOk(
        await gw.gql<{ createGuidanceVisit: { id: string } }>(
          'mutation ($input: CreateGuidanceVisitInput!) { createGuidanceVisit(input: $input) { id } }',
          {
            input: {
              organizationId: fx.enterpriseBranch.id,
              instructorId: String(instructor?.id),
              visitedOn,
              followUpDueOn,
              items: [{ item: 'RULES_POSTED', state: 'NOT_DONE' }],
            },
          },
          { token: fx.users.instructor },
        ),
      ).createGuidanceVisit.id;
    ids.visitLate = await visit(addDays(today, -45), addDays(today, -15));
    ids.visitSoon = await visit(addDays(today, -10), addDays(today, 4));
    await visit(addDays(today, -5), addDays(today, 60));
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('gathers what a community administrator must act on, overdue first, each with the console route', async () => {
    const todos = expectOk(await gw.gql<Todos>(MY_TODOS, {}, { token: fx.users.adminA })).myTodos;
    const awaiting = expectOk(
      await gw.gql<{ transfers: { totalCount: number } }>('{ transfers(filter: { workList: TODO }) { totalCount } }', {}, { token: fx.users.adminA }),
    ).transfers.totalCount;
    expect(awaiting).toBeGreaterThan(0);
    expect(todos.counts).toEqual([
      { kind: 'TRANSFER_AWAITING_ACTION', count: awaiting },
      { kind: 'LETTER_EXPIRING', count: 2 },
      { kind: 'RECEIPT_OVERDUE', count: 1 },
      { kind: 'RECTIFICATION_OVERDUE', count: 1 },
      { kind: 'CHECKLIST_ITEM_OVERDUE', count: 1 },
      { kind: 'TERM_ENDING', count: 1 },
    ]);
    expect(todos.total).toBe(awaiting + 6);

    const of = (kind: string, entityId: string) => todos.items.find((item) => item.kind === kind && item.entityId === entityId);
    expect(of('LETTER_EXPIRING', ids.letterSoon!)).toMatchObject({ dueOn: addDays(today, 3), overdue: false, route: `/transfers?id=${ids.letterSoon}` });
    expect(of('LETTER_EXPIRING', ids.letterGone!)).toMatchObject({ dueOn: addDays(today, -2), overdue: true, title: expect.stringContaining('介绍信已过期：周九') });
    expect(of('LETTER_EXPIRING', ids.letterFar!)).toBeUndefined();
    expect(of('RECEIPT_OVERDUE', ids.receipt!)).toMatchObject({
      dueOn: addDays(today, -10),
      overdue: true,
      title: `回执逾期未寄回：吴十（${addDays(today, -40)} 接收）`,
    });
    expect(of('RECTIFICATION_OVERDUE', ids.problem!)).toMatchObject({
      title: '问题整改逾期：组织生活记录不规范',
      route: `/branch-work/checklist?id=${ids.problem}`,
      entityType: 'ChecklistItem',
      overdue: true,
    });
    expect(of('RECTIFICATION_OVERDUE', ids.later!)).toBeUndefined();
    expect(of('CHECKLIST_ITEM_OVERDUE', ids.duty!)).toMatchObject({ dueOn: addDays(today, -1) });
    const term = addYears(addDays(addYears(today, -5), 30), 5);
    expect(of('TERM_ENDING', ids.election!)).toMatchObject({
      title: `换届提醒：新郑路社区党委班子任期将于 ${term} 届满`,
      dueOn: term,
      overdue: false,
      route: `/organizations?id=${fx.communityA.id}&tab=elections`,
      entityType: 'Election',
    });
    // Overdue items lead, each group by its due day.
    const overdue = todos.items.filter((item) => item.overdue);
    expect(todos.items.slice(0, overdue.length)).toEqual(overdue);
    const days = overdue.map((item) => item.dueOn!);
    expect(days).toEqual([...days].sort());
    for (const item of todos.items) expect(item.title).toMatch(/[\u4e00-\u9fff]/);

    const limited = expectOk(await gw.gql<Todos>('{ myTodos(limit: 2) { total items { kind } } }', {}, { token: fx.users.adminA })).myTodos;
    expect(limited.items).toHaveLength(2);
    expect(limited.total).toBe(todos.total);
  });

  it('keeps each person to their own scope', async () => {
    const other = expectOk(await gw.gql<Todos>(MY_TODOS, {}, { token: fx.users.adminB })).myTodos;
    expect(other.items.map((item) => item.entityId)).toEqual([fx.transfers.b]);
    const guide = expectOk(await gw.gql<Todos>(MY_TODOS, {}, { token: fx.users.instructor })).myTodos;
    expect(guide.counts).toEqual([{ kind: 'GUIDANCE_FOLLOW_UP_DUE', count: 2 }]);
    expect(guide.items.map((item) => [item.entityId, item.overdue, item.route])).toEqual([
      [ids.visitLate, true, `/non-public/guidance?id=${ids.visitLate}`],
      [ids.visitSoon, false, `/non-public/guidance?id=${ids.visitSoon}`],
    ]);
    expect(guide.items[0]?.title).toBe(`指导整改逾期：某科技公司党支部（${addDays(today, -45)} 指导发现的问题）`);
    const district = expectOk(await gw.gql<Todos>(MY_TODOS, {}, { token: admin })).myTodos;
    expect(district.counts.map((c) => c.kind)).toContain('GUIDANCE_FOLLOW_UP_DUE');
    expect(district.total).toBeGreaterThan(guide.total);
  });

  it('is for signed-in people only, with a page limit checked in Chinese', async () => {
    expectError(await gw.gql(MY_TODOS), 'UNAUTHENTICATED');
    const key = expectOk(await gw.gql<{ createApiKey: { key: string } }>('mutation { createApiKey(name: "统计系统") { key } }', {}, { token: admin })).createApiKey.key;
    expectError(await gw.gql(MY_TODOS, {}, { apiKey: key }), 'FORBIDDEN');
    const bad = expectError(await gw.gql('{ myTodos(limit: 0) { total } }', {}, { token: admin }), 'BAD_USER_INPUT', 'LIMIT_INVALID');
    expect(bad.extensions?.fields).toEqual([{ field: 'limit', reason: 'LIMIT_INVALID', message: '返回的事项数应在 1 到 200 之间' }]);
  });
});

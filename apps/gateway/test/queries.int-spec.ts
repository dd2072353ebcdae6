import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from './support/expect.js';
import { seedFixture, type Fixture } from './support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from './support/harness.js';

describe('queries', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  const statements: string[] = [];

  beforeAll(async () => {
    gw = await startGateway('queries', { onSql: (statement) => statements.push(statement) });
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    const big = await fx.seeder.organization({ name: '分页测试党支部', parent: fx.communityB });
    const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎';
    for (let i = 0; i < 45; i++) await fx.seeder.member({ name: `${surnames[i]}同志`, organization: big, status: i % 3 ? 'FULL' : 'PROBATIONARY' });
  });
  afterAll(async () => {
    await gw?.close();
  });

  /** The SQL statements one request sends. */
  async function countStatements(run: () => Promise<unknown>): Promise<string[]> {
    statements.length = 0;
    await run();
    return [...statements];
  }

  it('loads a nested list with one statement per relation type (DataLoaders, no N+1)', async () => {
    const sql = await countStatements(async () =>
      expectOk(await gw.gql('{ members(first: 100) { totalCount nodes { name organization { id name } } } }', {}, { token: admin })),
    );
    // The page with its count, then every organisation of the page at once.
    expect(sql.length, sql.join('\n')).toBeLessThanOrEqual(1 + 1);

    const transfers = await countStatements(async () =>
      expectOk(await gw.gql('{ transfers(first: 100) { totalCount nodes { memberName member { name } organization { name } } } }', {}, { token: admin })),
    );
    expect(transfers.length, transfers.join('\n')).toBeLessThanOrEqual(1 + 2);

    const tree = await countStatements(async () =>
      expectOk(
        await gw.gql('{ organizations(first: 100) { nodes { name memberCount fullMemberCount parent { name } children { name } } } }', {}, { token: admin }),
      ),
    );
    // memberCount and fullMemberCount share one loader.
    expect(tree.length, tree.join('\n')).toBeLessThanOrEqual(1 + 3);
  });

  it('asks for the count alone when only totalCount is selected', async () => {
    const sql = await countStatements(async () => expectOk(await gw.gql('{ members { totalCount } }', {}, { token: admin })));
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/^SELECT COUNT\(\*\)/);
  });

  it('walks every page exactly once with cursors, in the requested order', async () => {
    const query = `query ($after: String, $org: ID) {
      members(first: 10, after: $after, orderBy: NAME, filter: { organizationId: $org, includeDescendants: true }) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id name }
      }
    }`;
    const names: string[] = [];
    const ids = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: { members: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ id: string; name: string }> } } =
        expectOk(await gw.gql(query, { after, org: fx.communityB.id }, { token: admin }));
      expect(data.members.totalCount).toBe(46);
      pages += 1;
      for (const node of data.members.nodes) {
        names.push(node.name);
        ids.add(node.id);
      }
      if (!data.members.pageInfo.hasNextPage) break;
      after = data.members.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(ids.size).toBe(46);
    // utf8mb4_unicode_ci orders ideographs by code point, as JavaScript's default sort does.
    expect(names).toEqual([...names].sort());
    // A cursor of one order is refused under another.
    expectError(
      await gw.gql('query ($after: String) { members(after: $after, orderBy: JOINED_ON) { totalCount } }', { after }, { token: admin }),
      'BAD_USER_INPUT',
      'CURSOR_INVALID',
    );
  });

  it('filters members by status and organisations by category and search', async () => {
    const probationary = expectOk(
      await gw.gql<{ members: { totalCount: number } }>('{ members(filter: { status: [PROBATIONARY] }) { totalCount } }', {}, { token: admin }),
    );
    expect(probationary.members.totalCount).toBe(1 + 15);
    const npe = expectOk(
      await gw.gql<{ organizations: { nodes: Array<{ name: string }> } }>(
        '{ organizations(filter: { category: [NON_PUBLIC_ENTERPRISE] }, orderBy: NAME) { nodes { name } } }',
        {},
        { token: admin },
      ),
    );
    expect(npe.organizations.nodes.map((o) => o.name).sort()).toEqual(['大厦入驻企业党支部', '某科技公司党支部'].sort());
    const found = expectOk(
      await gw.gql<{ organizations: { nodes: Array<{ name: string }> } }>('{ organizations(filter: { search: "紫荆" }) { nodes { name } } }', {}, { token: admin }),
    );
    expect(found.organizations.nodes.map((o) => o.name).sort()).toEqual(['紫荆社区党委', '紫荆社区第一党支部'].sort());
  });

  it('answers me with the role, its permissions and the own organisation', async () => {
    const me = expectOk(
      await gw.gql<{ me: { username: string; role: string; permissions: string[]; organization: { name: string } } }>(
        '{ me { username role permissions organization { name } } }',
        {},
        { token: fx.users.instructor },
      ),
    ).me;
    expect(me).toMatchObject({ username: 'guide', role: 'INSTRUCTOR', organization: { name: '陇海马路街道党工委' } });
    expect(me.permissions).toContain('READ');
    expect(me.permissions).not.toContain('REVEAL_PII');
  });

  it('lists users for district admins', async () => {
    const users = expectOk(
      await gw.gql<{ users: { totalCount: number; nodes: Array<{ username: string; organization: { name: string } | null }> } }>(
        '{ users(filter: { role: [COMMUNITY_ADMIN] }) { totalCount nodes { username organization { name } } } }',
        {},
        { token: admin },
      ),
    ).users;
    expect(users.nodes).toEqual([
      { username: 'xinzheng', organization: { name: '新郑路社区党委' } },
      { username: 'zijing', organization: { name: '紫荆社区党委' } },
    ]);
  });

  it('starts a sync run on request, audited, and lists the runs', async () => {
    const run = expectOk(
      await gw.gql<{ requestSync: { id: string; status: string; full: boolean; collections: string[] } }>(
        'mutation { requestSync(collections: [MEMBERS], full: true) { id status full collections } }',
        {},
        { token: admin },
      ),
    ).requestSync;
    expect(run).toMatchObject({ status: 'QUEUED', full: true, collections: ['MEMBERS'] });
    expectError(await gw.gql('mutation { requestSync { id } }', {}, { token: admin }), 'CONFLICT');
    const runs = expectOk(
      await gw.gql<{ syncRuns: { totalCount: number; nodes: Array<{ id: string; progress: number; details: Array<{ collection: string }> }> } }>(
        '{ syncRuns { totalCount nodes { id progress details { collection } } } }',
        {},
        { token: fx.users.adminA },
      ),
    ).syncRuns;
    expect(runs.totalCount).toBe(1);
    expect(runs.nodes[0]).toMatchObject({ id: run.id, progress: 0, details: [{ collection: 'MEMBERS' }] });
    const audit = (await gw.db.dataSource.query("SELECT actor FROM audit_log WHERE action = 'CREATE' AND entity_type = 'SyncRun'")) as Array<{ actor: string }>;
    expect(audit).toEqual([{ actor: ADMIN_USERNAME }]);
  });
});

import { FULL_SCOPE, memberCountsByOrganizationIds, memberCountsInScope } from '@dangjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '../../test/support/expect.js';
import { seedFixture, type Fixture } from '../../test/support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from '../../test/support/harness.js';

interface MembersPage {
  members: {
    nodes: Array<{
      id: string;
      name: string;
      organization: { id: string; name: string };
      latestTransfer: { id: string; status: string; memberName: string } | null;
    }>;
  };
}

const PAGE = `{
  members(first: 50) {
    totalCount
    nodes { id name organization { id name } latestTransfer { id status memberName toOrganizationName } }
  }
}`;

describe('a member list with each member’s organisation and latest transfer', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  const statements: string[] = [];
  let recording = false;

  beforeAll(async () => {
    gw = await startGateway('latest_transfer', { onSql: (statement) => recording && statements.push(statement) });
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await gw?.close();
  });

  /** The answer to one query and the SQL statements it took. */
  async function run<T>(query: string, token: string): Promise<{ data: T; sql: string[] }> {
    statements.length = 0;
    recording = true;
    try {
      return { data: expectOk(await gw.gql<T>(query, {}, { token })), sql: [...statements] };
    } finally {
      recording = false;
    }
  }
  const page = (token: string) => run<MembersPage>(PAGE, token);

  it('shows the newest transfer of each member, none for a member without, in one statement per relation', async () => {
    const older = await fx.seeder.transfer({ organization: fx.branchB, member: fx.members.b1, status: 'WITHDRAWN' });
    const newer = await fx.seeder.transfer({ organization: fx.branchB, member: fx.members.b1, status: 'IN_TRANSIT', toOrganizationName: '郑州市某街道党工委' });
    expect(Number(newer)).toBeGreaterThan(Number(older));

    const { data, sql } = await page(admin);
    const byName = new Map(data.members.nodes.map((node) => [node.name, node]));
    expect(byName.get('李四')?.latestTransfer).toMatchObject({ id: newer, status: 'IN_TRANSIT', memberName: '李四' });
    expect(byName.get('张三')?.latestTransfer).toMatchObject({ id: fx.transfers.a, status: 'PENDING_APPROVAL' });
    expect(byName.get('王五')?.latestTransfer).toBeNull();
    // The page with its count, the organisations, the latest transfers: never one per member.
    expect(sql.length, sql.join('\n')).toBeLessThanOrEqual(1 + 2);
  });

  it('reads the page’s organisations with the page itself, however the query names them', async () => {
    for (const query of [
      '{ members(first: 50) { totalCount nodes { name organization { id name } } } }',
      'query { members(first: 50) { nodes { ...M } } } fragment M on Member { name organization { name } }',
    ]) {
      const { data, sql } = await run<{ members: { nodes: Array<{ name: string; organization: { name: string } }> } }>(query, admin);
      expect(data.members.nodes.find((node) => node.name === '王五')?.organization.name).toBe('某科技公司党支部');
      expect(data.members.nodes.find((node) => node.name === '李四')?.organization.name).toBe('紫荆社区第一党支部');
      expect(sql, sql.join('\n')).toHaveLength(1);
    }
  });

  it('leaves out transfers outside the caller’s scope and deleted ones', async () => {
    // 张三's relation is in community A; a transfer of theirs recorded against community B is not
    // for community A's administrator to see.
    const elsewhere = await fx.seeder.transfer({ organization: fx.branchB, member: fx.members.a1, status: 'RECEIVED' });
    const { data: district } = await page(admin);
    expect(district.members.nodes.find((node) => node.name === '张三')?.latestTransfer?.id).toBe(elsewhere);

    const { data: community } = await page(fx.users.adminA);
    expect(community.members.nodes.find((node) => node.name === '张三')?.latestTransfer?.id).toBe(fx.transfers.a);

    await gw.db.dataSource.query('UPDATE transfer SET deleted_at = NOW(3) WHERE id = ?', [elsewhere]);
    const { data: afterDelete } = await page(admin);
    expect(afterDelete.members.nodes.find((node) => node.name === '张三')?.latestTransfer?.id).toBe(fx.transfers.a);
  });

  it('still answers a page whose member belongs to an organisation upstream has just removed', async () => {
    // A sync removes organisations before the members step moves their members: meanwhile the
    // page must not fail for them, and each still shows the organisation it belongs to.
    const removed = fx.members.b1.id;
    const organizationId = fx.members.b1.organizationId;
    await gw.db.dataSource.query('UPDATE organization SET deleted_at = NOW(3) WHERE id = ?', [organizationId]);
    try {
      for (const query of [PAGE, `{ member(id: "${removed}") { name organization { id name } } }`]) {
        const { data } = await run<{ members?: MembersPage['members']; member?: { name: string; organization: { id: string } } }>(query, admin);
        const node = data.members ? data.members.nodes.find((candidate) => candidate.id === removed) : data.member;
        expect(node?.organization.id).toBe(organizationId);
      }
    } finally {
      await gw.db.dataSource.query('UPDATE organization SET deleted_at = NULL WHERE id = ?', [organizationId]);
    }
  });

  it('gives every organisation of the tree its subtree member counts, the same as counting each one alone', async () => {
    const tree = '{ organizations(first: 100, orderBy: TREE) { nodes { id memberCount fullMemberCount } } }';
    for (const token of [admin, fx.users.adminA]) {
      const { data } = await run<{ organizations: { nodes: Array<{ id: string; memberCount: number; fullMemberCount: number }> } }>(tree, token);
      const ids = data.organizations.nodes.map((node) => node.id);
      const alone = await memberCountsByOrganizationIds(gw.db.dataSource, FULL_SCOPE, ids);
      expect(ids.length).toBeGreaterThan(1);
      for (const node of data.organizations.nodes) {
        expect({ id: node.id, memberCount: node.memberCount, fullMemberCount: node.fullMemberCount }).toEqual({ id: node.id, ...alone.get(node.id) });
      }
    }
    const all = await memberCountsInScope(gw.db.dataSource, FULL_SCOPE);
    expect([...all.values()].some((counts) => counts.memberCount > 0)).toBe(true);
  });
});

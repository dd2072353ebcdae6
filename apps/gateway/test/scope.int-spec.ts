import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from './support/expect.js';
import { seedFixture, type Fixture } from './support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from './support/harness.js';

/** Every role sees only its data scope; an id from outside it is NOT_FOUND in every kind of request. */
describe('data scope', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;

  beforeAll(async () => {
    gw = await startGateway('scope');
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await gw?.close();
  });

  const MEMBERS = '{ members(first: 100) { totalCount nodes { name organization { name } } } }';
  const visible = async (token: string) => {
    const data = expectOk(
      await gw.gql<{ members: { totalCount: number; nodes: Array<{ name: string }> } }>(MEMBERS, {}, { token }),
    );
    return { names: data.members.nodes.map((m) => m.name).sort(), total: data.members.totalCount };
  };

  it('gives each role exactly its members, in lists and counts', async () => {
    expect(await visible(admin)).toEqual({ names: ['张三', '张四', '李四', '王五', '赵六', '钱七'].sort(), total: 6 });
    expect(await visible(fx.users.adminA)).toEqual({ names: ['张三', '张四'].sort(), total: 2 });
    expect(await visible(fx.users.viewer)).toEqual({ names: ['张三', '张四'].sort(), total: 2 });
    expect(await visible(fx.users.adminB)).toEqual({ names: ['李四'], total: 1 });
    expect(await visible(fx.users.instructor)).toEqual({ names: ['王五'], total: 1 });
    expect(await visible(fx.users.station)).toEqual({ names: ['赵六', '钱七'].sort(), total: 2 });
  });

  it('shows a community admin their community as the top of their tree, with counts of their subtree', async () => {
    const data = expectOk(
      await gw.gql<{
        organizations: {
          totalCount: number;
          nodes: Array<{ id: string; name: string; parent: null | { id: string }; memberCount: number; fullMemberCount: number; children: Array<{ name: string }> }>;
        };
      }>(
        '{ organizations(filter: { rootsOnly: true }) { totalCount nodes { id name parent { id } memberCount fullMemberCount children { name } } } }',
        {},
        { token: fx.users.adminA },
      ),
    );
    expect(data.organizations.totalCount).toBe(1);
    expect(data.organizations.nodes[0]).toMatchObject({
      id: fx.communityA.id,
      name: '新郑路社区党委',
      parent: null,
      memberCount: 2,
      fullMemberCount: 1,
      children: [{ name: '新郑路社区第一党支部' }],
    });
    const all = expectOk(await gw.gql<{ organizations: { totalCount: number } }>('{ organizations { totalCount } }', {}, { token: fx.users.adminA }));
    expect(all.organizations.totalCount).toBe(2);
    const district = expectOk(
      await gw.gql<{ organizations: { nodes: Array<{ name: string; memberCount: number; children: unknown[] }> } }>(
        '{ organizations(filter: { rootsOnly: true }) { nodes { name memberCount children { name } } } }',
        {},
        { token: admin },
      ),
    );
    expect(district.organizations.nodes).toEqual([{ name: '陇海马路街道党工委', memberCount: 6, children: expect.any(Array) }]);
    expect(district.organizations.nodes[0]?.children).toHaveLength(5);
  });

  const probes = (fx: Fixture) => [
    { who: 'community admin A', token: fx.users.adminA, member: fx.members.b1, organization: fx.branchB, transfer: fx.transfers.b },
    { who: 'community admin B', token: fx.users.adminB, member: fx.members.a1, organization: fx.branchA, transfer: fx.transfers.a },
    { who: 'instructor', token: fx.users.instructor, member: fx.members.b1, organization: fx.branchB, transfer: fx.transfers.b },
    { who: 'station staff', token: fx.users.station, member: fx.members.a1, organization: fx.communityA, transfer: fx.transfers.a },
    { who: 'viewer', token: fx.users.viewer, member: fx.members.b1, organization: fx.communityB, transfer: fx.transfers.b },
  ];

  it('answers NOT_FOUND for an id from outside the scope, in every kind of read', async () => {
    for (const probe of probes(fx)) {
      const token = probe.token;
      const reads: Array<[string, Record<string, unknown>]> = [
        ['query ($id: ID!) { member(id: $id) { name } }', { id: probe.member.id }],
        ['query ($id: ID!) { organization(id: $id) { name } }', { id: probe.organization.id }],
        ['query ($id: ID!) { members(filter: { organizationId: $id }) { totalCount } }', { id: probe.organization.id }],
        ['query ($id: ID!) { members(filter: { organizationId: $id, includeDescendants: true }) { nodes { name } } }', { id: probe.organization.id }],
        ['query ($id: ID!) { organizations(filter: { ancestorId: $id }) { totalCount } }', { id: probe.organization.id }],
        ['query ($id: ID!) { organizations(filter: { parentId: $id }) { nodes { name } } }', { id: probe.organization.id }],
        ['query ($id: ID!) { transfers(filter: { organizationId: $id }) { totalCount } }', { id: probe.organization.id }],
        ['query ($id: ID!) { transfer(id: $id) { memberName } }', { id: probe.transfer }],
        ['query ($id: ID!) { cadreStatistics(organizationIds: [$id]) { seatCount } }', { id: probe.organization.id }],
      ];
      for (const [query, variables] of reads) {
        const result = await gw.gql(query, variables, { token });
        const error = expectError(result, 'NOT_FOUND');
        expect(error.message, `${probe.who}: ${query}`).toMatch(/不存在或无权访问/);
      }
    }
  });

  it('answers NOT_FOUND for an id from outside the scope in every mutation', async () => {
    const adminA = fx.users.adminA;
    const outside = fx.members.b1;
    expectError(
      await gw.gql('mutation ($id: ID!) { revealMemberPii(id: $id, reason: "核对") { idCardNumber } }', { id: outside.id }, { token: adminA }),
      'NOT_FOUND',
    );
    expectError(
      await gw.gql(
        'mutation ($id: ID!) { createTransferOut(input: { memberId: $id, kind: WITHIN_SYSTEM, toOrganizationName: "外地", reason: "调动" }) { id } }',
        { id: outside.id },
        { token: adminA },
      ),
      'NOT_FOUND',
    );
    expectError(
      await gw.gql('mutation ($id: ID!) { actOnTransfer(id: $id, input: { action: APPROVE }) { status } }', { id: fx.transfers.b }, { token: adminA }),
      'NOT_FOUND',
    );
    expectError(
      await gw.gql(
        'mutation ($id: ID!) { createElection(input: { organizationId: $id, electedOn: "2021-06-01" }) { id } }',
        { id: fx.communityB.id },
        { token: adminA },
      ),
      'NOT_FOUND',
    );
    // Nothing was written for any of them.
    const [row] = (await gw.db.dataSource.query('SELECT status FROM transfer WHERE id = ?', [fx.transfers.b])) as Array<{ status: string }>;
    expect(row?.status).toBe('PENDING_APPROVAL');
    const reveals = (await gw.db.dataSource.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'REVEAL_PII'")) as Array<{ n: number }>;
    expect(Number(reveals[0]?.n)).toBe(0);
  });

  it('leaves nested fields outside the scope empty instead of leaking them', async () => {
    // A transfer of community A whose member record now lies in community B.
    const crossing = await fx.seeder.transfer({ organization: fx.branchA, member: fx.members.b1, status: 'IN_TRANSIT', direction: 'INCOMING' });
    const data = expectOk(
      await gw.gql<{ transfer: { memberName: string; member: null | { name: string }; organization: { name: string } } }>(
        'query ($id: ID!) { transfer(id: $id) { memberName member { name } organization { name } } }',
        { id: crossing },
        { token: fx.users.adminA },
      ),
    );
    expect(data.transfer).toEqual({ memberName: '李四', member: null, organization: { name: '新郑路社区第一党支部' } });
    const parents = expectOk(
      await gw.gql<{ organization: { parent: null | { name: string } } }>(
        'query ($id: ID!) { organization(id: $id) { parent { name } } }',
        { id: fx.communityA.id },
        { token: fx.users.adminA },
      ),
    );
    expect(parents.organization.parent).toBeNull();
    await gw.db.dataSource.query('DELETE FROM transfer WHERE id = ?', [crossing]);
  });

  it('keeps transfers in scope: lists, counts and the overview', async () => {
    const list = async (token: string) =>
      expectOk(await gw.gql<{ transfers: { totalCount: number; nodes: Array<{ id: string }> } }>('{ transfers { totalCount nodes { id } } }', {}, { token }))
        .transfers;
    expect((await list(admin)).totalCount).toBe(2);
    expect((await list(fx.users.adminA)).nodes.map((t) => t.id)).toEqual([fx.transfers.a]);
    expect((await list(fx.users.adminB)).nodes.map((t) => t.id)).toEqual([fx.transfers.b]);
    expect((await list(fx.users.instructor)).totalCount).toBe(0);
    const overview = expectOk(
      await gw.gql<{ subdistrictOverview: { memberCount: number; fullMemberCount: number } }>(
        '{ subdistrictOverview { memberCount fullMemberCount } }',
        {},
        { token: fx.users.adminA },
      ),
    );
    expect(overview.subdistrictOverview).toEqual({ memberCount: 2, fullMemberCount: 1 });
  });

  it('exports only the scope, and refuses an organisation outside it', async () => {
    const download = (token: string, query = '') =>
      fetch(`${gw.url}/export/members.xlsx${query}`, { headers: { authorization: `Bearer ${token}` } });
    const outside = await download(fx.users.adminA, `?organizationId=${fx.branchB.id}`);
    expect(outside.status).toBe(404);
    const body = (await outside.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');

    const response = await download(fx.users.station);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const names: string[] = [];
    workbook.worksheets[0]?.eachRow((row, index) => {
      if (index > 1) names.push(String(row.getCell(1).value));
    });
    expect(names.sort()).toEqual(['赵六', '钱七'].sort());
  });

  it('refuses what a role may not do with FORBIDDEN', async () => {
    expectError(
      await gw.gql('mutation ($id: ID!) { revealMemberPii(id: $id, reason: "核对") { idCardNumber } }', { id: fx.members.a1.id }, { token: fx.users.viewer }),
      'FORBIDDEN',
    );
    expectError(
      await gw.gql('mutation ($id: ID!) { actOnTransfer(id: $id, input: { action: APPROVE }) { status } }', { id: fx.transfers.a }, { token: fx.users.instructor }),
      'FORBIDDEN',
    );
    expectError(await gw.gql('{ auditLogs { totalCount } }', {}, { token: fx.users.adminA }), 'FORBIDDEN');
    expectError(await gw.gql('{ users { totalCount } }', {}, { token: fx.users.adminA }), 'FORBIDDEN');
    expectError(await gw.gql('mutation { createApiKey(name: "x") { key } }', {}, { token: fx.users.adminA }), 'FORBIDDEN');
    expectError(await gw.gql('mutation { requestSync { id } }', {}, { token: fx.users.adminA }), 'FORBIDDEN');
    const exported = await fetch(`${gw.url}/export/members.xlsx`, { headers: { authorization: `Bearer ${fx.users.viewer}` } });
    expect(exported.status).toBe(403);
  });

  it('answers UNAUTHENTICATED without a valid credential', async () => {
    expectError(await gw.gql('{ members { totalCount } }'), 'UNAUTHENTICATED');
    expectError(await gw.gql('{ members { totalCount } }', {}, { token: 'not-a-token' }), 'UNAUTHENTICATED', 'TOKEN_INVALID');
    const exported = await fetch(`${gw.url}/export/members.xlsx`);
    expect(exported.status).toBe(401);
  });
});

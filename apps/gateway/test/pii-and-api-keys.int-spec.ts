import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from './support/expect.js';
import { seedFixture, type Fixture } from './support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, waitFor, type Gateway } from './support/harness.js';

async function sheetRows(response: Response): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value))));
  });
  return rows;
}

describe('personal data and API keys', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;

  beforeAll(async () => {
    gw = await startGateway('pii', { throttle: { apiKeyRequestsPerMinute: 8 } });
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('masks id card numbers and phones in every response', async () => {
    const a1 = fx.members.a1;
    const data = expectOk(
      await gw.gql<{ members: { nodes: Array<{ id: string; idCardNumber: string; phone: string }> }; member: { idCardNumber: string; phone: string } }>(
        'query ($id: ID!) { members(first: 100) { nodes { id idCardNumber phone } } member(id: $id) { idCardNumber phone } }',
        { id: a1.id },
        { token: admin },
      ),
    );
    const listed = data.members.nodes.find((m) => m.id === a1.id)!;
    const masked = `${a1.idCardNumber.slice(0, 6)}********${a1.idCardNumber.slice(-4)}`;
    const maskedPhone = `${a1.phone.slice(0, 3)}****${a1.phone.slice(-4)}`;
    expect(listed).toEqual({ id: a1.id, idCardNumber: masked, phone: maskedPhone });
    expect(data.member).toEqual({ idCardNumber: masked, phone: maskedPhone });
    const transfer = expectOk(
      await gw.gql<{ transfer: { member: { idCardNumber: string } } }>('query ($id: ID!) { transfer(id: $id) { member { idCardNumber } } }', { id: fx.transfers.a }, { token: admin }),
    );
    expect(transfer.transfer.member.idCardNumber).toBe(masked);
    const text = JSON.stringify(data);
    for (const member of Object.values(fx.members)) {
      expect(text).not.toContain(member.idCardNumber);
      expect(text).not.toContain(member.phone);
    }
  });

  it('finds a member by a whole id card number (through its hash) or a name prefix', async () => {
    const search = async (text: string) =>
      expectOk(
        await gw.gql<{ members: { nodes: Array<{ name: string }> } }>('query ($s: String) { members(filter: { search: $s }) { nodes { name } } }', { s: text }, { token: admin }),
      ).members.nodes.map((m) => m.name);
    expect(await search(fx.members.b1.idCardNumber)).toEqual(['李四']);
    expect((await search('张')).sort()).toEqual(['张三', '张四'].sort());
    expect(await search(fx.members.b1.idCardNumber.slice(0, 10))).toEqual([]);
  });

  it('reveals full personal data only with the permission and a reason, and audits the read', async () => {
    const reveal = 'mutation ($id: ID!, $reason: String!) { revealMemberPii(id: $id, reason: $reason) { idCardNumber phone } }';
    const a1 = fx.members.a1;
    expectError(await gw.gql(reveal, { id: a1.id, reason: '   ' }, { token: fx.users.adminA }), 'BAD_USER_INPUT', 'REASON_REQUIRED');
    expectError(await gw.gql(reveal, { id: a1.id, reason: '核对' }, { token: fx.users.viewer }), 'FORBIDDEN');
    const data = expectOk(await gw.gql<{ revealMemberPii: { idCardNumber: string; phone: string } }>(reveal, { id: a1.id, reason: '办理转接核对身份' }, { token: fx.users.adminA }));
    expect(data.revealMemberPii).toEqual({ idCardNumber: a1.idCardNumber, phone: a1.phone });
    const rows = (await gw.db.dataSource.query("SELECT actor, entity_type AS entityType, entity_id AS entityId, reason FROM audit_log WHERE action = 'REVEAL_PII'")) as Array<
      Record<string, string>
    >;
    expect(rows).toEqual([{ actor: 'xinzheng', entityType: 'Member', entityId: a1.id, reason: '办理转接核对身份' }]);
    // The audit row is searchable by district admins.
    const found = expectOk(
      await gw.gql<{ auditLogs: { nodes: Array<{ actor: string; reason: string; entityId: string }> } }>(
        '{ auditLogs(filter: { action: ["REVEAL_PII"] }) { nodes { actor reason entityId } } }',
        {},
        { token: admin },
      ),
    );
    expect(found.auditLogs.nodes).toEqual([{ actor: 'xinzheng', reason: '办理转接核对身份', entityId: a1.id }]);
  });

  it('exports members masked, and audits the export', async () => {
    const response = await fetch(`${gw.url}/export/members.xlsx?organizationId=${fx.communityA.id}&includeDescendants=true`, {
      headers: { authorization: `Bearer ${fx.users.adminA}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('党员名单'));
    const rows = await sheetRows(response);
    expect(rows[0]?.slice(0, 3)).toEqual(['姓名', '性别', '民族']);
    const body = rows.slice(1);
    expect(body.map((r) => r[0]).sort()).toEqual(['张三', '张四'].sort());
    const zhangsi = body.find((r) => r[0] === '张四')!;
    expect(zhangsi).toContain('预备党员');
    expect(zhangsi).toContain('女');
    expect(zhangsi).toContain('新郑路社区第一党支部');
    expect(zhangsi).toContain(`${fx.members.a2.idCardNumber.slice(0, 6)}********${fx.members.a2.idCardNumber.slice(-4)}`);
    expect(JSON.stringify(rows)).not.toContain(fx.members.a2.idCardNumber);
    const audit = await waitFor(async () => {
      const found = (await gw.db.dataSource.query("SELECT actor, entity_type AS entityType, `after` FROM audit_log WHERE action = 'EXPORT'")) as Array<{
        actor: string;
        entityType: string;
        after: unknown;
      }>;
      return found.length ? found : null;
    });
    expect(audit[0]).toMatchObject({ actor: 'xinzheng', entityType: 'Member' });
    expect(JSON.stringify(audit[0]?.after)).toContain('"rows":2');

    const transfers = await fetch(`${gw.url}/export/transfers.xlsx?status=PENDING_APPROVAL`, { headers: { authorization: `Bearer ${admin}` } });
    const transferRows = await sheetRows(transfers);
    expect(transferRows.slice(1).map((r) => [r[0], r[1], r[3]]).sort()).toEqual([
      ['张三', '转出', '待审批'],
      ['李四', '转出', '待审批'],
    ]);
  });

  it('gives other teams read-only keys, shown once, stored hashed, with names masked', async () => {
    const created = expectOk(
      await gw.gql<{ createApiKey: { key: string; apiKey: { id: string; name: string; revoked: boolean } } }>(
        'mutation { createApiKey(name: "组织部统计系统") { key apiKey { id name revoked } } }',
        {},
        { token: admin },
      ),
    ).createApiKey;
    expect(created.apiKey).toMatchObject({ name: '组织部统计系统', revoked: false });
    const stored = (await gw.db.dataSource.query('SELECT key_hash AS h FROM api_client WHERE id = ?', [created.apiKey.id])) as Array<{ h: string }>;
    expect(stored[0]?.h).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.h).not.toContain(created.key);
    const listed = expectOk(await gw.gql<{ apiKeys: { nodes: Array<Record<string, unknown>> } }>('{ apiKeys { nodes { id name keyPrefix } } }', {}, { token: admin }));
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const key = created.key;
    const data = expectOk(
      await gw.gql<{ members: { nodes: Array<{ name: string; idCardNumber: string }> } }>(
        '{ members(filter: { search: "张三" }) { nodes { name idCardNumber } } }',
        {},
        { apiKey: key },
      ),
    );
    expect(data.members.nodes).toEqual([{ name: '张*', idCardNumber: expect.stringContaining('********') }]);
    expectError(
      await gw.gql('mutation ($id: ID!) { revealMemberPii(id: $id, reason: "统计") { idCardNumber } }', { id: fx.members.a1.id }, { apiKey: key }),
      'FORBIDDEN',
      'API_KEY_READ_ONLY',
    );
    expectError(await gw.gql('mutation { logout }', {}, { apiKey: key }), 'FORBIDDEN');
    const exported = await fetch(`${gw.url}/export/members.xlsx`, { headers: { 'x-api-key': key } });
    const rows = await sheetRows(exported);
    expect(rows.slice(1).every((r) => /^.\*+$/.test(r[0] ?? ''))).toBe(true);
    const apiAudit = (await gw.db.dataSource.query("SELECT actor FROM audit_log WHERE action = 'API_KEY_CREATED'")) as Array<{ actor: string }>;
    expect(apiAudit).toEqual([{ actor: ADMIN_USERNAME }]);
  });

  it('rate-limits a key (429 RATE_LIMITED) and refuses it once revoked', async () => {
    const created = expectOk(
      await gw.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>('mutation { createApiKey(name: "限流测试") { key apiKey { id } } }', {}, { token: admin }),
    ).createApiKey;
    for (let i = 0; i < 8; i++) expectOk(await gw.gql('{ organizations { totalCount } }', {}, { apiKey: created.key }));
    const limited = await gw.gql('{ organizations { totalCount } }', {}, { apiKey: created.key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expectError(limited, 'RATE_LIMITED');

    const other = expectOk(
      await gw.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>('mutation { createApiKey(name: "吊销测试") { key apiKey { id } } }', {}, { token: admin }),
    ).createApiKey;
    expectOk(await gw.gql('{ organizations { totalCount } }', {}, { apiKey: other.key }));
    expect(
      expectOk(await gw.gql<{ revokeApiKey: { revoked: boolean } }>('mutation ($id: ID!) { revokeApiKey(id: $id) { revoked } }', { id: other.apiKey.id }, { token: admin }))
        .revokeApiKey.revoked,
    ).toBe(true);
    expectError(await gw.gql('{ organizations { totalCount } }', {}, { apiKey: other.key }), 'UNAUTHENTICATED', 'API_KEY_REVOKED');
    expectError(await gw.gql('{ organizations { totalCount } }', {}, { apiKey: 'djk_not-a-real-key' }), 'UNAUTHENTICATED', 'API_KEY_INVALID');
    const used = await waitFor(async () => {
      const rows = (await gw.db.dataSource.query('SELECT last_used_at AS t FROM api_client WHERE id = ?', [other.apiKey.id])) as Array<{ t: Date | null }>;
      return rows[0]?.t ?? null;
    });
    expect(used).toBeInstanceOf(Date);
  });
});

import { creditCodeCheckCharacter, todayIn } from '@dangjian/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../../../test/support/expect.js';
import { seedFixture, type Fixture } from '../../../test/support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from '../../../test/support/harness.js';

/** A valid 统一社会信用代码 from its first 17 characters. */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

function rowsOf(sheet: ExcelJS.Worksheet | undefined): string[][] {
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    rows.push(Array.from((row.values as unknown[]).slice(1), (value) => (value === null || value === undefined ? '' : String(value))));
  });
  return rows;
}

interface ImportBody {
  mode: string;
  committed: boolean;
  rowCount: number;
  validRowCount: number;
  invalidRowCount: number;
  createdCount: number;
  updatedCount: number;
  problems: Array<{ row: number; column: string | null; field: string | null; reason: string; message: string }>;
}

const UNIT_FIELDS = 'id name category creditCode staffCount surveyedOn needsOwnOrganization organizationCovered communityOrganization { name }';

describe('communities, units, the coverage report and the survey in Excel', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  const statements: string[] = [];
  let recording = false;
  const today = todayIn('Asia/Shanghai');

  beforeAll(async () => {
    gw = await startGateway('work-units', {
      onSql: (statement) => {
        if (recording) statements.push(statement);
      },
    });
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await gw?.close();
  });

  const upload = (body: Uint8Array | string, mode: string, token: string) =>
    fetch(`${gw.url}/import/unit-survey?mode=${mode}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body,
    });
  const unitCount = async () => Number(((await gw.db.dataSource.query('SELECT COUNT(*) AS n FROM unit')) as Array<{ n: number }>)[0]?.n);

  it('keeps a community profile: create, list, update', async () => {
    const created = expectOk(
      await gw.gql<{ createCommunity: { id: string; name: string; organization: { name: string } } }>(
        'mutation ($org: ID!) { createCommunity(input: { organizationId: $org, name: "新郑路社区", shortName: "新郑", households: 3200 }) { id name organization { name } } }',
        { org: fx.communityA.id },
        { token: fx.users.adminA },
      ),
    ).createCommunity;
    expect(created.organization.name).toBe('新郑路社区党委');
    expectError(
      await gw.gql('mutation ($org: ID!) { createCommunity(input: { organizationId: $org, name: "重复", shortName: "重" }) { id } }', { org: fx.communityA.id }, { token: admin }),
      'CONFLICT',
      'COMMUNITY_EXISTS',
    );
    const list = expectOk(await gw.gql<{ communities: { totalCount: number; nodes: Array<{ shortName: string }> } }>('{ communities { totalCount nodes { shortName } } }', {}, { token: admin }));
    expect(list.communities).toEqual({ totalCount: 1, nodes: [{ shortName: '新郑' }] });
    const updated = expectOk(
      await gw.gql<{ updateCommunity: { brandName: string; households: number } }>(
        'mutation ($id: ID!) { updateCommunity(id: $id, input: { brandName: "大爱夕阳" }) { brandName households } }',
        { id: created.id },
        { token: fx.users.adminA },
      ),
    ).updateCommunity;
    expect(updated).toEqual({ brandName: '大爱夕阳', households: 3200 });
    expectError(await gw.gql('query ($id: ID!) { community(id: $id) { name } }', { id: created.id }, { token: fx.users.adminB }), 'NOT_FOUND');
  });

  it('registers units, filters them, updates one, and reports the two coverages', async () => {
    const token = fx.users.adminA;
    const create = async (input: Record<string, unknown>) =>
      expectOk(await gw.gql<{ createUnit: Record<string, unknown> & { id: string } }>(`mutation ($input: CreateUnitInput!) { createUnit(input: $input) { ${UNIT_FIELDS} } }`, { input }, { token }))
        .createUnit;
    const covered = await create({
      category: 'NON_PUBLIC_ENTERPRISE',
      name: '某科技公司',
      creditCode: code('91410100MA44AAAA1'),
      hasPremises: true,
      staffCount: 40,
      businessActive: true,
      fullMemberCount: 5,
      surveyedOn: today,
      organizationId: fx.enterpriseBranch.id,
      communityOrganizationId: fx.communityA.id,
    });
    expect(covered).toMatchObject({ needsOwnOrganization: false, organizationCovered: true, communityOrganization: { name: '新郑路社区党委' } });
    const lacking = await create({
      category: 'NON_PUBLIC_ENTERPRISE',
      name: '某商贸公司',
      creditCode: code('91410100MA44BBBB2'),
      hasPremises: true,
      staffCount: 12,
      businessActive: true,
      fullMemberCount: 3,
      communityOrganizationId: fx.communityA.id,
    });
    expect(lacking).toMatchObject({ needsOwnOrganization: true, organizationCovered: false });

    const bad = expectError(
      await gw.gql(
        'mutation ($input: CreateUnitInput!) { createUnit(input: $input) { id } }',
        { input: { category: 'SOCIAL_ORGANIZATION', name: '某协会', creditCode: '91410100MA44BBBB20', communityOrganizationId: fx.communityA.id } },
        { token },
      ),
      'BAD_USER_INPUT',
    );
    expect(bad.extensions?.fields).toEqual([{ field: 'creditCode', reason: 'CREDIT_CODE_CHECK_CHARACTER', message: '统一社会信用代码校验位不正确，请核对代码是否录入有误' }]);

    const needing = expectOk(
      await gw.gql<{ units: { totalCount: number; nodes: Array<{ name: string }> } }>('{ units(filter: { needsOwnOrganization: true }) { totalCount nodes { name } } }', {}, { token }),
    ).units;
    expect(needing).toEqual({ totalCount: 1, nodes: [{ name: '某商贸公司' }] });
    // A search in Chinese matches names (the credit code column is ASCII and never compared with it).
    const byName = expectOk(
      await gw.gql<{ units: { nodes: Array<{ name: string }> } }>('{ units(filter: { search: "商贸" }) { nodes { name } } }', {}, { token }),
    ).units;
    expect(byName.nodes.map((unit) => unit.name)).toContain('某商贸公司');
    const sorted = expectOk(
      await gw.gql<{ units: { nodes: Array<{ name: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        '{ units(orderBy: STAFF_COUNT, direction: DESC, first: 1) { nodes { name } pageInfo { hasNextPage endCursor } } }',
        {},
        { token },
      ),
    ).units;
    expect(sorted.nodes).toEqual([{ name: '某科技公司' }]);
    expect(sorted.pageInfo.hasNextPage).toBe(true);
    const next = expectOk(
      await gw.gql<{ units: { nodes: Array<{ name: string }>; pageInfo: { hasNextPage: boolean } } }>(
        'query ($after: String) { units(orderBy: STAFF_COUNT, direction: DESC, first: 1, after: $after) { nodes { name } pageInfo { hasNextPage } } }',
        { after: sorted.pageInfo.endCursor },
        { token },
      ),
    ).units;
    // The station's tenant (seeded with no survey yet, 0 staff) comes last.
    expect(next).toEqual({ nodes: [{ name: '某商贸公司' }], pageInfo: { hasNextPage: true } });
    expectError(await gw.gql('{ units(first: 101) { totalCount } }', {}, { token }), 'BAD_USER_INPUT', 'PAGE_SIZE');

    const updated = expectOk(
      await gw.gql<{ updateUnit: { staffCount: number; name: string } }>(
        'mutation ($id: ID!) { updateUnit(id: $id, input: { staffCount: 15 }) { staffCount name } }',
        { id: lacking.id },
        { token },
      ),
    ).updateUnit;
    expect(updated).toEqual({ staffCount: 15, name: '某商贸公司' });

    const report = expectOk(
      await gw.gql<{ coverageReport: Record<string, unknown> & { unitsNeedingOwnOrganization: Array<{ name: string }> } }>(
        '{ coverageReport { unitCount inScopeCount organizationCoveredCount organizationCoverageRate workCoverageRate unitsNeedingOwnOrganization { name } uncoveredUnits { name } } }',
        {},
        { token },
      ),
    ).coverageReport;
    expect(report).toEqual({
      unitCount: 3,
      inScopeCount: 2,
      organizationCoveredCount: 1,
      organizationCoverageRate: 0.5,
      workCoverageRate: 0.5,
      unitsNeedingOwnOrganization: [{ name: '某商贸公司' }],
      uncoveredUnits: [{ name: '某商贸公司' }],
    });

    // Community B sees none of it, and cannot reach it by id.
    expect(expectOk(await gw.gql<{ units: { totalCount: number } }>('{ units { totalCount } }', {}, { token: fx.users.adminB })).units.totalCount).toBe(0);
    expectError(await gw.gql('query ($id: ID!) { unit(id: $id) { name } }', { id: lacking.id }, { token: fx.users.adminB }), 'NOT_FOUND');
    expectError(await gw.gql('mutation ($id: ID!) { deleteUnit(id: $id) { id } }', { id: lacking.id }, { token: fx.users.adminB }), 'NOT_FOUND');
  });

  it('offers a template with the columns, drop-downs and the communities of the scope', async () => {
    const response = await fetch(`${gw.url}/export/templates/unit-survey.xlsx`, { headers: { authorization: `Bearer ${fx.users.adminA}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('单位排查模板'));
    const workbook = await workbookOf(response);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['单位排查', '社区', '填写说明']);
    expect(rowsOf(workbook.getWorksheet('单位排查'))[0]).toEqual([
      '单位名称*',
      '单位类别*',
      '统一社会信用代码',
      '所在社区*',
      '地址',
      '有固定场所',
      '从业人员数',
      '有实际经营活动',
      '正式党员数',
      '排查日期',
      '所在楼宇',
    ]);
    expect(rowsOf(workbook.getWorksheet('社区'))).toEqual([['社区党组织'], ['新郑路社区党委']]);
    expect(workbook.getWorksheet('单位排查')?.getCell('B2').dataValidation?.type).toBe('list');
  });

  it('lists every bad row and column in a dry run and writes nothing', async () => {
    const template = await workbookOf(
      await fetch(`${gw.url}/export/templates/unit-survey.xlsx`, { headers: { authorization: `Bearer ${fx.users.adminA}` } }),
    );
    const sheet = template.getWorksheet('单位排查')!;
    sheet.getRow(2).values = ['某物流公司', '非公企业', code('91410100MA44CCCC3'), '新郑路社区党委', '陇海路 1 号', '是', 30, '是', 2, new Date(`${today}T00:00:00Z`), ''];
    sheet.getRow(3).values = ['某律师事务所', '社会组织', '91410100MA44DDDD40', '新郑路社区', '', '是', '三十人', '是', 0, '', ''];
    sheet.getRow(4).values = ['紫荆的企业', '非公企业', code('91410100MA44EEEE5'), '紫荆社区党委', '', '是', 10, '是', 0, '', ''];
    // A registered unit: its row updates the survey of that unit.
    sheet.getRow(5).values = ['某商贸公司', '非公企业', code('91410100MA44BBBB2'), '', '', '是', 20, '是', 4, '2026-01-05', ''];
    sheet.getRow(6).values = ['', '个体户', '', '新郑路社区党委', '', '也许', '', '', '', '2026-13-01', '无此楼'];
    const file = new Uint8Array(await template.xlsx.writeBuffer());
    const before = await unitCount();

    const response = await upload(file, 'dry-run', fx.users.adminA);
    expect(response.status).toBe(200);
    const result = (await response.json()) as ImportBody;
    expect(result).toMatchObject({ mode: 'dry-run', committed: false, rowCount: 5, validRowCount: 2, invalidRowCount: 3, createdCount: 1, updatedCount: 1 });
    const where = (row: number) => result.problems.filter((p) => p.row === row).map((p) => [p.column, p.reason]);
    expect(where(2)).toEqual([]);
    expect(where(3)).toEqual(
      expect.arrayContaining([
        ['从业人员数', 'NOT_AN_INTEGER'],
        ['统一社会信用代码', 'CREDIT_CODE_CHECK_CHARACTER'],
      ]),
    );
    expect(where(4)).toEqual([['所在社区', 'COMMUNITY_NOT_FOUND']]);
    expect(where(6)).toEqual(
      expect.arrayContaining([
        ['单位类别', 'ENUM_INVALID'],
        ['有固定场所', 'YES_NO_INVALID'],
        ['排查日期', 'DATE_INVALID'],
        ['所在楼宇', 'BUILDING_NOT_FOUND'],
        ['单位名称', 'REQUIRED'],
      ]),
    );
    for (const problem of result.problems) expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
    expect(result.problems.find((p) => p.row === 4)?.message).toBe('所在社区「紫荆社区党委」不存在或不在您的管理范围内');

    expect(await unitCount()).toBe(before);
    const [unit] = (await gw.db.dataSource.query("SELECT staff_count AS staffCount FROM unit WHERE name = '某商贸公司'")) as Array<{ staffCount: number }>;
    expect(unit?.staffCount).toBe(15);
    const audits = (await gw.db.dataSource.query("SELECT actor, reason FROM audit_log WHERE action = 'IMPORT'")) as Array<{ actor: string; reason: string }>;
    expect(audits).toEqual([{ actor: 'xinzheng', reason: '检查单位排查表：5 行，新增 1，更新 1，有误 3 行' }]);

    // The commit writes the good rows, all in one transaction, and lists the bad ones again.
    statements.length = 0;
    recording = true;
    const committed = await upload(file, 'commit', fx.users.adminA);
    recording = false;
    expect(committed.status).toBe(200);
    const done = (await committed.json()) as ImportBody;
    expect(done).toMatchObject({ mode: 'commit', committed: true, createdCount: 1, updatedCount: 1, invalidRowCount: 3 });
    expect(done.problems).toEqual(result.problems);
    expect(await unitCount()).toBe(before + 1);
    const rows = (await gw.db.dataSource.query(
      "SELECT name, staff_count AS staffCount, full_member_count AS fullMemberCount, surveyed_on AS surveyedOn FROM unit WHERE name IN ('某物流公司', '某商贸公司') ORDER BY name",
    )) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      { name: '某商贸公司', staffCount: 20, fullMemberCount: 4, surveyedOn: '2026-01-05' },
      { name: '某物流公司', staffCount: 30, fullMemberCount: 2, surveyedOn: today },
    ]);
    const opened = statements.filter((s) => /^START TRANSACTION/i.test(s));
    const ended = statements.filter((s) => /^(COMMIT|ROLLBACK)$/i.test(s.trim()));
    expect(opened).toHaveLength(1);
    expect(ended).toEqual(['COMMIT']);
    const start = statements.findIndex((s) => /^START TRANSACTION/i.test(s));
    const end = statements.findIndex((s) => /^COMMIT$/i.test(s.trim()));
    const writes = statements
      .map((s, index) => ({ s, index }))
      .filter(({ s }) => /^(INSERT INTO|UPDATE) [`"]?(unit|audit_log)[`"]?/i.test(s));
    expect(writes.length).toBeGreaterThanOrEqual(4);
    for (const { index } of writes) expect(index > start && index < end).toBe(true);
    const imports = (await gw.db.dataSource.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'IMPORT'")) as Array<{ n: number }>;
    expect(Number(imports[0]?.n)).toBe(2);
  });

  it('refuses a file that is not the template, whole, with a clear message', async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['姓名', '电话']);
    other.getWorksheet('Sheet1')!.addRow(['张三', '13800000000']);
    const before = await unitCount();
    const wrong = await upload(new Uint8Array(await other.xlsx.writeBuffer()), 'commit', fx.users.adminA);
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as { errors: Array<{ message: string; extensions: { code: string; reason: string } }> };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_TEMPLATE_INVALID' });
    expect(body.errors[0]?.message).toMatch(/不是单位排查模板/);

    const partial = new ExcelJS.Workbook();
    partial.addWorksheet('单位排查').addRow(['单位名称', '单位类别', '所在社区']);
    const incomplete = await upload(new Uint8Array(await partial.xlsx.writeBuffer()), 'dry-run', fx.users.adminA);
    expect(incomplete.status).toBe(400);
    expect(((await incomplete.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/缺少列.*「统一社会信用代码」/);

    const text = await upload('name,category\n某公司,非公企业\n', 'commit', fx.users.adminA);
    expect(text.status).toBe(400);
    expect(((await text.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/不是 Excel/);
    expect((await upload(new Uint8Array(6 * 1024 * 1024), 'commit', fx.users.adminA)).status).toBe(413);
    expect((await upload(new Uint8Array([1]), 'later', fx.users.adminA)).status).toBe(400);
    expect(await unitCount()).toBe(before);

    expect((await upload(new Uint8Array([1]), 'commit', fx.users.viewer)).status).toBe(403);
    const anonymous = await fetch(`${gw.url}/import/unit-survey?mode=commit`, { method: 'POST', body: new Uint8Array([1]) });
    expect(anonymous.status).toBe(401);
  });

  it('exports the units of the scope in the template columns, and the export imports back as updates', async () => {
    const response = await fetch(`${gw.url}/export/units.xlsx`, { headers: { authorization: `Bearer ${fx.users.adminA}` } });
    expect(response.status).toBe(200);
    const workbook = await workbookOf(response);
    const rows = rowsOf(workbook.worksheets[0]);
    expect(rows[0]?.slice(0, 4)).toEqual(['单位名称', '单位类别', '统一社会信用代码', '所在社区']);
    expect(rows.slice(1).map((row) => row[0]).sort()).toEqual(['某商贸公司', '某物流公司', '某科技公司', '金融企业1'].sort());
    const trading = rows.find((row) => row[0] === '某商贸公司')!;
    expect(trading.slice(0, 10)).toEqual(['某商贸公司', '非公企业', code('91410100MA44BBBB2'), '新郑路社区党委', '', '是', '20', '是', '4', '2026-01-05']);
    expect(trading.slice(-2)).toEqual(['是', '否']);

    const again = await upload(new Uint8Array(await workbook.xlsx.writeBuffer()), 'dry-run', fx.users.adminA);
    const back = (await again.json()) as ImportBody;
    expect(back).toMatchObject({ rowCount: 4, createdCount: 0, updatedCount: 3, invalidRowCount: 1 });
    // The tenant has no credit code yet: as a new non-public enterprise it needs one.
    expect(back.problems).toEqual([
      expect.objectContaining({ column: '统一社会信用代码', reason: 'REQUIRED', message: '请填写非公企业的统一社会信用代码' }),
    ]);

    const outside = await fetch(`${gw.url}/export/units.xlsx?organizationId=${fx.communityB.id}`, { headers: { authorization: `Bearer ${fx.users.adminA}` } });
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('NOT_FOUND');
    const empty = rowsOf((await workbookOf(await fetch(`${gw.url}/export/units.xlsx`, { headers: { authorization: `Bearer ${fx.users.adminB}` } }))).worksheets[0]);
    expect(empty).toHaveLength(1);
  });
});

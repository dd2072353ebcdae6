import {
  advanceRequest,
  addDays,
  createBuilding,
  createBuildingStation,
  createGuidanceVisit,
  createInstructor,
  createInstructorAssignment,
  createRequest,
  createUnit,
  creditCodeCheckCharacter,
  FULL_SCOPE,
  PiiCipher,
  todayIn,
  type Actor,
} from '@dangjian/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFixture, type Fixture } from '../../test/support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from '../../test/support/harness.js';
import type { SeededOrganization } from '../../test/support/seed.js';

async function sheetRows(response: Response): Promise<string[][]> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) {
      const value = row.getCell(column).value;
      cells.push(value === null || value === undefined ? '' : String(value));
    }
    rows.push(cells);
  });
  return rows;
}

const creditCode = (first17: string) => `${first17}${creditCodeCheckCharacter(first17)}`;
const ACTOR: Actor = { username: 'export-spec', userId: null };

describe('exports of the guidance and building work', () => {
  let gw: Gateway;
  let fx: Fixture;
  const today = todayIn('Asia/Shanghai');
  let enterpriseA: SeededOrganization;
  let enterpriseB: SeededOrganization;
  let instructorA: string;
  let stationName: string;
  let buildingA: string;

  const download = (path: string, token: string) => fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const exportAudits = async () =>
    (await gw.db.dataSource.query(
      "SELECT actor, entity_type AS entityType, JSON_EXTRACT(`after`, '$.rows') AS exported FROM audit_log WHERE action = 'EXPORT' ORDER BY id",
    )) as Array<{ actor: string; entityType: string; exported: number | string }>;

  beforeAll(async () => {
    gw = await startGateway('work-list-exports');
    fx = await seedFixture(gw);
    const ds = gw.db.dataSource;
    const cipher = new PiiCipher(gw.config.PII_ENCRYPTION_KEY);
    enterpriseA = await fx.seeder.organization({ name: '新郑路某商贸公司党支部', category: 'NON_PUBLIC_ENTERPRISE', parent: fx.communityA });
    enterpriseB = await fx.seeder.organization({ name: '紫荆某协会党支部', category: 'SOCIAL_ORGANIZATION', parent: fx.communityB });

    // An instructor appointed by each community, each guiding the branch of that community.
    const guideA = await createInstructor(ds, FULL_SCOPE, ACTOR, { organizationId: fx.communityA.id, name: '周指导', title: '组织委员', phone: '13800001111' }, cipher);
    const guideB = await createInstructor(ds, FULL_SCOPE, ACTOR, { organizationId: fx.communityB.id, name: '吴指导' }, cipher);
    instructorA = guideA.id;
    await createInstructorAssignment(ds, FULL_SCOPE, ACTOR, { instructorId: guideA.id, organizationId: enterpriseA.id, fromOn: addDays(today, -60) });
    await createInstructorAssignment(ds, FULL_SCOPE, ACTOR, { instructorId: guideA.id, organizationId: fx.enterpriseBranch.id, fromOn: '2024-01-01', toOn: '2024-12-31' });
    await createInstructorAssignment(ds, FULL_SCOPE, ACTOR, { instructorId: guideB.id, organizationId: enterpriseB.id, fromOn: addDays(today, -30) });

    await createGuidanceVisit(ds, FULL_SCOPE, ACTOR, {
      organizationId: enterpriseA.id,
      instructorId: guideA.id,
      visitedOn: addDays(today, -40),
      method: 'VISIT',
      findings: '制度未上墙',
      followUpDueOn: addDays(today, -10),
      items: [
        { item: 'RELATION_TRANSFER', state: 'GOOD' },
        { item: 'RULES_POSTED', state: 'NOT_DONE', note: '三会一课制度未上墙' },
      ],
    });
    await createGuidanceVisit(ds, FULL_SCOPE, ACTOR, {
      organizationId: enterpriseA.id,
      instructorId: guideA.id,
      visitedOn: addDays(today, -5),
      method: 'PHONE',
      items: [{ item: 'ORGANIZATIONAL_LIFE', state: 'GOOD' }],
    });
    await createGuidanceVisit(ds, FULL_SCOPE, ACTOR, {
      organizationId: enterpriseB.id,
      instructorId: guideB.id,
      visitedOn: addDays(today, -3),
      items: [{ item: 'ARCHIVE_MANAGEMENT', state: 'GOOD' }],
    });

    const station = await createBuildingStation(ds, FULL_SCOPE, ACTOR, { name: '新郑路楼宇党建指导站', organizationId: fx.communityA.id });
    stationName = station.name;
    const towerA = await createBuilding(ds, FULL_SCOPE, ACTOR, { name: '新郑大厦', communityOrganizationId: fx.communityA.id, stationId: station.id, floors: 28 });
    buildingA = towerA.id;
    await createBuilding(ds, FULL_SCOPE, ACTOR, { name: '紫荆大厦', communityOrganizationId: fx.communityB.id });
    const shop = await createUnit(ds, FULL_SCOPE, ACTOR, { category: 'NON_PUBLIC_ENTERPRISE', name: '某商贸有限公司', creditCode: creditCode('91410100MA44AAAA1'), communityOrganizationId: fx.communityA.id, buildingId: towerA.id });
    await createUnit(ds, FULL_SCOPE, ACTOR, { category: 'SOCIAL_ORGANIZATION', name: '某行业协会', creditCode: creditCode('51410100MA44CCCC3'), communityOrganizationId: fx.communityA.id, buildingId: towerA.id });
    const other = await createUnit(ds, FULL_SCOPE, ACTOR, { category: 'NON_PUBLIC_ENTERPRISE', name: '紫荆某公司', creditCode: creditCode('91410100MA44BBBB2'), communityOrganizationId: fx.communityB.id });

    const asked = await createRequest(
      ds,
      FULL_SCOPE,
      ACTOR,
      {
        source: 'ENTERPRISE',
        requesterName: '刘经理',
        contact: '13912345678',
        unitId: shop.id,
        communityOrganizationId: fx.communityA.id,
        content: '招聘用工对接',
        category: 'EMPLOYMENT',
        scale: 'MINOR',
        receivedAt: '2026-01-05T02:00:00.000Z',
      },
      cipher,
    );
    await advanceRequest(ds, FULL_SCOPE, ACTOR, asked.id, { status: 'IN_PROGRESS', handledBy: '党员志愿者服务队', at: '2026-01-05T06:30:00.000Z' });
    await advanceRequest(ds, FULL_SCOPE, ACTOR, asked.id, { status: 'RESOLVED', feedback: '已对接两场招聘会', at: '2026-01-07T01:15:00.000Z' });
    await createRequest(ds, FULL_SCOPE, ACTOR, {
      source: 'ENTERPRISE',
      requesterName: '陈总',
      unitId: other.id,
      communityOrganizationId: fx.communityB.id,
      content: '办理证照',
      category: 'PERMITS',
      scale: 'MINOR',
    });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('exports guidance visits with the four items, only of the caller’s subtree, honouring the filters', async () => {
    const rows = await sheetRows(await download('/export/guidance-visits.xlsx', fx.users.adminA));
    expect(rows[0]?.slice(0, 6)).toEqual(['指导日期', '被指导党组织', '党建指导员', '指导方式', '党员组织关系转接', '党员组织关系转接说明']);
    expect(rows[0]).toHaveLength(4 + 8 + 4);
    // Only community A's branch: the visit to community B's branch stays out.
    expect(rows.slice(1).map((row) => row[1])).toEqual(['新郑路某商贸公司党支部', '新郑路某商贸公司党支部']);
    const first = rows.find((row) => row[0] === addDays(today, -40))!;
    expect(first.slice(2, 12)).toEqual(['周指导', '上门走访', '良好', '', '', '', '未落实', '三会一课制度未上墙', '', '']);
    expect(first.slice(12)).toEqual(['制度未上墙', addDays(today, -10), '', '是']);

    const overdue = await sheetRows(await download('/export/guidance-visits.xlsx?followUpOverdue=1', fx.users.adminA));
    expect(overdue).toHaveLength(2);
    // The district administrator sees every visit.
    const everyone = await sheetRows(await download('/export/guidance-visits.xlsx', await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD)));
    expect(everyone).toHaveLength(4);

    const outside = await download(`/export/guidance-visits.xlsx?organizationId=${enterpriseB.id}`, fx.users.adminA);
    expect(outside.status).toBe(404);
  });

  it('exports the instructors with their assignments', async () => {
    const rows = await sheetRows(await download('/export/instructors.xlsx', fx.users.adminA));
    expect(rows[0]).toEqual(['姓名', '职务', '联系电话', '选派党组织', '指导的党组织', '分工开始日期', '分工结束日期', '分工在期']);
    // Community B's instructor, and the assignment to a branch outside the subtree, stay out.
    expect(rows.slice(1)).toEqual([['周指导', '组织委员', '138****1111', '新郑路社区党委', '新郑路某商贸公司党支部', addDays(today, -60), '', '是']]);

    const admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    const all = await sheetRows(await download(`/export/instructors.xlsx?instructorId=${instructorA}`, admin));
    expect(all.slice(1).map((row) => [row[4], row[7]]).sort()).toEqual([
      ['新郑路某商贸公司党支部', '是'],
      ['某科技公司党支部', '否'],
    ]);
    const active = await sheetRows(await download(`/export/instructors.xlsx?activeOnly=1&instructorId=${instructorA}`, admin));
    expect(active.slice(1).map((row) => row[4])).toEqual(['新郑路某商贸公司党支部']);
    const searched = await sheetRows(await download('/export/instructors.xlsx?search=吴', admin));
    expect(searched.slice(1).map((row) => [row[0], row[4]])).toEqual([['吴指导', '紫荆某协会党支部']]);
  });

  it('exports the guided branches of the scope with members, instructors and the items’ latest states', async () => {
    const rows = await sheetRows(await download('/export/guided-branches.xlsx', fx.users.adminA));
    expect(rows[0]?.slice(0, 9)).toEqual(['党组织名称', '上级党组织', '组织类型', '类别', '党员数', '正式党员数', '党建指导员', '最近指导日期', '逾期未整改']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['新郑路某商贸公司党支部']);
    expect(rows[1]?.slice(1, 9)).toEqual(['新郑路社区党委', '党支部', '非公企业', '0', '0', '周指导', addDays(today, -5), '1']);
    expect(rows[1]?.slice(9)).toEqual([`良好（${addDays(today, -40)}）`, '', `未落实（${addDays(today, -40)}）`, `良好（${addDays(today, -5)}）`]);

    const social = await sheetRows(await download('/export/guided-branches.xlsx?category=SOCIAL_ORGANIZATION', fx.users.adminA));
    expect(social).toHaveLength(1);
  });

  it('exports buildings with their station and unit counts', async () => {
    const rows = await sheetRows(await download('/export/buildings.xlsx', fx.users.adminA));
    expect(rows[0]).toEqual(['楼宇名称', '地址', '楼层数', '所在社区', '楼宇党支部', '支部党员数', '楼宇党建指导站', '入驻单位数', '其中非公企业数']);
    // The fixture's 金融大厦 lies in community A too; 紫荆大厦 (community B) stays out.
    expect(rows.slice(1).map((row) => row[0]).sort()).toEqual(['新郑大厦', '金融大厦'].sort());
    expect(rows.find((row) => row[0] === '新郑大厦')).toEqual(['新郑大厦', '', '28', '新郑路社区党委', '', '', stationName, '2', '1']);
    const adminB = await sheetRows(await download('/export/buildings.xlsx', fx.users.adminB));
    expect(adminB.slice(1).map((row) => row[0])).toEqual(['紫荆大厦']);
    expect(await sheetRows(await download('/export/buildings.xlsx?search=紫荆', fx.users.adminA))).toHaveLength(1);
  });

  it('exports enterprise requests with the time of each step and the feedback, and audits every export', async () => {
    const rows = await sheetRows(await download('/export/requests.xlsx', fx.users.adminA));
    expect(rows[0]?.slice(0, 3)).toEqual(['受理时间', '企业', '楼宇']);
    expect(rows.slice(1)).toEqual([
      [
        '2026-01-05 10:00',
        '某商贸有限公司',
        '新郑大厦',
        '新郑路社区党委',
        '刘经理',
        '139****5678',
        '用工招聘',
        '小事',
        '招聘用工对接',
        '已办结',
        '党员志愿者服务队',
        '2026-01-05 14:30',
        '2026-01-07 09:15',
        rows[1]![13]!,
        '否',
        '已对接两场招聘会',
        '2026-01-07 09:15',
      ],
    ]);
    expect(rows[1]![13]).toMatch(/^2026-01-\d\d$/);
    expect(await sheetRows(await download(`/export/requests.xlsx?buildingId=${buildingA}&category=PERMITS`, fx.users.adminA))).toHaveLength(1);
    const adminB = await sheetRows(await download('/export/requests.xlsx', fx.users.adminB));
    expect(adminB.slice(1).map((row) => [row[1], row[9]])).toEqual([['紫荆某公司', '已受理']]);

    const audits = await exportAudits();
    const entityTypes = new Set(audits.map((audit) => audit.entityType));
    expect([...entityTypes].sort()).toEqual(['Building', 'GuidanceVisit', 'Instructor', 'Organization', 'Request']);
    const last = audits.at(-1)!;
    expect({ ...last, exported: Number(last.exported) }).toEqual({ actor: 'zijing', entityType: 'Request', exported: 1 });
    expect((await fetch(`${gw.url}/export/requests.xlsx`)).status).toBe(401);
    expect((await download('/export/buildings.xlsx', fx.users.viewer)).status).toBe(403);
  });
});

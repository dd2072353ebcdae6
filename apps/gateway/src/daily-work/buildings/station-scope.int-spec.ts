import { creditCodeCheckCharacter } from '@dangjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../../../test/support/expect.js';
import { seedFixture, type Fixture } from '../../../test/support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from '../../../test/support/harness.js';

interface RequestNode {
  id: string;
  status: string;
  content: string;
  unit: { name: string } | null;
  building: { name: string } | null;
}

const REQUEST = 'id status content unit { name } building { name }';

/**
 * The console's 楼宇党建 pages as a station's staff member uses them: their station's buildings,
 * a building's enterprises, and the enterprises' requests board (受理 → 办理中 → 已办结).
 * The fixture's station 「金融」 covers 金融大厦 in 新郑路社区 (its branch and one enterprise with
 * its own branch); another station covers a building in 紫荆社区, and 新郑路社区 has a building
 * no station covers.
 */
describe("station staff on their station's buildings, enterprises and requests", () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  let ids: {
    ownBuilding: string;
    ownUnit: string;
    otherBuilding: string;
    otherUnit: string;
    otherRequest: string;
    communityBuilding: string;
    residentRequest: string;
  };

  const unitId = async (name: string) => {
    const [row] = (await gw.db.dataSource.query('SELECT id FROM unit WHERE name = ?', [name])) as Array<{
      id: string | number;
    }>;
    return String(row?.id);
  };
  const buildingId = async (name: string) => {
    const [row] = (await gw.db.dataSource.query('SELECT id FROM building WHERE name = ?', [name])) as Array<{
      id: string | number;
    }>;
    return String(row?.id);
  };
  const createRequest = (token: string, input: Record<string, unknown>) =>
    gw.gql<{ createRequest: RequestNode }>(
      `mutation ($input: CreateRequestInput!) { createRequest(input: $input) { ${REQUEST} } }`,
      { input },
      { token },
    );
  const advance = (token: string, id: string, input: Record<string, unknown>) =>
    gw.gql<{ advanceRequest: RequestNode }>(
      `mutation ($id: ID!, $input: AdvanceRequestInput!) { advanceRequest(id: $id, input: $input) { ${REQUEST} } }`,
      { id, input },
      { token },
    );
  const enterpriseRequest = {
    source: 'ENTERPRISE',
    requesterName: '吴经理',
    category: 'EMPLOYMENT',
    scale: 'MINOR',
  };

  beforeAll(async () => {
    gw = await startGateway('station-scope');
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    const otherBranch = await fx.seeder.organization({
      name: '紫荆大厦楼宇党支部',
      category: 'BUILDING',
      parent: fx.root,
    });
    const otherTenant = await fx.seeder.organization({
      name: '紫荆入驻企业党支部',
      category: 'NON_PUBLIC_ENTERPRISE',
      parent: fx.root,
    });
    await fx.seeder.station({
      name: '紫荆',
      under: fx.root,
      staffUserIds: [],
      community: fx.communityB,
      buildingBranch: otherBranch,
      enterpriseOrganizations: [otherTenant],
    });
    const communityBuilding = expectOk(
      await gw.gql<{ createBuilding: { id: string } }>(
        'mutation ($org: ID!) { createBuilding(input: { name: "新郑路商住楼", communityOrganizationId: $org }) { id } }',
        { org: fx.communityA.id },
        { token: fx.users.adminA },
      ),
    ).createBuilding.id;
    const otherUnit = await unitId('紫荆企业1');
    const otherRequest = expectOk(
      await createRequest(admin, {
        ...enterpriseRequest,
        unitId: otherUnit,
        communityOrganizationId: fx.communityB.id,
        content: '融资难',
      }),
    ).createRequest.id;
    const residentRequest = expectOk(
      await createRequest(fx.users.adminA, {
        source: 'RESIDENT',
        requesterName: '王大爷',
        communityOrganizationId: fx.communityA.id,
        content: '楼道灯不亮',
        category: 'SAFETY',
        scale: 'HOUSEHOLD',
      }),
    ).createRequest.id;
    ids = {
      ownBuilding: await buildingId('金融大厦'),
      ownUnit: await unitId('金融企业1'),
      otherBuilding: await buildingId('紫荆大厦'),
      otherUnit,
      otherRequest,
      communityBuilding,
      residentRequest,
    };
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("lists their station's buildings and a building's enterprises, and nothing else", async () => {
    const token = fx.users.station;
    const buildings = expectOk(
      await gw.gql<{
        buildings: {
          totalCount: number;
          nodes: Array<{
            name: string;
            station: { name: string } | null;
            branchOrganization: { name: string } | null;
          }>;
        };
      }>(
        '{ buildings { totalCount nodes { name station { name } branchOrganization { name } } } }',
        {},
        { token },
      ),
    ).buildings;
    expect(buildings).toEqual({
      totalCount: 1,
      nodes: [
        { name: '金融大厦', station: { name: '金融' }, branchOrganization: { name: '金融大厦楼宇党支部' } },
      ],
    });
    const stations = expectOk(
      await gw.gql<{ buildingStations: { nodes: Array<{ name: string }> } }>(
        '{ buildingStations { nodes { name } } }',
        {},
        { token },
      ),
    );
    expect(stations.buildingStations.nodes).toEqual([{ name: '金融' }]);
    const enterprises = expectOk(
      await gw.gql<{ units: { nodes: Array<{ name: string; building: { name: string } | null }> } }>(
        'query ($b: ID!) { units(filter: { buildingId: $b }) { nodes { name building { name } } } }',
        { b: ids.ownBuilding },
        { token },
      ),
    ).units.nodes;
    expect(enterprises).toEqual([{ name: '金融企业1', building: { name: '金融大厦' } }]);
    // The totals count what the lists show, and nothing of the other building or the community.
    const totals = expectOk(
      await gw.gql<Record<'buildings' | 'buildingStations' | 'units' | 'requests', { totalCount: number }>>(
        '{ buildings(first: 0) { totalCount } buildingStations(first: 0) { totalCount } units(first: 0) { totalCount } requests(first: 0) { totalCount } }',
        {},
        { token },
      ),
    );
    expect(totals).toEqual({
      buildings: { totalCount: 1 },
      buildingStations: { totalCount: 1 },
      units: { totalCount: 1 },
      requests: { totalCount: 0 },
    });
    // Nested: the building's own community lies outside their scope and reads as nothing.
    const own = expectOk(
      await gw.gql<{ building: { name: string; communityOrganization: { name: string } | null } }>(
        'query ($id: ID!) { building(id: $id) { name communityOrganization { name } } }',
        { id: ids.ownBuilding },
        { token },
      ),
    ).building;
    expect(own).toEqual({ name: '金融大厦', communityOrganization: null });

    for (const id of [ids.otherBuilding, ids.communityBuilding]) {
      const error = expectError(
        await gw.gql('query ($id: ID!) { building(id: $id) { name } }', { id }, { token }),
        'NOT_FOUND',
      );
      expect(error.message).toMatch(/不存在或无权访问/);
    }
    expectError(
      await gw.gql('query ($id: ID!) { unit(id: $id) { name } }', { id: ids.otherUnit }, { token }),
      'NOT_FOUND',
    );
  });

  it('registers a request of their enterprise and moves it across the board to resolved', async () => {
    const token = fx.users.station;
    const created = expectOk(
      await createRequest(token, {
        ...enterpriseRequest,
        unitId: ids.ownUnit,
        buildingId: ids.ownBuilding,
        communityOrganizationId: fx.communityA.id,
        content: '招聘用工难',
      }),
    ).createRequest;
    expect(created).toMatchObject({
      status: 'RECEIVED',
      unit: { name: '金融企业1' },
      building: { name: '金融大厦' },
    });

    const column = async (status: string) =>
      expectOk(
        await gw.gql<{ requests: { nodes: Array<{ id: string }> } }>(
          'query ($status: [RequestStatus!]) { requests(filter: { source: ENTERPRISE, status: $status }) { nodes { id } } }',
          { status: [status] },
          { token },
        ),
      ).requests.nodes.map((node) => node.id);
    expect(await column('RECEIVED')).toEqual([created.id]);
    expect(
      expectOk(await advance(token, created.id, { status: 'IN_PROGRESS', handledBy: '金融指导站' }))
        .advanceRequest.status,
    ).toBe('IN_PROGRESS');
    expect(await column('IN_PROGRESS')).toEqual([created.id]);
    expect(
      expectOk(await advance(token, created.id, { status: 'RESOLVED', feedback: '已对接人社部门招聘会' }))
        .advanceRequest.status,
    ).toBe('RESOLVED');
    expect(await column('RESOLVED')).toEqual([created.id]);
    expect(await column('RECEIVED')).toEqual([]);

    const stats = expectOk(
      await gw.gql<{ requestStats: { total: { count: number; answeredCount: number } } }>(
        '{ requestStats(source: ENTERPRISE) { total { count answeredCount } } }',
        {},
        { token },
      ),
    ).requestStats.total;
    expect(stats).toEqual({ count: 1, answeredCount: 1 });
    // The community admin of the building's community still sees it.
    expect(
      expectOk(
        await gw.gql<{ request: { status: string } }>(
          'query ($id: ID!) { request(id: $id) { status } }',
          { id: created.id },
          { token: fx.users.adminA },
        ),
      ).request.status,
    ).toBe('RESOLVED');
  });

  it("answers NOT_FOUND for another station's or a community's request, building or enterprise", async () => {
    const token = fx.users.station;
    for (const id of [ids.otherRequest, ids.residentRequest]) {
      expectError(
        await gw.gql('query ($id: ID!) { request(id: $id) { id } }', { id }, { token }),
        'NOT_FOUND',
      );
      expectError(await advance(token, id, { status: 'IN_PROGRESS' }), 'NOT_FOUND');
    }
    const [other] = (await gw.db.dataSource.query('SELECT status FROM request WHERE id = ?', [
      ids.otherRequest,
    ])) as Array<{ status: string }>;
    expect(other?.status).toBe('RECEIVED');
    expectError(
      await createRequest(token, {
        ...enterpriseRequest,
        unitId: ids.otherUnit,
        communityOrganizationId: fx.communityB.id,
        content: '用工',
      }),
      'NOT_FOUND',
    );
    expectError(
      await createRequest(token, {
        ...enterpriseRequest,
        unitId: ids.ownUnit,
        buildingId: ids.communityBuilding,
        communityOrganizationId: fx.communityA.id,
        content: '用工',
      }),
      'NOT_FOUND',
    );
    expectError(
      await createRequest(token, {
        source: 'RESIDENT',
        requesterName: '李阿姨',
        communityOrganizationId: fx.communityA.id,
        content: '路灯不亮',
        category: 'SAFETY',
        scale: 'MINOR',
      }),
      'NOT_FOUND',
    );
  });

  it("corrects their building and enterprise; another's, or removing them, is not found", async () => {
    const token = fx.users.station;
    const updateBuilding = (id: string, input: Record<string, unknown>) =>
      gw.gql<{ updateBuilding: { floors: number | null } }>(
        'mutation ($id: ID!, $input: UpdateBuildingInput!) { updateBuilding(id: $id, input: $input) { floors } }',
        { id, input },
        { token },
      );
    const updateUnit = (id: string, input: Record<string, unknown>) =>
      gw.gql<{ updateUnit: { staffCount: number | null } }>(
        'mutation ($id: ID!, $input: UpdateUnitInput!) { updateUnit(id: $id, input: $input) { staffCount } }',
        { id, input },
        { token },
      );
    expect(expectOk(await updateBuilding(ids.ownBuilding, { floors: 28 })).updateBuilding.floors).toBe(28);
    // The fixture's enterprise has no credit code yet, which a correction must supply.
    const creditCode = '91410104MA46R8XK1' + creditCodeCheckCharacter('91410104MA46R8XK1');
    expect(expectOk(await updateUnit(ids.ownUnit, { staffCount: 64, creditCode })).updateUnit.staffCount).toBe(64);
    for (const id of [ids.otherBuilding, ids.communityBuilding])
      expectError(await updateBuilding(id, { floors: 3 }), 'NOT_FOUND');
    expectError(await updateUnit(ids.otherUnit, { staffCount: 3 }), 'NOT_FOUND');
    // Moving their building to the other station would hand it away: that station is not found.
    const [otherStation] = (await gw.db.dataSource.query("SELECT id FROM building_station WHERE name = '紫荆'")) as Array<{
      id: string | number;
    }>;
    expectError(await updateBuilding(ids.ownBuilding, { stationId: String(otherStation?.id) }), 'NOT_FOUND');
    expectError(
      await gw.gql('mutation ($id: ID!) { deleteBuilding(id: $id) { id } }', { id: ids.ownBuilding }, { token }),
      'NOT_FOUND',
    );
    expectError(
      await gw.gql('mutation ($id: ID!) { deleteUnit(id: $id) { id } }', { id: ids.ownUnit }, { token }),
      'NOT_FOUND',
    );
    const rows = (await gw.db.dataSource.query(
      'SELECT b.floors AS floors, b.deleted_at AS gone, o.floors AS otherFloors FROM building b, building o WHERE b.id = ? AND o.id = ?',
      [ids.ownBuilding, ids.otherBuilding],
    )) as Array<{ floors: number; gone: Date | null; otherFloors: number | null }>;
    expect(rows).toEqual([{ floors: 28, gone: null, otherFloors: null }]);
  });

  it("still shows a community admin their community's buildings, and not another's", async () => {
    const buildings = expectOk(
      await gw.gql<{ buildings: { nodes: Array<{ name: string }> } }>(
        '{ buildings { nodes { name } } }',
        {},
        { token: fx.users.adminA },
      ),
    ).buildings.nodes;
    expect(buildings.map((b) => b.name).sort()).toEqual(['新郑路商住楼', '金融大厦'].sort());
    expectError(
      await gw.gql(
        'query ($id: ID!) { building(id: $id) { name } }',
        { id: ids.otherBuilding },
        { token: fx.users.adminA },
      ),
      'NOT_FOUND',
    );
  });
});

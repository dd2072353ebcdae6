import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../entities/audit-log.entity.js';
import {
  Organization,
  type OrganizationCategory,
  type OrganizationType,
} from '../../entities/organization.entity.js';
import type { Building, BuildingStation } from '../../entities/daily-work/building.entity.js';
import { Request as RequestRecord } from '../../entities/daily-work/request.entity.js';
import type { Unit } from '../../entities/daily-work/unit.entity.js';
import type { DomainError } from '../../errors/domain-error.js';
import { creditCodeCheckCharacter, todayIn } from '../../rules/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/index.js';
import { createUserRecord, FULL_SCOPE, resolveDataScope, type DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  advanceRequest,
  createBuilding,
  createBuildingStation,
  createRequest,
  createUnit,
  deleteBuilding,
  deleteBuildingStation,
  deleteRequest,
  deleteUnit,
  getBuilding,
  getBuildingStation,
  getRequest,
  getRequestStats,
  getUnit,
  listBuildings,
  listBuildingStations,
  listRequests,
  listUnits,
  loadSurveyUnits,
  updateBuilding,
  updateBuildingStation,
  updateRequest,
  updateUnit,
  type CreateRequestInput,
} from './index.js';

const admin: Actor = { username: 'district', userId: null };

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the call to fail');
}

let creditSequence = 0;
function creditCode(): string {
  creditSequence += 1;
  const first17 = `91410100MA4${String(100000 + creditSequence)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

const names = (rows: Array<{ name: string }>) => rows.map((row) => row.name).sort();

/**
 * Two stations of one subdistrict. Station 1 covers building X (community A, with its branch) and
 * building Y (community B, no branch, one enterprise with its own organisation); station 2 covers
 * building Z (community A). Building V (community A) has no station. A joint branch covers an
 * enterprise in X and one in Z, so station 1's scope holds it without Z's enterprise being theirs.
 */
describe("a station's staff work on their station's buildings, enterprises and requests", () => {
  let db: TestDatabase;
  const today = todayIn('Asia/Shanghai');
  let communityA: Organization;
  let communityB: Organization;
  let jointBranch: Organization;
  let station1: BuildingStation;
  let station2: BuildingStation;
  const buildings: Record<'x' | 'y' | 'z' | 'v', Building> = {} as never;
  const units: Record<'x1' | 'x2' | 'y1' | 'y2' | 'z1' | 'v1', Unit> = {} as never;
  const requests: Record<'x1' | 'y1' | 'z1' | 'v1' | 'resident', RequestRecord> = {} as never;
  let staff: Actor & { userId: string };
  let staffScope: DataScope;
  let adminScopeA: DataScope;

  async function organization(
    name: string,
    type: OrganizationType,
    category: OrganizationCategory,
    parent: Organization | null,
  ): Promise<Organization> {
    const repository = db.dataSource.getRepository(Organization);
    const saved = await repository.save(
      repository.create({
        name,
        type,
        category,
        parentId: parent?.id ?? null,
        path: '/',
        depth: parent ? parent.depth + 1 : 0,
      }),
    );
    saved.path = `${parent?.path ?? '/'}${saved.id}/`;
    return repository.save(saved);
  }

  async function user(username: string, role: 'STATION_STAFF' | 'COMMUNITY_ADMIN', organizationId: string) {
    return createUserRecord(db.dataSource, FULL_SCOPE, admin, {
      username,
      password: 'Station-Passw0rd!',
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$not-used-here$not-used-here',
      role,
      organizationId,
    });
  }

  const enterprise = (
    name: string,
    building: Building,
    extra: Partial<Parameters<typeof createUnit>[3]> = {},
  ) =>
    createUnit(db.dataSource, FULL_SCOPE, admin, {
      category: 'NON_PUBLIC_ENTERPRISE',
      name,
      creditCode: creditCode(),
      buildingId: building.id,
      communityOrganizationId: building.communityOrganizationId,
      ...extra,
    });

  const enterpriseRequest = (unit: Unit, content: string): CreateRequestInput => ({
    source: 'ENTERPRISE',
    requesterName: '周经理',
    unitId: unit.id,
    communityOrganizationId: unit.communityOrganizationId,
    content,
    category: 'EMPLOYMENT',
    scale: 'MINOR',
  });

  beforeAll(async () => {
    db = await createTestDatabase('station_scope');
    const root = await organization('陇海马路街道党工委', 'WORKING_COMMITTEE', 'SUBDISTRICT', null);
    communityA = await organization('新郑路社区党委', 'PARTY_COMMITTEE', 'COMMUNITY', root);
    communityB = await organization('紫荆社区党委', 'PARTY_COMMITTEE', 'COMMUNITY', root);
    const branchX = await organization('陇新商务大厦联合党支部', 'JOINT_BRANCH', 'BUILDING', root);
    const branchZ = await organization('金叶科技广场联合党支部', 'JOINT_BRANCH', 'BUILDING', root);
    const tenantY = await organization(
      '郑州云启网络科技有限公司党支部',
      'BRANCH',
      'NON_PUBLIC_ENTERPRISE',
      root,
    );
    jointBranch = await organization(
      '商务区非公企业联合党支部',
      'JOINT_BRANCH',
      'NON_PUBLIC_ENTERPRISE',
      root,
    );

    const staffUser = await user('station-one', 'STATION_STAFF', root.id);
    const otherStaff = await user('station-two', 'STATION_STAFF', root.id);
    const adminA = await user('xinzheng', 'COMMUNITY_ADMIN', communityA.id);
    staff = { username: staffUser.username, userId: staffUser.id };

    station1 = await createBuildingStation(db.dataSource, FULL_SCOPE, admin, {
      name: '陇海马路街道楼宇党建指导站',
      organizationId: root.id,
      staffUserIds: [staffUser.id],
    });
    station2 = await createBuildingStation(db.dataSource, FULL_SCOPE, admin, {
      name: '金叶楼宇党建指导站',
      organizationId: root.id,
      staffUserIds: [otherStaff.id],
    });
    const building = (
      name: string,
      community: Organization,
      branch: Organization | null,
      station: BuildingStation | null,
    ) =>
      createBuilding(db.dataSource, FULL_SCOPE, admin, {
        name,
        communityOrganizationId: community.id,
        branchOrganizationId: branch?.id ?? null,
        stationId: station?.id ?? null,
      });
    buildings.x = await building('陇新商务大厦', communityA, branchX, station1);
    buildings.y = await building('紫荆写字楼', communityB, null, station1);
    buildings.z = await building('金叶科技广场', communityA, branchZ, station2);
    buildings.v = await building('新郑路商住楼', communityA, null, null);

    units.x1 = await enterprise('河南诚拓会计服务有限公司', buildings.x, {
      jointBranchOrganizationId: jointBranch.id,
    });
    units.x2 = await enterprise('郑州明德教育咨询有限公司', buildings.x);
    units.y1 = await enterprise('郑州云启网络科技有限公司', buildings.y, { organizationId: tenantY.id });
    // No organisation of its own: it is theirs because it lies in their building.
    units.y2 = await enterprise('郑州禾丰商贸有限公司', buildings.y);
    units.z1 = await enterprise('郑州金叶软件技术有限公司', buildings.z, {
      jointBranchOrganizationId: jointBranch.id,
    });
    units.v1 = await enterprise('郑州思创设计有限公司', buildings.v);

    for (const key of ['x1', 'y1', 'z1', 'v1'] as const) {
      requests[key] = await createRequest(
        db.dataSource,
        FULL_SCOPE,
        admin,
        enterpriseRequest(units[key], `${units[key].name}招聘用工难`),
      );
    }
    // A resident's request about building X stays with the community.
    requests.resident = await createRequest(db.dataSource, FULL_SCOPE, admin, {
      source: 'RESIDENT',
      requesterName: '王大爷',
      buildingId: buildings.x.id,
      communityOrganizationId: communityA.id,
      content: '楼下噪音扰民',
      category: 'NEIGHBOURHOOD_DISPUTE',
      scale: 'HOUSEHOLD',
    });

    staffScope = await resolveDataScope(db.dataSource, staffUser, today);
    adminScopeA = await resolveDataScope(db.dataSource, adminA, today);
    // The joint branch comes with enterprise x1: the case where a joint branch must not be a way in.
    expect(staffScope).toEqual({
      all: false,
      organizationPaths: [branchX.path, tenantY.path, jointBranch.path].sort(),
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("sees exactly their station's buildings, and not another station's or a community's", async () => {
    const listed = await listBuildings(db.dataSource, staffScope);
    expect(names(listed.nodes)).toEqual(['紫荆写字楼', '陇新商务大厦'].sort());
    expect(listed.totalCount).toBe(2);
    expect((await getBuilding(db.dataSource, staffScope, buildings.y.id)).name).toBe('紫荆写字楼');
    for (const other of [buildings.z, buildings.v]) {
      const error = await failure(getBuilding(db.dataSource, staffScope, other.id));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/楼宇.*不存在或无权访问/);
    }
    expect(names((await listBuildingStations(db.dataSource, staffScope)).nodes)).toEqual([station1.name]);
    expect((await failure(getBuildingStation(db.dataSource, staffScope, station2.id))).code).toBe(
      'NOT_FOUND',
    );
  });

  it("sees exactly their buildings' enterprises; a shared joint branch lets in no other", async () => {
    const listed = await listUnits(db.dataSource, staffScope);
    expect(names(listed.nodes)).toEqual([units.x1.name, units.x2.name, units.y1.name, units.y2.name].sort());
    expect(listed.totalCount).toBe(4);
    expect((await listUnits(db.dataSource, staffScope, { first: 0 })).totalCount).toBe(4);
    expect(
      names((await listUnits(db.dataSource, staffScope, { filter: { buildingId: buildings.x.id } })).nodes),
    ).toEqual([units.x1.name, units.x2.name].sort());
    for (const other of [units.z1, units.v1]) {
      expect((await failure(getUnit(db.dataSource, staffScope, other.id))).code).toBe('NOT_FOUND');
    }
    const surveyed = await loadSurveyUnits(db.dataSource.manager, staffScope, today);
    expect(names(surveyed.map((row) => row.unit))).toEqual(
      [units.x1.name, units.x2.name, units.y1.name, units.y2.name].sort(),
    );
  });

  it("sees their enterprises' requests only, in the board and in the statistics", async () => {
    const listed = await listRequests(db.dataSource, staffScope, { filter: { source: 'ENTERPRISE' } });
    expect(listed.nodes.map((row) => row.id).sort()).toEqual([requests.x1.id, requests.y1.id].sort());
    expect((await listRequests(db.dataSource, staffScope)).totalCount).toBe(2);
    for (const other of [requests.z1, requests.v1, requests.resident]) {
      expect((await failure(getRequest(db.dataSource, staffScope, other.id))).code).toBe('NOT_FOUND');
    }
    const stats = await getRequestStats(db.dataSource, staffScope, { today, source: 'ENTERPRISE' });
    expect(stats.total.count).toBe(2);
    expect(stats.rows.map((row) => [row.communityName, row.count])).toEqual(
      expect.arrayContaining([
        ['新郑路社区党委', 1],
        ['紫荆社区党委', 1],
      ]),
    );
  });

  it('registers a request of their enterprise and moves it from received to resolved', async () => {
    const created = await createRequest(
      db.dataSource,
      staffScope,
      staff,
      enterpriseRequest(units.x2, '咨询高新技术企业认定政策'),
    );
    expect(created).toMatchObject({
      status: 'RECEIVED',
      buildingId: buildings.x.id,
      communityOrganizationId: communityA.id,
    });
    expect(
      (
        await listRequests(db.dataSource, staffScope, {
          filter: { buildingId: buildings.x.id, status: ['RECEIVED'] },
        })
      ).nodes.map((row) => row.id),
    ).toContain(created.id);
    const started = await advanceRequest(db.dataSource, staffScope, staff, created.id, {
      status: 'IN_PROGRESS',
      handledBy: '陇海马路街道楼宇党建指导站',
    });
    expect(started.status).toBe('IN_PROGRESS');
    const resolved = await advanceRequest(db.dataSource, staffScope, staff, created.id, {
      status: 'RESOLVED',
      feedback: '已对接区科工信局，指导企业申报',
    });
    expect(resolved).toMatchObject({ status: 'RESOLVED', feedback: '已对接区科工信局，指导企业申报' });
    const audited = await db.dataSource
      .getRepository(AuditLog)
      .countBy({ entityType: 'Request', entityId: created.id, actorUserId: staff.userId });
    expect(audited).toBe(3);

    const edited = await updateRequest(db.dataSource, staffScope, staff, requests.y1.id, {
      content: '办公场地续租咨询',
    });
    expect(edited.content).toBe('办公场地续租咨询');
    // The community admin of that community still sees the request their station colleagues work on.
    expect((await getRequest(db.dataSource, adminScopeA, created.id)).status).toBe('RESOLVED');
  });

  it("answers NOT_FOUND for registering or advancing another station's or a community's request", async () => {
    const before = await db.dataSource.getRepository(RequestRecord).count();
    expect(
      (await failure(createRequest(db.dataSource, staffScope, staff, enterpriseRequest(units.z1, '用工'))))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await failure(createRequest(db.dataSource, staffScope, staff, enterpriseRequest(units.v1, '用工'))))
        .code,
    ).toBe('NOT_FOUND');
    const resident = await failure(
      createRequest(db.dataSource, staffScope, staff, {
        source: 'RESIDENT',
        requesterName: '李阿姨',
        communityOrganizationId: communityA.id,
        content: '路灯不亮',
        category: 'SAFETY',
        scale: 'MINOR',
      }),
    );
    expect(resident.code).toBe('NOT_FOUND');
    const otherBuilding = await failure(
      createRequest(db.dataSource, staffScope, staff, {
        ...enterpriseRequest(units.x2, '用工'),
        buildingId: buildings.z.id,
      }),
    );
    expect(otherBuilding.code).toBe('NOT_FOUND');
    const mismatch = await failure(
      createRequest(db.dataSource, staffScope, staff, {
        ...enterpriseRequest(units.x2, '用工'),
        communityOrganizationId: communityB.id,
      }),
    );
    expect(mismatch.code).toBe('BAD_USER_INPUT');
    expect(mismatch.fields).toEqual([
      expect.objectContaining({ field: 'communityOrganizationId', reason: 'COMMUNITY_MISMATCH' }),
    ]);
    expect(await db.dataSource.getRepository(RequestRecord).count()).toBe(before);

    for (const other of [requests.z1, requests.v1, requests.resident]) {
      const error = await failure(
        advanceRequest(db.dataSource, staffScope, staff, other.id, { status: 'IN_PROGRESS' }),
      );
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/诉求.*不存在或无权访问/);
      expect(
        (await db.dataSource.getRepository(RequestRecord).findOneByOrFail({ id: other.id })).status,
      ).toBe('RECEIVED');
    }
    // Nor can a request of theirs be handed to an enterprise outside their station.
    const moved = await failure(
      updateRequest(db.dataSource, staffScope, staff, requests.x1.id, { unitId: units.z1.id }),
    );
    expect(moved.code).toBe('NOT_FOUND');
    expect((await getRequest(db.dataSource, staffScope, requests.x1.id)).unitId).toBe(units.x1.id);
  });

  it('corrects their buildings and enterprises, but cannot move them to a community or change the station', async () => {
    expect(
      (await updateBuilding(db.dataSource, staffScope, staff, buildings.x.id, { floors: 24 })).floors,
    ).toBe(24);
    expect(
      (await updateUnit(db.dataSource, staffScope, staff, units.x2.id, { staffCount: 35 })).staffCount,
    ).toBe(35);
    const moved = await failure(
      updateBuilding(db.dataSource, staffScope, staff, buildings.y.id, {
        communityOrganizationId: communityA.id,
      }),
    );
    expect(moved.code).toBe('NOT_FOUND');
    expect((await getBuilding(db.dataSource, FULL_SCOPE, buildings.y.id)).communityOrganizationId).toBe(
      communityB.id,
    );
    expect(
      (await failure(updateBuilding(db.dataSource, staffScope, staff, buildings.z.id, { floors: 3 }))).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await failure(
          updateBuildingStation(db.dataSource, staffScope, staff, station1.id, { headName: '某人' }),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });

  it('cannot widen their own scope by pointing a building or an enterprise elsewhere', async () => {
    const attempts = [
      () =>
        updateBuilding(db.dataSource, staffScope, staff, buildings.x.id, {
          branchOrganizationId: communityA.id,
        }),
      () => updateBuilding(db.dataSource, staffScope, staff, buildings.y.id, { stationId: station2.id }),
      () => updateUnit(db.dataSource, staffScope, staff, units.x2.id, { organizationId: communityB.id }),
      () => updateUnit(db.dataSource, staffScope, staff, units.y1.id, { buildingId: buildings.z.id }),
    ];
    for (const attempt of attempts) expect((await failure(attempt())).code).toBe('NOT_FOUND');
    expect(await getUnit(db.dataSource, FULL_SCOPE, units.x2.id)).toMatchObject({ organizationId: null });
    expect(await getBuilding(db.dataSource, FULL_SCOPE, buildings.x.id)).toMatchObject({
      branchOrganizationId: buildings.x.branchOrganizationId,
    });
    const again = await resolveDataScope(
      db.dataSource,
      { id: staff.userId, role: 'STATION_STAFF', organizationId: null },
      today,
    );
    expect(again).toEqual(staffScope);
  });

  it('removes a request they registered, but not a building, an enterprise or the station', async () => {
    const mistaken = await createRequest(
      db.dataSource,
      staffScope,
      staff,
      enterpriseRequest(units.y2, '重复登记的用工诉求'),
    );
    expect((await deleteRequest(db.dataSource, staffScope, staff, mistaken.id)).id).toBe(mistaken.id);
    expect((await failure(getRequest(db.dataSource, staffScope, mistaken.id))).code).toBe('NOT_FOUND');
    const refused = [
      () => deleteBuilding(db.dataSource, staffScope, staff, buildings.x.id),
      () => deleteUnit(db.dataSource, staffScope, staff, units.x2.id),
      () => deleteBuildingStation(db.dataSource, staffScope, staff, station1.id),
      () => deleteRequest(db.dataSource, staffScope, staff, requests.z1.id),
    ];
    for (const attempt of refused) expect((await failure(attempt())).code).toBe('NOT_FOUND');
    expect((await getBuilding(db.dataSource, staffScope, buildings.x.id)).name).toBe(buildings.x.name);
    expect((await getUnit(db.dataSource, staffScope, units.x2.id)).name).toBe(units.x2.name);
    expect((await getBuildingStation(db.dataSource, staffScope, station1.id)).name).toBe(station1.name);
    expect((await getRequest(db.dataSource, FULL_SCOPE, requests.z1.id)).id).toBe(requests.z1.id);
    const deletes = await db.dataSource
      .getRepository(AuditLog)
      .countBy({ action: 'DELETE', actorUserId: staff.userId });
    expect(deletes).toBe(1);
  });

  it("keeps a community admin to their community's buildings, enterprises and requests", async () => {
    expect(names((await listBuildings(db.dataSource, adminScopeA)).nodes)).toEqual(
      ['新郑路商住楼', '金叶科技广场', '陇新商务大厦'].sort(),
    );
    expect((await failure(getBuilding(db.dataSource, adminScopeA, buildings.y.id))).code).toBe('NOT_FOUND');
    expect(names((await listUnits(db.dataSource, adminScopeA)).nodes)).toEqual(
      [units.x1.name, units.x2.name, units.z1.name, units.v1.name].sort(),
    );
    expect((await failure(getUnit(db.dataSource, adminScopeA, units.y1.id))).code).toBe('NOT_FOUND');
    const listed = await listRequests(db.dataSource, adminScopeA);
    expect(listed.nodes.map((row) => row.id)).toEqual(
      expect.arrayContaining([requests.x1.id, requests.z1.id, requests.v1.id, requests.resident.id]),
    );
    expect(listed.nodes.map((row) => row.id)).not.toContain(requests.y1.id);
    expect((await listBuildings(db.dataSource, FULL_SCOPE)).totalCount).toBe(4);
  });
});

import { addDays, todayIn } from '@dangjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../../test/support/expect.js';
import { seedFixture, type Fixture } from '../../test/support/fixture.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from '../../test/support/harness.js';

/**
 * The other work records, one create → list → update flow per feature group, with the state
 * changes, reports and data scope each one has.
 */
describe('buildings, requests, centres, activities, wishes, the alliance, livelihood, elections and settings', () => {
  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  let apiKey: string;
  const today = todayIn('Asia/Shanghai');

  beforeAll(async () => {
    gw = await startGateway('work-records');
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    apiKey = expectOk(await gw.gql<{ createApiKey: { key: string } }>('mutation { createApiKey(name: "统计系统") { key } }', {}, { token: admin })).createApiKey.key;
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('registers buildings and stations, and handles an enterprise request step by step', async () => {
    const station = expectOk(
      await gw.gql<{ createBuildingStation: { id: string; staffUserIds: string[] } }>(
        'mutation ($org: ID!) { createBuildingStation(input: { name: "金水指导站", organizationId: $org, headName: "周站长" }) { id staffUserIds } }',
        { org: fx.root.id },
        { token: admin },
      ),
    ).createBuildingStation;
    expect(station.staffUserIds).toEqual([]);
    const building = expectOk(
      await gw.gql<{ createBuilding: { id: string; station: { name: string }; communityOrganization: { name: string } } }>(
        'mutation ($org: ID!, $station: ID) { createBuilding(input: { name: "金水大厦", communityOrganizationId: $org, stationId: $station, floors: 28 }) { id station { name } communityOrganization { name } } }',
        { org: fx.communityA.id, station: station.id },
        { token: admin },
      ),
    ).createBuilding;
    expect(building).toMatchObject({ station: { name: '金水指导站' }, communityOrganization: { name: '新郑路社区党委' } });
    const buildings = expectOk(
      await gw.gql<{ buildings: { totalCount: number; nodes: Array<{ name: string }> } }>('{ buildings(filter: { search: "金水" }) { totalCount nodes { name } } }', {}, { token: fx.users.adminA }),
    ).buildings;
    expect(buildings).toEqual({ totalCount: 1, nodes: [{ name: '金水大厦' }] });
    expect(
      expectOk(
        await gw.gql<{ updateBuilding: { floors: number } }>('mutation ($id: ID!) { updateBuilding(id: $id, input: { floors: 30 }) { floors } }', { id: building.id }, { token: fx.users.adminA }),
      ).updateBuilding.floors,
    ).toBe(30);

    const [tenant] = (await gw.db.dataSource.query("SELECT id FROM unit WHERE name = '金融企业1'")) as Array<{ id: string | number }>;
    const create = (input: Record<string, unknown>) =>
      gw.gql<{ createRequest: { id: string; contact: string; status: string; dueOn: string; allowedStatuses: string[]; unit: { name: string }; building: { name: string } } }>(
        'mutation ($input: CreateRequestInput!) { createRequest(input: $input) { id contact status dueOn allowedStatuses unit { name } building { name } } }',
        { input },
        { token: fx.users.adminA },
      );
    const base = { source: 'ENTERPRISE', requesterName: '吴经理', communityOrganizationId: fx.communityA.id, content: '招聘用工难', category: 'EMPLOYMENT', scale: 'MINOR' };
    const missing = expectError(await create(base), 'BAD_USER_INPUT');
    expect(missing.extensions?.fields).toEqual([{ field: 'unitId', reason: 'REQUIRED', message: '企业诉求请选择提出诉求的企业' }]);
    const request = expectOk(await create({ ...base, unitId: String(tenant?.id), contact: '13700002222' })).createRequest;
    expect(request).toMatchObject({
      contact: '137****2222',
      status: 'RECEIVED',
      dueOn: addDays(today, 7),
      allowedStatuses: ['IN_PROGRESS', 'RESOLVED'],
      unit: { name: '金融企业1' },
      building: { name: '金融大厦' },
    });
    const advance = (input: Record<string, unknown>) =>
      gw.gql<{ advanceRequest: { status: string; feedback: string | null; resolvedAt: string | null } }>(
        'mutation ($id: ID!, $input: AdvanceRequestInput!) { advanceRequest(id: $id, input: $input) { status feedback resolvedAt } }',
        { id: request.id, input },
        { token: fx.users.adminA },
      );
    expect(expectOk(await advance({ status: 'IN_PROGRESS', handledBy: '党员志愿者服务队' })).advanceRequest.status).toBe('IN_PROGRESS');
    expectError(await advance({ status: 'RESOLVED' }), 'BAD_USER_INPUT', 'REQUEST_FEEDBACK_REQUIRED');
    const resolved = expectOk(await advance({ status: 'RESOLVED', feedback: '已对接人社部门招聘会' })).advanceRequest;
    expect(resolved).toMatchObject({ status: 'RESOLVED', feedback: '已对接人社部门招聘会' });
    expect(resolved.resolvedAt).toBeTruthy();
    expectError(await advance({ status: 'IN_PROGRESS' }), 'CONFLICT', 'REQUEST_INVALID_TRANSITION');

    const stats = expectOk(
      await gw.gql<{ requestStats: { total: { count: number; answeredCount: number; byStatus: Array<{ status: string; count: number }> } } }>(
        '{ requestStats { total { count answeredCount byStatus { status count } } } }',
        {},
        { token: admin },
      ),
    ).requestStats;
    expect(stats.total).toMatchObject({ count: 1, answeredCount: 1 });
    expect(stats.total.byStatus).toContainEqual({ status: 'RESOLVED', count: 1 });
    // The requester's name is masked for another team's service, the phone for everyone.
    const byKey = expectOk(await gw.gql<{ requests: { nodes: Array<{ requesterName: string; contact: string }> } }>('{ requests { nodes { requesterName contact } } }', {}, { apiKey }));
    expect(byKey.requests.nodes).toEqual([{ requesterName: '吴*', contact: '137****2222' }]);
    expectError(await gw.gql('query ($id: ID!) { request(id: $id) { id } }', { id: request.id }, { token: fx.users.adminB }), 'NOT_FOUND');
  });

  it('keeps service centres against the area standard and records their services with the person masked', async () => {
    const center = expectOk(
      await gw.gql<{ createServiceCenter: { id: string; standardMet: boolean; sharingRoute: string | null } }>(
        `mutation ($org: ID!) { createServiceCenter(input: {
          organizationId: $org, name: "新郑路社区党群服务中心", level: COMMUNITY, areaM2: 280.5, stage: OPEN,
          householdsServed: 1200, sharingRoute: SHARED_PROPERTY, facilities: ["党员加油站"], openedOn: "2020-05-01" }) { id standardMet sharingRoute } }`,
        { org: fx.communityA.id },
        { token: fx.users.adminA },
      ),
    ).createServiceCenter;
    expect(center).toMatchObject({ standardMet: false, sharingRoute: 'SHARED_PROPERTY' });
    const grown = expectOk(
      await gw.gql<{ updateServiceCenter: { areaM2: number; standardMet: boolean; sharingRoute: string | null } }>(
        'mutation ($id: ID!) { updateServiceCenter(id: $id, input: { areaM2: 420 }) { areaM2 standardMet sharingRoute } }',
        { id: center.id },
        { token: fx.users.adminA },
      ),
    ).updateServiceCenter;
    expect(grown).toEqual({ areaM2: 420, standardMet: true, sharingRoute: null });
    const standards = expectOk(
      await gw.gql<{ serviceCenterStandards: Array<{ requiredAreaM2: number; shortfallM2: number; center: { name: string } }> }>(
        '{ serviceCenterStandards { requiredAreaM2 shortfallM2 center { name } } }',
        {},
        { token: fx.users.adminA },
      ),
    ).serviceCenterStandards;
    expect(standards).toEqual([{ requiredAreaM2: 360, shortfallM2: 0, center: { name: '新郑路社区党群服务中心' } }]);

    const record = expectOk(
      await gw.gql<{ createServiceRecord: { id: string; servedPerson: string; center: { name: string } } }>(
        'mutation ($c: ID!, $on: Date!) { createServiceRecord(input: { centerId: $c, category: LEGAL_AID, servedOn: $on, servedPerson: "张三丰" }) { id servedPerson center { name } } }',
        { c: center.id, on: today },
        { token: fx.users.adminA },
      ),
    ).createServiceRecord;
    expect(record).toMatchObject({ servedPerson: '张*', center: { name: '新郑路社区党群服务中心' } });
    const moved = expectOk(
      await gw.gql<{ updateServiceRecord: { category: string } }>('mutation ($id: ID!) { updateServiceRecord(id: $id, input: { category: HEALTH_CARE }) { category } }', { id: record.id }, { token: fx.users.adminA }),
    ).updateServiceRecord;
    expect(moved.category).toBe('HEALTH_CARE');
    const totals = expectOk(await gw.gql<{ serviceRecordTotals: Array<{ category: string; count: number }> }>('{ serviceRecordTotals { category count } }', {}, { token: admin }))
      .serviceRecordTotals;
    expect(totals).toContainEqual({ category: 'HEALTH_CARE', count: 1 });
    expect(totals).toHaveLength(8);
    const list = expectOk(await gw.gql<{ serviceRecords: { totalCount: number } }>('{ serviceRecords { totalCount } }', {}, { token: fx.users.adminB })).serviceRecords;
    expect(list.totalCount).toBe(0);
  });

  it('records activities with their participations, and moves a wish from collected to fulfilled', async () => {
    const token = fx.users.adminA;
    const activity = expectOk(
      await gw.gql<{ createActivity: { id: string } }>(
        'mutation ($org: ID!, $on: Date!) { createActivity(input: { kind: SERVICE, organizationId: $org, heldOn: $on, title: "义诊进社区", participations: 45 }) { id } }',
        { org: fx.communityA.id, on: today },
        { token },
      ),
    ).createActivity;
    expectOk(
      await gw.gql('mutation ($id: ID!) { updateActivity(id: $id, input: { participations: 60 }) { id } }', { id: activity.id }, { token }),
    );
    const totals = expectOk(await gw.gql<{ activityTotals: Array<{ kind: string; count: number; participations: number }> }>('{ activityTotals { kind count participations } }', {}, { token }))
      .activityTotals;
    expect(totals).toContainEqual({ kind: 'SERVICE', count: 1, participations: 60 });
    const activities = expectOk(await gw.gql<{ activities: { nodes: Array<{ title: string }> } }>('{ activities(filter: { kind: [SERVICE] }) { nodes { title } } }', {}, { token }))
      .activities;
    expect(activities.nodes).toEqual([{ title: '义诊进社区' }]);

    const wish = expectOk(
      await gw.gql<{ createWish: { id: string; beneficiaryName: string; status: string; nextStatus: string } }>(
        'mutation ($org: ID!, $on: Date!) { createWish(input: { organizationId: $org, round: 1, beneficiaryCategory: YOUTH, beneficiaryName: "王小明", content: "一套课外书", collectedOn: $on }) { id beneficiaryName status nextStatus } }',
        { org: fx.communityA.id, on: addDays(today, -5) },
        { token },
      ),
    ).createWish;
    expect(wish).toMatchObject({ beneficiaryName: '王*', status: 'COLLECTED', nextStatus: 'CLAIMED' });
    const advance = (input: Record<string, unknown>) =>
      gw.gql<{ advanceWish: { status: string; claimantName: string | null; fulfilledOn: string | null } }>(
        'mutation ($id: ID!, $input: AdvanceWishInput!) { advanceWish(id: $id, input: $input) { status claimantName fulfilledOn } }',
        { id: wish.id, input },
        { token },
      );
    expectError(await advance({ status: 'CLAIMED' }), 'BAD_USER_INPUT', 'WISH_CLAIMANT_REQUIRED');
    expectError(await advance({ status: 'FULFILLED' }), 'CONFLICT', 'WISH_INVALID_TRANSITION');
    expect(expectOk(await advance({ status: 'CLAIMED', claimantName: '赵党员' })).advanceWish).toMatchObject({ status: 'CLAIMED', claimantName: '赵党员' });
    expect(expectOk(await advance({ status: 'FULFILLED' })).advanceWish).toEqual({ status: 'FULFILLED', claimantName: '赵党员', fulfilledOn: today });
    const board = expectOk(await gw.gql<{ wishBoard: { rounds: number[]; fulfilledCount: number; counts: Array<{ beneficiaryCategory: string; status: string; count: number }> } }>(
      '{ wishBoard { rounds fulfilledCount counts { beneficiaryCategory status count } } }',
      {},
      { token },
    )).wishBoard;
    expect(board.rounds).toEqual([1]);
    expect(board.fulfilledCount).toBe(1);
    expect(board.counts).toContainEqual({ beneficiaryCategory: 'YOUTH', status: 'FULFILLED', count: 1 });
    const updated = expectOk(
      await gw.gql<{ updateWish: { content: string } }>('mutation ($id: ID!) { updateWish(id: $id, input: { content: "一套课外书和书包" }) { content } }', { id: wish.id }, { token }),
    ).updateWish;
    expect(updated.content).toBe('一套课外书和书包');
  });

  it('builds an alliance with its units and linkage projects, and counts the seven linkages', async () => {
    const alliance = expectOk(
      await gw.gql<{ createAlliance: { id: string } }>(
        'mutation ($org: ID!) { createAlliance(input: { organizationId: $org, name: "陇海马路区域化党建联合体", establishedOn: "2019-07-01" }) { id } }',
        { org: fx.root.id },
        { token: admin },
      ),
    ).createAlliance;
    const member = expectOk(
      await gw.gql<{ createAllianceUnit: { id: string; name: string; alliance: { name: string } } }>(
        'mutation ($a: ID!) { createAllianceUnit(input: { allianceId: $a, name: "市第一人民医院", joinedOn: "2019-07-01" }) { id name alliance { name } } }',
        { a: alliance.id },
        { token: admin },
      ),
    ).createAllianceUnit;
    expect(member.alliance.name).toBe('陇海马路区域化党建联合体');
    const project = expectOk(
      await gw.gql<{ createLinkageProject: { id: string; allianceUnitIds: string[] } }>(
        'mutation ($a: ID!, $u: [ID!], $on: Date!) { createLinkageProject(input: { allianceId: $a, linkageType: PUBLIC_SERVICE, title: "健康义诊", allianceUnitIds: $u, heldOn: $on }) { id allianceUnitIds } }',
        { a: alliance.id, u: [member.id], on: today },
        { token: admin },
      ),
    ).createLinkageProject;
    expect(project.allianceUnitIds).toEqual([member.id]);
    expectError(
      await gw.gql('mutation ($id: ID!) { updateLinkageProject(id: $id, input: { allianceUnitIds: ["999999"] }) { id } }', { id: project.id }, { token: admin }),
      'BAD_USER_INPUT',
      'ALLIANCE_UNIT_NOT_FOUND',
    );
    expectOk(await gw.gql('mutation ($id: ID!) { updateAllianceUnit(id: $id, input: { leftOn: "2025-12-31" }) { id } }', { id: member.id }, { token: admin }));
    const active = expectOk(await gw.gql<{ allianceUnits: { totalCount: number } }>('query ($on: Date) { allianceUnits(filter: { activeOn: $on }) { totalCount } }', { on: today }, { token: admin }))
      .allianceUnits;
    expect(active.totalCount).toBe(today > '2025-12-31' ? 0 : 1);
    const totals = expectOk(await gw.gql<{ linkageTotals: Array<{ linkageType: string; count: number }> }>('{ linkageTotals { linkageType count } }', {}, { token: admin })).linkageTotals;
    expect(totals).toHaveLength(7);
    expect(totals).toContainEqual({ linkageType: 'PUBLIC_SERVICE', count: 1 });
    expect(expectOk(await gw.gql<{ alliances: { totalCount: number } }>('{ alliances { totalCount } }', {}, { token: fx.users.adminA })).alliances.totalCount).toBe(0);
  });

  it('records relief payments in fen and renovation projects with their progress rules', async () => {
    const token = fx.users.adminA;
    const payment = expectOk(
      await gw.gql<{ createReliefPayment: { id: string; amountFen: number } }>(
        'mutation ($org: ID!) { createReliefPayment(input: { kind: SUBSISTENCE, amountFen: 3500000000, paidOn: "2026-01-10", recipientCount: 120, communityOrganizationId: $org }) { id amountFen } }',
        { org: fx.communityA.id },
        { token },
      ),
    ).createReliefPayment;
    expect(payment.amountFen).toBe(3_500_000_000);
    expectError(
      await gw.gql('mutation ($id: ID!) { updateReliefPayment(id: $id, input: { amountFen: 10.5 }) { id } }', { id: payment.id }, { token }),
      'BAD_USER_INPUT',
      'NOT_AN_INTEGER',
    );
    const totals = expectOk(await gw.gql<{ reliefTotals: { totalAmountFen: number; totalRecipientCount: number } }>('{ reliefTotals { totalAmountFen totalRecipientCount } }', {}, { token }))
      .reliefTotals;
    expect(totals).toEqual({ totalAmountFen: 3_500_000_000, totalRecipientCount: 120 });

    const project = expectOk(
      await gw.gql<{ createRenovationProject: { id: string; status: string } }>(
        'mutation ($org: ID!) { createRenovationProject(input: { name: "纬五路 3 号院整治", kind: COMPOUND, communityOrganizationId: $org, status: PLANNED }) { id status } }',
        { org: fx.communityA.id },
        { token },
      ),
    ).createRenovationProject;
    const unfinished = expectError(
      await gw.gql('mutation ($id: ID!) { updateRenovationProject(id: $id, input: { status: COMPLETED }) { id } }', { id: project.id }, { token }),
      'BAD_USER_INPUT',
    );
    expect(unfinished.extensions?.fields).toEqual([{ field: 'finishedOn', reason: 'REQUIRED', message: '已完成的项目请填写完工日期' }]);
    const finished = expectOk(
      await gw.gql<{ updateRenovationProject: { status: string; finishedOn: string } }>(
        'mutation ($id: ID!) { updateRenovationProject(id: $id, input: { status: COMPLETED, startedOn: "2025-09-01", finishedOn: "2025-11-30" }) { status finishedOn } }',
        { id: project.id },
        { token },
      ),
    ).updateRenovationProject;
    expect(finished).toEqual({ status: 'COMPLETED', finishedOn: '2025-11-30' });
    const list = expectOk(await gw.gql<{ renovationProjects: { totalCount: number } }>('{ renovationProjects(filter: { status: [COMPLETED] }) { totalCount } }', {}, { token })).renovationProjects;
    expect(list.totalCount).toBe(1);
  });

  it('lists elections with their seats, corrects and removes them, within the scope', async () => {
    const token = fx.users.adminA;
    const election = expectOk(
      await gw.gql<{ createElection: { id: string; termEndsOn: string } }>(
        'mutation ($org: ID!) { createElection(input: { organizationId: $org, electedOn: "2021-06-01" }) { id termEndsOn } }',
        { org: fx.communityA.id },
        { token },
      ),
    ).createElection;
    const seat = expectOk(
      await gw.gql<{ addCommitteeSeat: { id: string } }>(
        'mutation ($e: ID!, $m: ID!) { addCommitteeSeat(input: { electionId: $e, memberId: $m, role: SECRETARY }) { id } }',
        { e: election.id, m: fx.members.a1.id },
        { token },
      ),
    ).addCommitteeSeat;
    const list = expectOk(
      await gw.gql<{ elections: { totalCount: number; nodes: Array<{ id: string; termEndsOn: string; seats: Array<{ role: string; member: { name: string } }>; organization: { name: string } }> } }>(
        '{ elections { totalCount nodes { id termEndsOn organization { name } seats { role member { name } } } } }',
        {},
        { token },
      ),
    ).elections;
    expect(list).toEqual({
      totalCount: 1,
      nodes: [{ id: election.id, termEndsOn: '2026-06-01', organization: { name: '新郑路社区党委' }, seats: [{ role: 'SECRETARY', member: { name: '张三' } }] }],
    });
    expect(expectOk(await gw.gql<{ elections: { totalCount: number } }>('{ elections { totalCount } }', {}, { token: fx.users.adminB })).elections.totalCount).toBe(0);
    const corrected = expectOk(
      await gw.gql<{ updateElection: { termYears: number; termEndsOn: string } }>(
        'mutation ($id: ID!) { updateElection(id: $id, input: { termYears: 3 }) { termYears termEndsOn } }',
        { id: election.id },
        { token },
      ),
    ).updateElection;
    expect(corrected).toEqual({ termYears: 3, termEndsOn: '2024-06-01' });
    expectError(await gw.gql('mutation ($id: ID!) { removeCommitteeSeat(id: $id) }', { id: seat.id }, { token: fx.users.adminB }), 'NOT_FOUND');
    expect(expectOk(await gw.gql<{ removeCommitteeSeat: string }>('mutation ($id: ID!) { removeCommitteeSeat(id: $id) }', { id: seat.id }, { token })).removeCommitteeSeat).toBe(seat.id);
    expectError(await gw.gql('mutation ($id: ID!) { deleteElection(id: $id) { id } }', { id: election.id }, { token: fx.users.adminB }), 'NOT_FOUND');
    expect(expectOk(await gw.gql<{ deleteElection: { id: string } }>('mutation ($id: ID!) { deleteElection(id: $id) { id } }', { id: election.id }, { token })).deleteElection.id).toBe(
      election.id,
    );
    expect(expectOk(await gw.gql<{ elections: { totalCount: number } }>('{ elections { totalCount } }', {}, { token })).elections.totalCount).toBe(0);
  });

  it('shows the settings to every reader and lets only a district administrator change them', async () => {
    const read = expectOk(await gw.gql<{ settings: Array<{ key: string; value: unknown; overridden: boolean; description: string }> }>('{ settings { key value overridden description } }', {}, { token: fx.users.viewer }))
      .settings;
    expect(read.find((s) => s.key === 'requestDueDays')).toEqual({ key: 'requestDueDays', value: 7, overridden: false, description: '诉求受理后应在多少天内反馈' });
    const changed = expectOk(
      await gw.gql<{ updateSetting: Array<{ key: string; value: unknown; overridden: boolean; updatedBy: string }> }>(
        'mutation { updateSetting(key: "requestDueDays", value: 10) { key value overridden updatedBy } }',
        {},
        { token: admin },
      ),
    ).updateSetting;
    expect(changed.find((s) => s.key === 'requestDueDays')).toEqual({ key: 'requestDueDays', value: 10, overridden: true, updatedBy: 'admin' });
    const frequencies = expectOk(
      await gw.gql<{ updateSetting: Array<{ key: string; value: Record<string, string> }> }>(
        'mutation ($v: SettingValue) { updateSetting(key: "meetingFrequencies", value: $v) { key value } }',
        { v: { BRANCH_ASSEMBLY: 'MONTH' } },
        { token: admin },
      ),
    ).updateSetting;
    expect(frequencies.find((s) => s.key === 'meetingFrequencies')?.value).toMatchObject({ BRANCH_ASSEMBLY: 'MONTH', PARTY_LECTURE: 'QUARTER' });
    const invalid = expectError(await gw.gql('mutation { updateSetting(key: "requestDueDays", value: "十天") { key } }', {}, { token: admin }), 'BAD_USER_INPUT', 'SETTING_INVALID');
    expect(invalid.message).toContain('诉求受理后应在多少天内反馈');
    expectError(await gw.gql('mutation { updateSetting(key: "requestDueDays", value: 3) { key } }', {}, { token: fx.users.adminA }), 'FORBIDDEN');
    const restored = expectOk(
      await gw.gql<{ updateSetting: Array<{ key: string; value: unknown; overridden: boolean }> }>('mutation { updateSetting(key: "requestDueDays", value: null) { key value overridden } }', {}, { token: admin }),
    ).updateSetting;
    expect(restored.find((s) => s.key === 'requestDueDays')).toEqual({ key: 'requestDueDays', value: 7, overridden: false });
  });
});

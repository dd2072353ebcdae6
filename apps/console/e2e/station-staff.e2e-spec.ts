import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

/**
 * A staff member of the demo's 楼宇党建指导站 on the 楼宇党建 pages: exactly the station's
 * buildings, their enterprises and those enterprises' requests. The district admin sets the
 * account up as in 系统管理 (the demo seed writes no accounts: a seeded password would be a
 * credential in the repository) and adds, beside the station, a building no station covers and a
 * request of an enterprise outside the station's buildings, neither of which the staff may see.
 */
describe('station staff: their station’s buildings and enterprise requests', () => {
  const stack = inject('stack');
  const password = 'Station-Board-2026!';
  const username = 'e2e-station-board';
  let browser: Browser;
  let admin = '';
  let staff = '';
  let stationName = '';
  let buildingNames: string[] = [];
  let requestTotal = 0;
  let outsideBuildingId = '';
  let outsideRequestId = '';

  async function api<T>(query: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> {
    const response = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  /** The GraphQL error code of a call expected to fail. */
  async function errorCode(query: string, variables: Record<string, unknown>, token: string): Promise<string | undefined> {
    const response = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return body.errors?.[0]?.extensions?.code;
  }

  async function login(name: string, secret: string): Promise<string> {
    const data = await api<{ login: { accessToken: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      { u: name, p: secret },
      '',
    );
    return data.login.accessToken;
  }

  async function settled(page: Page, container: string) {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction((selector) => !document.querySelector(`${selector} .el-loading-mask`), container);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await login(stack.adminUsername, stack.adminPassword);

    const { buildingStations } = await api<{ buildingStations: { nodes: Array<{ id: string; name: string; staffUserIds: string[] }> } }>(
      '{ buildingStations(first: 10) { nodes { id name staffUserIds } } }',
    );
    const station = buildingStations.nodes[0];
    if (!station) throw new Error('the demo has no building station');
    stationName = station.name;
    const { createUser } = await api<{ createUser: { id: string } }>('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
      i: { username, password, role: 'STATION_STAFF', displayName: '楼宇指导站值班员' },
    });
    await api('mutation($id: ID!, $i: UpdateBuildingStationInput!) { updateBuildingStation(id: $id, input: $i) { id } }', {
      id: station.id,
      i: { staffUserIds: [...station.staffUserIds, createUser.id] },
    });

    // What is the station's, as the district admin sees it.
    const { buildings } = await api<{ buildings: { nodes: Array<{ id: string; name: string }> } }>(
      'query($s: ID!) { buildings(filter: { stationId: $s }, first: 100) { nodes { id name } } }',
      { s: station.id },
    );
    buildingNames = buildings.nodes.map((building) => building.name).sort();
    for (const building of buildings.nodes) {
      const { requests } = await api<{ requests: { totalCount: number } }>(
        'query($b: ID!) { requests(filter: { source: ENTERPRISE, buildingId: $b }, first: 0) { totalCount } }',
        { b: building.id },
      );
      requestTotal += requests.totalCount;
    }

    // Beside it: a building no station covers, and a request of an enterprise in no building.
    const { organizations } = await api<{ organizations: { nodes: Array<{ id: string }> } }>(
      '{ organizations(filter: { category: [COMMUNITY], search: "紫荆社区" }, first: 1) { nodes { id } } }',
    );
    const { createBuilding } = await api<{ createBuilding: { id: string } }>(
      'mutation($i: CreateBuildingInput!) { createBuilding(input: $i) { id } }',
      { i: { name: '紫荆山路科创楼', communityOrganizationId: organizations.nodes[0].id, floors: 12 } },
    );
    outsideBuildingId = createBuilding.id;
    const { units } = await api<{ units: { nodes: Array<{ id: string; communityOrganizationId: string }> } }>(
      '{ units(filter: { search: "郑州华陇机电设备有限公司" }, first: 1) { nodes { id communityOrganizationId } } }',
    );
    const outsideUnit = units.nodes[0];
    if (!outsideUnit) throw new Error('the demo has no 郑州华陇机电设备有限公司');
    const { createRequest } = await api<{ createRequest: { id: string } }>(
      'mutation($i: CreateRequestInput!) { createRequest(input: $i) { id } }',
      {
        i: {
          source: 'ENTERPRISE',
          requesterName: '孙经理',
          unitId: outsideUnit.id,
          communityOrganizationId: outsideUnit.communityOrganizationId,
          content: '厂房周边道路破损，货车进出困难',
          category: 'OTHER',
          scale: 'MINOR',
        },
      },
    );
    outsideRequestId = createRequest.id;
    staff = await login(username, password);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('answers the API with exactly the station’s rows, and NOT_FOUND beside them', async () => {
    expect(buildingNames.length).toBeGreaterThan(0);
    expect(requestTotal).toBeGreaterThan(0);
    const seen = await api<{
      buildings: { totalCount: number; nodes: Array<{ name: string }> };
      buildingStations: { nodes: Array<{ name: string }> };
      requests: { totalCount: number; nodes: Array<{ id: string }> };
    }>(
      '{ buildings(first: 100) { totalCount nodes { name } } buildingStations { nodes { name } } requests(filter: { source: ENTERPRISE }, first: 100) { totalCount nodes { id } } }',
      {},
      staff,
    );
    expect(seen.buildings.nodes.map((building) => building.name).sort()).toEqual(buildingNames);
    expect(seen.buildings.totalCount).toBe(buildingNames.length);
    expect(seen.buildingStations.nodes).toEqual([{ name: stationName }]);
    expect(seen.requests.totalCount).toBe(requestTotal);
    expect(seen.requests.nodes.map((request) => request.id)).not.toContain(outsideRequestId);
    expect(await errorCode('query($id: ID!) { building(id: $id) { id } }', { id: outsideBuildingId }, staff)).toBe('NOT_FOUND');
    expect(
      await errorCode(
        'mutation($id: ID!) { advanceRequest(id: $id, input: { status: IN_PROGRESS }) { id } }',
        { id: outsideRequestId },
        staff,
      ),
    ).toBe('NOT_FOUND');
  });

  it('sees the station’s buildings and their enterprises on 楼宇党建', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, username, password);
    await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');

    await page.goto(`${stack.baseUrl}/buildings/list`);
    await page.getByTestId('building-link').first().waitFor({ timeout: 15_000 });
    await settled(page, '[data-testid="buildings-table"]');
    expect((await page.getByTestId('building-link').allInnerTexts()).map((name) => name.trim()).sort()).toEqual(buildingNames);
    expect(await page.getByTestId('stations').innerText()).toContain(stationName);
    await screenshot(page, 'station-staff-buildings');

    const { units } = await api<{ units: { nodes: Array<{ name: string }> } }>(
      'query($b: ID!) { units(filter: { buildingId: $b }, first: 100) { nodes { name } } }',
      { b: await buildingIdOf(buildingNames[0]) },
      staff,
    );
    expect(units.nodes.length).toBeGreaterThan(0);
    await page.getByTestId('building-link').filter({ hasText: buildingNames[0] }).click();
    await expect.poll(() => page.getByTestId('building-name').innerText(), { timeout: 15_000 }).toBe(buildingNames[0]);
    await expect.poll(() => page.getByTestId('enterprise-row').count(), { timeout: 15_000 }).toBe(units.nodes.length);
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
  });

  it('sees their enterprises’ requests on the board, and the request beside them not', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, username, password);
    await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');

    await page.goto(`${stack.baseUrl}/buildings/requests`);
    await page.getByTestId('request-card').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('request-stats').waitFor({ timeout: 15_000 });
    await settled(page, '[data-testid="request-board"]');
    let shown = 0;
    for (const status of ['RECEIVED', 'IN_PROGRESS', 'RESOLVED']) shown += Number(await page.getByTestId(`request-count-${status}`).innerText());
    expect(shown).toBe(requestTotal);
    expect(await page.locator(`[data-testid="request-card"][data-request-id="${outsideRequestId}"]`).count()).toBe(0);
    const cardBuildings = await page.getByTestId('request-card').evaluateAll((cards) => cards.map((card) => card.textContent ?? ''));
    for (const text of cardBuildings) expect(buildingNames.some((name) => text.includes(name))).toBe(true);
    await screenshot(page, 'station-staff-requests');
    expect(problems).toEqual([]);
  });

  async function buildingIdOf(name: string): Promise<string> {
    const { buildings } = await api<{ buildings: { nodes: Array<{ id: string }> } }>(
      'query($q: String) { buildings(filter: { search: $q }, first: 1) { nodes { id } } }',
      { q: name },
      staff,
    );
    return buildings.nodes[0].id;
  }
});

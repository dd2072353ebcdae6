import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../crypto/pii-cipher.js';
import { DEMO_ELECTION_DATE, DEMO_TODAY, demoSubdistrict } from '../demo/index.js';
import { Organization } from '../entities/organization.entity.js';
import { WORK_ENTITIES } from '../entities/daily-work/index.js';
import { FULL_SCOPE } from '../services/access/index.js';
import { getCadreStatistics, getSubdistrictOverview } from '../services/overview/index.js';
import {
  getCoverageReport,
  getGuidanceBoard,
  getMeetingCompliance,
  getReliefTotals,
  getRequestStats,
  getWishBoard,
  getActivityTotals,
} from '../services/daily-work/index.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { insertUpstreamDemoForTests, seedDemo, SeedError } from './index.js';

const round1 = (n: number) => Math.round(n * 10) / 10;

describe('the demo seed and the overview', () => {
  let db: TestDatabase;
  const cipher = new PiiCipher(randomBytes(32).toString('hex'));
  let communityIds: string[];

  async function tableCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const entity of WORK_ENTITIES) {
      const metadata = db.dataSource.getMetadata(entity);
      const [row] = (await db.dataSource.query(
        `SELECT COUNT(*) AS n FROM \`${metadata.tableName}\``,
      )) as Array<{ n: string }>;
      counts[metadata.tableName] = Number(row.n);
    }
    return counts;
  }

  beforeAll(async () => {
    db = await createTestDatabase('seed');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('refuses to seed before the sync has brought the organisations, saying what to do', async () => {
    await expect(seedDemo(db.dataSource, { today: DEMO_TODAY, cipher })).rejects.toThrow(SeedError);
    await expect(seedDemo(db.dataSource, { today: DEMO_TODAY, cipher })).rejects.toThrow(/pnpm sync/);
    expect(Object.values(await tableCounts()).every((n) => n === 0)).toBe(true);
  });

  it('writes the demo once: a second run changes nothing', async () => {
    await insertUpstreamDemoForTests(db.dataSource, cipher);
    const first = await seedDemo(db.dataSource, { today: DEMO_TODAY, cipher });
    expect(first.created).toBeGreaterThan(1000);
    const afterFirst = await tableCounts();
    const second = await seedDemo(db.dataSource, { today: DEMO_TODAY, cipher });
    expect(second.created).toBe(0);
    expect(await tableCounts()).toEqual(afterFirst);
    // A later day must not add a second copy of the dated records either.
    const later = await seedDemo(db.dataSource, { today: '2027-01-15', cipher });
    expect(later.created).toBe(0);
    expect(await tableCounts()).toEqual(afterFirst);
    expect(afterFirst.community).toBe(9);
    expect(afterFirst.election).toBe(9);
    expect(afterFirst.committee_seat).toBe(27);
    expect(afterFirst.staff).toBe(18);
    expect(afterFirst.building).toBe(2);
    expect(afterFirst.building_station).toBe(1);
    expect(afterFirst.renovation_project).toBe(12);
    const organizations = await db.dataSource.getRepository(Organization).find();
    const byUpstream = new Map(organizations.map((o) => [o.upstreamId, o.id]));
    communityIds = demoSubdistrict().communities.map((c) => byUpstream.get(c.organizationId)!);
  });

  it('reports the 9 communities as the article does', async () => {
    const overview = await getSubdistrictOverview(db.dataSource, FULL_SCOPE);
    expect(overview.communityCount).toBe(9);
    expect(overview.committee.asOf).toBe(DEMO_ELECTION_DATE);
    expect(overview.committee.seatCount).toBe(27);
    expect(round1(overview.committee.averageAge)).toBe(34.4);
    expect(overview.committee.aged35OrUnderCount).toBe(17);
    expect(overview.committee.collegeOrAboveCount).toBe(26);
    expect(round1(overview.committee.collegeOrAboveRatio * 100)).toBe(96.3);
    expect(overview.fullTimeStaffCount).toBe(18);
    expect(overview.nonPublicBranchCount).toBe(8);
    expect(overview.instructorCount).toBe(4);
    expect(overview.serviceActivityCount).toBeGreaterThanOrEqual(90);
    expect(overview.themeEducationActivityCount).toBeGreaterThanOrEqual(100);
    expect(overview.wishFulfilledCount).toBeGreaterThanOrEqual(60);
    expect(overview.memberCount).toBe(overview.fullMemberCount + overview.probationaryMemberCount);
    expect(overview.memberCount).toBeGreaterThan(2000);
    expect(overview.organizationCoverageRate).toBeGreaterThan(0.5);
    expect(overview.organizationCoverageRate).toBeLessThan(1);
    expect(overview.workCoverageRate).toBeGreaterThanOrEqual(overview.organizationCoverageRate);

    const cadres = await getCadreStatistics(db.dataSource, FULL_SCOPE, communityIds);
    expect(cadres).toEqual(overview.committee);
  });

  it('keeps a community administrator to their own community', async () => {
    const organizations = await db.dataSource.getRepository(Organization).find();
    const community = organizations.find((o) => o.id === communityIds[0])!;
    const scope = { all: false as const, organizationPaths: [community.path] };
    const overview = await getSubdistrictOverview(db.dataSource, scope);
    expect(overview.communityCount).toBe(1);
    expect(overview.committee.seatCount).toBe(3);
    expect(overview.fullTimeStaffCount).toBe(2);
    expect(overview.nonPublicBranchCount).toBe(0);
    await expect(getCadreStatistics(db.dataSource, scope, [communityIds[1]])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('gives the console its boards from the seeded work', async () => {
    const activity = await getActivityTotals(db.dataSource, FULL_SCOPE);
    const cleaning = activity.find((a) => a.kind === 'CITY_CLEANING')!;
    expect(cleaning.count).toBe(36);
    expect(cleaning.participations).toBeGreaterThanOrEqual(3500);
    const relief = await getReliefTotals(db.dataSource, FULL_SCOPE);
    expect(relief.totalAmountFen).toBeGreaterThan(190_000_000);
    const wishes = await getWishBoard(db.dataSource, FULL_SCOPE);
    expect(wishes.rounds).toEqual([1, 2]);
    expect(wishes.counts.YOUTH.FULFILLED).toBeGreaterThanOrEqual(50);
    expect(wishes.counts.ELDERLY.FULFILLED).toBeGreaterThanOrEqual(10);
    const coverage = await getCoverageReport(db.dataSource, FULL_SCOPE, { today: DEMO_TODAY });
    expect(coverage.unitsNeedingOwnOrganization.map((u) => u.name).sort()).toEqual([
      '河南润和物业服务有限公司',
      '郑州华陇机电设备有限公司',
    ]);
    const board = await getGuidanceBoard(db.dataSource, FULL_SCOPE, { today: DEMO_TODAY });
    const nonPublic = board.rows.filter((r) => r.instructorNames.length);
    expect(nonPublic).toHaveLength(8);
    for (const row of nonPublic) expect(Object.values(row.items).every((cell) => cell !== null)).toBe(true);
    expect(board.overdueFollowUps.length).toBeGreaterThan(0);
    const requests = await getRequestStats(db.dataSource, FULL_SCOPE, { today: DEMO_TODAY });
    expect(requests.rows).toHaveLength(9);
    expect(requests.total.byStatus).toMatchObject({
      RECEIVED: expect.any(Number),
      IN_PROGRESS: expect.any(Number),
      RESOLVED: expect.any(Number),
    });
    expect(Object.values(requests.total.byStatus).every((n) => n > 0)).toBe(true);
    expect(requests.total.overdueCount).toBeGreaterThan(0);
    const compliance = await getMeetingCompliance(db.dataSource, FULL_SCOPE, { today: DEMO_TODAY });
    const entries = compliance.branches.flatMap((b) => b.entries);
    const met = entries.filter((e) => e.status === 'MET').length;
    const missed = entries.filter((e) => e.status === 'MISSED').length;
    expect(met / entries.length).toBeGreaterThan(0.85);
    expect(missed).toBeGreaterThan(0);
  });
});

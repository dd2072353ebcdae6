import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../crypto/pii-cipher.js';
import { DEMO_TODAY } from '../../demo/index.js';
import { Community } from '../../entities/daily-work/community.entity.js';
import { DomainError } from '../../errors/domain-error.js';
import { insertUpstreamDemoForTests, seedDemo } from '../../seed/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/index.js';
import { FULL_SCOPE, type DataScope } from '../access/index.js';
import { getCadreStatistics } from '../overview/index.js';
import { listActivities, listChecklistItems, listMeetings, listWishes } from '../daily-work/index.js';
import { generateBriefing } from './briefing.service.js';
import type { Briefing, BriefingFigure } from './writer.js';

const FROM = `${DEMO_TODAY.slice(0, 4)}-01-01`;

function allText(briefing: Briefing): string {
  return briefing.sections.flatMap((s) => s.paragraphs.map((p) => `${p.title ?? ''}${p.text}`)).join('\n');
}

function figures(briefing: Briefing): BriefingFigure[] {
  return briefing.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.figures));
}

function figureNamed(briefing: Briefing, label: string): BriefingFigure {
  const found = figures(briefing).find((f) => f.label === label);
  if (!found) throw new Error(`no figure labelled ${label}`);
  return found;
}

describe('工作简报 on the demo subdistrict', () => {
  let db: TestDatabase;
  let briefing: Briefing;
  const cipher = new PiiCipher(randomBytes(32).toString('hex'));

  beforeAll(async () => {
    db = await createTestDatabase('briefing');
    await insertUpstreamDemoForTests(db.dataSource, cipher);
    await seedDemo(db.dataSource, { today: DEMO_TODAY, cipher });
    briefing = await generateBriefing(db.dataSource, FULL_SCOPE, {
      from: FROM,
      to: DEMO_TODAY,
      today: DEMO_TODAY,
    });
  }, 240_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('reports the committees in the article’s words: 27 seats, average age 34.4, 96.3%', () => {
    const text = allText(briefing);
    expect(briefing.title).toBe('陇海马路街道党建工作简报');
    expect(briefing.period.label).toBe(`${Number(FROM.slice(0, 4))}年1月1日—2026年11月26日`);
    expect(text).toMatch(/^今年以来，陇海马路街道全面落实新时代党的建设总要求/);
    expect(text).toContain(
      '9个社区共选出书记、委员27名，平均年龄34.4岁，其中35岁及以下人员17名，大专及以上学历26人，占比96.3%，并为每个社区各配备2名党建专职工作人员',
    );
    expect(briefing.sections.map((s) => s.key)).toEqual([
      'summary',
      'organization',
      'activities',
      'results',
      'communities',
    ]);
  });

  it('writes every figure into its paragraph and points it at records that reproduce it', async () => {
    for (const section of briefing.sections) {
      for (const p of section.paragraphs) {
        let from = 0;
        for (const f of p.figures) {
          const at = p.text.indexOf(f.value, from);
          expect(at, `${f.label} ${f.value} in ${p.text}`).toBeGreaterThanOrEqual(0);
          from = at + f.value.length;
        }
      }
    }
    const seats = figureNamed(briefing, '书记、委员人数');
    expect(seats.source).toMatchObject({ entityType: 'CommitteeSeat', count: 27 });
    const cadre = await getCadreStatistics(
      db.dataSource,
      FULL_SCOPE,
      seats.source.filter.organizationIds as string[],
      seats.source.filter.asOf as string,
    );
    expect(cadre.seatCount).toBe(27);

    const service = figureNamed(briefing, '惠民服务活动次数');
    expect(service.source.entityType).toBe('Activity');
    const listed = await listActivities(db.dataSource, FULL_SCOPE, {
      filter: service.source.filter,
      first: 0,
    });
    expect(listed.totalCount).toBe(service.source.count);
    expect(String(listed.totalCount)).toBe(service.value);

    const closed = figureNamed(briefing, '已整改销号的问题');
    const problems = await listChecklistItems(db.dataSource, FULL_SCOPE, {
      filter: closed.source.filter,
      first: 0,
    });
    expect(String(problems.totalCount)).toBe(closed.value);

    const assemblies = figureNamed(briefing, '支部党员大会次数');
    const meetings = await listMeetings(db.dataSource, FULL_SCOPE, {
      filter: assemblies.source.filter,
      first: 0,
    });
    expect(String(meetings.totalCount)).toBe(assemblies.value);

    const youth = figureNamed(briefing, '圆梦的青少年');
    const wishes = await listWishes(db.dataSource, FULL_SCOPE, { filter: youth.source.filter, first: 0 });
    expect(String(wishes.totalCount)).toBe(youth.value);
    expect(Number(youth.value)).toBeGreaterThanOrEqual(50);
  });

  it('tells each community’s highlights under its own name', () => {
    const highlights = briefing.sections.find((s) => s.key === 'communities')!;
    expect(highlights.paragraphs).toHaveLength(9);
    const xinzhenglu = highlights.paragraphs.find((p) => p.title === '新郑路社区')!;
    expect(xinzhenglu.text).toContain('以“‘520’零距离服务”为党建品牌');
    expect(xinzhenglu.text).toContain('党员加油站');
  });

  it('narrows to one community, and that community’s figures only', async () => {
    const community = await db.dataSource.getRepository(Community).findOneByOrFail({ shortName: '新郑路' });
    const one = await generateBriefing(db.dataSource, FULL_SCOPE, {
      organizationId: community.organizationId,
      from: FROM,
      to: DEMO_TODAY,
      today: DEMO_TODAY,
    });
    expect(one.title).toBe('新郑路社区党建工作简报');
    expect(allText(one)).not.toContain('9个社区');
    expect(figureNamed(one, '书记、委员人数').value).toBe('3');
    for (const f of figures(one))
      expect(f.source.filter.organizationId ?? community.organizationId).toBe(community.organizationId);
  });

  it('refuses what a reader should not get: an organisation outside the scope, a period backwards', async () => {
    const community = await db.dataSource.getRepository(Community).findOneByOrFail({ shortName: '新郑路' });
    const other = await db.dataSource.getRepository(Community).findOneByOrFail({ shortName: '紫薇' });
    const organization = await db.dataSource.query('SELECT path FROM organization WHERE id = ?', [
      community.organizationId,
    ]);
    const scope: DataScope = {
      all: false,
      organizationPaths: [(organization as Array<{ path: string }>)[0].path],
    };
    await expect(
      generateBriefing(db.dataSource, scope, {
        organizationId: other.organizationId,
        from: FROM,
        to: DEMO_TODAY,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const backwards = generateBriefing(db.dataSource, FULL_SCOPE, { from: DEMO_TODAY, to: FROM });
    await expect(backwards).rejects.toBeInstanceOf(DomainError);
    await expect(backwards).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // A community admin's briefing without an organisation is their community's.
    const own = await generateBriefing(db.dataSource, scope, {
      from: FROM,
      to: DEMO_TODAY,
      today: DEMO_TODAY,
    });
    expect(own.subject).toBe('新郑路社区');
  });
});

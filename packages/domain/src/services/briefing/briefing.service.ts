import type { DataSource } from 'typeorm';
import { ORGANIZATION_TYPES } from '../../entities/organization.entity.js';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from '../../entities/daily-work/activity.entity.js';
import { LINKAGE_TYPE_LABELS } from '../../entities/daily-work/alliance.entity.js';
import type { Community } from '../../entities/daily-work/community.entity.js';
import { Election } from '../../entities/daily-work/election.entity.js';
import { CENTER_STAGE_LABELS } from '../../entities/daily-work/service-center.entity.js';
import { Problems } from '../../errors/domain-error.js';
import { isDayDate, MEETING_TYPE_LABELS, todayIn, type MeetingType } from '../../rules/index.js';
import { listOrganizations, type Connection, type DataScope } from '../access/index.js';
import { getCadreStatistics, getSubdistrictOverview } from '../overview/index.js';
import {
  getActivityTotals,
  getChecklistSummary,
  getCoverageReport,
  getLinkageTotals,
  getMeetingCompliance,
  getReliefTotals,
  getRequestStats,
  getServiceRecordTotals,
  getWishBoard,
  listAllianceUnits,
  listCommunities,
  listEvaluations,
  listInstructors,
  listMeetings,
  listRenovationProjects,
  listServiceCenters,
  listStaff,
} from '../daily-work/index.js';
import { organizationInScope } from '../daily-work/common.js';
import {
  asOfPhrase,
  chineseDay,
  defaultAsOf,
  figure,
  formatOneDecimal,
  formatPercentOneDecimal,
  hoursPhrase,
  joinParagraphs,
  listOf,
  paragraph,
  periodLabel,
  periodPhrase,
  quoted,
  sentence,
  subjectName,
  tidy,
  wanYuan,
  type Briefing,
  type BriefingParagraph,
  type BriefingSection,
  type BriefingSource,
} from './writer.js';

export interface BriefingOptions {
  /** Report on this organisation's subtree (it must be in scope); default the whole scope. */
  organizationId?: string | null;
  /** First day of the period, 'YYYY-MM-DD'. */
  from: string;
  /** Last day of the period. */
  to: string;
  /** The day the standing figures are taken on; default the period's end, or today if that is later. */
  asOf?: string | null;
  /** Today in Asia/Shanghai, or a fixed day for tests. */
  today?: string;
}

/** The longest period one briefing covers: beyond it a report says nothing a reader can use. */
const MAX_PERIOD_DAYS = 366 * 5;

/** Meeting types in the order the article names them (三会一课, then the rest). */
const MEETING_ORDER: readonly MeetingType[] = [
  'BRANCH_ASSEMBLY',
  'BRANCH_COMMITTEE_MEETING',
  'PARTY_GROUP_MEETING',
  'PARTY_LECTURE',
  'THEME_PARTY_DAY',
  'ORGANIZATIONAL_LIFE_MEETING',
  'DEMOCRATIC_APPRAISAL',
];

/** How each meeting type is counted in prose: the verb and the measure word. */
const MEETING_PHRASES: Record<MeetingType, { verb: string; unit: string }> = {
  BRANCH_ASSEMBLY: { verb: '召开', unit: '次' },
  BRANCH_COMMITTEE_MEETING: { verb: '召开', unit: '次' },
  PARTY_GROUP_MEETING: { verb: '召开', unit: '次' },
  PARTY_LECTURE: { verb: '讲授', unit: '次' },
  THEME_PARTY_DAY: { verb: '开展', unit: '次' },
  ORGANIZATIONAL_LIFE_MEETING: { verb: '召开', unit: '次' },
  DEMOCRATIC_APPRAISAL: { verb: '开展', unit: '次' },
};

const BRANCH_TYPES = ORGANIZATION_TYPES.filter((type) => type !== 'PARTY_GROUP');

function checkOptions(options: BriefingOptions, today: string): { from: string; to: string; asOf: string } {
  const problems = new Problems();
  for (const field of ['from', 'to'] as const) {
    const value = options[field];
    if (!value)
      problems.add(field, 'REQUIRED', field === 'from' ? '请选择简报的起始日期' : '请选择简报的截止日期');
    else if (!isDayDate(value))
      problems.add(field, 'DATE_INVALID', `日期「${value}」无效，格式应为 YYYY-MM-DD`);
  }
  if (options.asOf && !isDayDate(options.asOf)) {
    problems.add('asOf', 'DATE_INVALID', `统计日期「${options.asOf}」无效，格式应为 YYYY-MM-DD`);
  }
  problems.throwIfAny();
  const { from, to } = options;
  if (from > to) problems.add('to', 'DATE_ORDER', '截止日期不能早于起始日期');
  else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_PERIOD_DAYS) {
    problems.add('from', 'PERIOD_TOO_LONG', '一期简报最长覆盖五年，请缩短期间');
  }
  problems.throwIfAny();
  return { from, to, asOf: options.asOf ?? defaultAsOf(to, today) };
}

/** Every node of a paginated list (the lists cap a page at 100). */
async function allNodes<T>(page: (after: string | null) => Promise<Connection<T>>): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  do {
    const connection: Connection<T> = await page(after);
    nodes.push(...connection.nodes);
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

interface Context {
  dataSource: DataSource;
  /** The caller's scope narrowed to the organisation reported on. */
  scope: DataScope;
  subject: string;
  from: string;
  to: string;
  asOf: string;
  today: string;
  /** "今年以来" */
  period: string;
  /** "目前" or "截至2026年6月30日" */
  standing: string;
  /** The organisation filter every source carries (empty for the whole scope). */
  within: Record<string, unknown>;
}

function source(
  ctx: Context,
  entityType: string,
  filter: Record<string, unknown>,
  count: number,
): BriefingSource {
  return { entityType, filter: { ...ctx.within, ...filter }, count };
}

/**
 * 工作简报: the subdistrict's work over a period, written from the live records in the register of
 * its own reports (organisation building, activities, results, each community's highlights). Every
 * figure in the text carries the list and filter that reproduce it, so a reader can open the
 * records behind it. Read-only; scoped like every read.
 */
export async function generateBriefing(
  dataSource: DataSource,
  scope: DataScope,
  options: BriefingOptions,
): Promise<Briefing> {
  const today = options.today ?? todayIn('Asia/Shanghai');
  const { from, to, asOf } = checkOptions(options, today);
  let narrowed = scope;
  let subjectOrganization: { id: string; name: string } | null = null;
  if (options.organizationId) {
    const organization = await organizationInScope(dataSource.manager, scope, options.organizationId);
    narrowed = { all: false, organizationPaths: [organization.path] };
    subjectOrganization = organization;
  } else {
    const roots = await listOrganizations(dataSource, scope, { rootsOnly: true }, { first: 2 });
    if (roots.nodes.length === 1) subjectOrganization = roots.nodes[0];
  }
  const subject = subjectOrganization ? subjectName(subjectOrganization.name) : '辖区';
  const ctx: Context = {
    dataSource,
    scope: narrowed,
    subject,
    from,
    to,
    asOf,
    today,
    period: periodPhrase(from, to, today),
    standing: asOfPhrase(asOf, today),
    within: options.organizationId ? { organizationId: options.organizationId } : {},
  };
  const communities = await allNodes((after) =>
    listCommunities(dataSource, narrowed, {
      first: 100,
      after,
      sort: { field: 'SORT_ORDER', direction: 'ASC' },
    }),
  );

  const sections: BriefingSection[] = [
    { key: 'summary', heading: '总体情况', paragraphs: [await summaryParagraph(ctx)] },
    {
      key: 'organization',
      heading: '聚焦“支部管理”，实现基层党建工作长效常态',
      paragraphs: compact([
        await checklistParagraph(ctx),
        await meetingsParagraph(ctx),
        await committeeParagraph(ctx, communities),
        await nonPublicParagraph(ctx),
      ]),
    },
    {
      key: 'activities',
      heading: '聚焦“活动载体”，发挥基层党组织战斗堡垒作用',
      paragraphs: compact([
        await centersParagraph(ctx),
        await activitiesParagraph(ctx),
        await wishesParagraph(ctx),
        brandsParagraph(ctx, communities),
      ]),
    },
    {
      key: 'results',
      heading: '实现以党建工作高质量推动经济社会发展高质量',
      paragraphs: compact([
        await allianceParagraph(ctx),
        await enterpriseParagraph(ctx),
        await cityCleaningParagraph(ctx),
        await livelihoodParagraph(ctx),
        await residentRequestsParagraph(ctx),
      ]),
    },
    {
      key: 'communities',
      heading: communities.length === 1 ? '社区党建工作亮点' : '各社区党建工作有亮点',
      paragraphs: await communityParagraphs(ctx, communities),
    },
  ];
  return {
    title: `${subject}党建工作简报`,
    subject,
    organizationId: options.organizationId ?? null,
    period: { from, to, asOf, label: periodLabel(from, to) },
    sections: sections.filter((section) => section.paragraphs.length > 0),
  };
}

function compact(paragraphs: Array<BriefingParagraph | null>): BriefingParagraph[] {
  return paragraphs.filter((p): p is BriefingParagraph => p !== null && p.text.length > 0);
}

async function summaryParagraph(ctx: Context): Promise<BriefingParagraph> {
  const overview = await getSubdistrictOverview(ctx.dataSource, ctx.scope, ctx.asOf);
  const organizations = await listOrganizations(
    ctx.dataSource,
    ctx.scope,
    { type: BRANCH_TYPES },
    { first: 0 },
  );
  const members = { includeDescendants: true };
  return joinParagraphs([
    paragraph`${ctx.period}，${ctx.subject}全面落实新时代党的建设总要求，以党的政治建设为统领，以党建工作项目化、清单式管理为抓手，全力推动党建工作高质量发展。${ctx.standing}，共有`,
    overview.communityCount > 1 &&
      paragraph`社区${figure(overview.communityCount, '社区数', source(ctx, 'Community', {}, overview.communityCount))}个、`,
    paragraph`基层党组织${figure(
      organizations.totalCount,
      '基层党组织数',
      source(ctx, 'Organization', { type: BRANCH_TYPES }, organizations.totalCount),
    )}个、党员${figure(overview.memberCount, '党员人数', source(ctx, 'Member', members, overview.memberCount))}名，其中正式党员${figure(
      overview.fullMemberCount,
      '正式党员人数',
      source(ctx, 'Member', { ...members, status: ['FULL'] }, overview.fullMemberCount),
    )}名、预备党员${figure(
      overview.probationaryMemberCount,
      '预备党员人数',
      source(ctx, 'Member', { ...members, status: ['PROBATIONARY'] }, overview.probationaryMemberCount),
    )}名。`,
  ]);
}

/** 清单式管理: responsibilities claimed, problems rectified and closed, and what is overdue. */
async function checklistParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const summary = await getChecklistSummary(ctx.dataSource, ctx.scope, { today: ctx.asOf });
  const rowOf = (kind: string) => summary.find((row) => row.kind === kind)!;
  const responsibility = rowOf('RESPONSIBILITY');
  const problem = rowOf('PROBLEM');
  const totalOf = (row: typeof problem) => row.byStatus.OPEN + row.byStatus.RECTIFYING + row.byStatus.CLOSED;
  const responsibilityCount = totalOf(responsibility);
  const problemCount = totalOf(problem);
  if (!responsibilityCount && !problemCount) return null;
  const item = (kind: string, label: string, count: number, extra: Record<string, unknown> = {}) =>
    figure(count, label, source(ctx, 'ChecklistItem', { kind: [kind], ...extra }, count));
  // Overdue is judged on today; a period that ended earlier is reported without it.
  const overdue = ctx.asOf >= ctx.today ? problem.overdueCount : 0;
  const published = summary
    .filter((row) => ['STUDY', 'RESOURCE', 'ACTIVITY'].includes(row.kind))
    .reduce((sum, row) => sum + row.publishedCount, 0);
  return tidy(
    joinParagraphs([
      paragraph`实行清单式管理落实党建工作主体责任，要求各级党组织及时认领“责任清单”，严格按照要求开展“三会一课”、组织生活会、4+X党员活动日等组织生活，并针对存在的问题，制定切实可行的措施，逐一整改销号“问题清单”。${ctx.standing}，`,
      responsibilityCount > 0 &&
        paragraph`共认领责任事项${item('RESPONSIBILITY', '责任清单事项', responsibilityCount)}项，已落实销号${item(
          'RESPONSIBILITY',
          '已销号的责任事项',
          responsibility.byStatus.CLOSED,
          { status: ['CLOSED'] },
        )}项；`,
      problemCount > 0 &&
        paragraph`列出“问题清单”${item('PROBLEM', '问题清单事项', problemCount)}个，已整改销号${item(
          'PROBLEM',
          '已整改销号的问题',
          problem.byStatus.CLOSED,
          { status: ['CLOSED'] },
        )}个，正在整改${item('PROBLEM', '整改中的问题', problem.byStatus.RECTIFYING, { status: ['RECTIFYING'] })}个`,
      problemCount > 0 &&
        problem.byStatus.OPEN > 0 &&
        paragraph`，待认领整改${item('PROBLEM', '待认领整改的问题', problem.byStatus.OPEN, { status: ['OPEN'] })}个`,
      problemCount > 0 &&
        overdue > 0 &&
        paragraph`，其中${item('PROBLEM', '逾期未销号的问题', overdue, { overdue: true })}个已超过完成时限，正督促加快整改`,
      paragraph`。`,
      published > 0 &&
        paragraph`各社区在规定动作的基础上，列出并公示“学习清单”“资源清单”“活动清单”${figure(
          published,
          '公示的学习、资源、活动清单事项',
          source(
            ctx,
            'ChecklistItem',
            { kind: ['STUDY', 'RESOURCE', 'ACTIVITY'], published: true },
            published,
          ),
        )}项，实现社区支部服务与辖区党群需求的无缝对接。`,
    ]),
  );
}

/** 三会一课 and the rest of organisational life held in the period, and the branches that kept to the rules. */
async function meetingsParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const counts: Array<{ type: MeetingType; count: number }> = [];
  for (const type of MEETING_ORDER) {
    const page = await listMeetings(ctx.dataSource, ctx.scope, {
      filter: { type: [type], heldFrom: ctx.from, heldTo: ctx.to },
      first: 0,
    });
    if (page.totalCount > 0) counts.push({ type, count: page.totalCount });
  }
  if (!counts.length) return null;
  const compliance = await getMeetingCompliance(ctx.dataSource, ctx.scope, {
    from: ctx.from,
    to: ctx.to,
    today: ctx.asOf,
  });
  const branches = compliance.branches.filter((branch) => branch.entries.length > 0);
  const kept = branches.filter((branch) => branch.missedCount === 0).length;
  const missed = branches.length - kept;
  const calendar = (label: string, count: number, extra: Record<string, unknown>) =>
    figure(count, label, source(ctx, 'MeetingCompliance', { from: ctx.from, to: ctx.to, ...extra }, count));
  // A verb is said once for a run of meetings that share it: "召开支部党员大会3次、支委会12次，讲授党课4次".
  const held = counts.map(({ type, count }, index) => {
    const { verb, unit } = MEETING_PHRASES[type];
    const previous = index > 0 ? MEETING_PHRASES[counts[index - 1].type].verb : null;
    return paragraph`${index === 0 ? '' : previous === verb ? '、' : '，'}${previous === verb ? '' : verb}${MEETING_TYPE_LABELS[type]}${figure(
      count,
      `${MEETING_TYPE_LABELS[type]}次数`,
      source(ctx, 'Meeting', { type: [type], heldFrom: ctx.from, heldTo: ctx.to }, count),
    )}${unit}`;
  });
  return tidy(
    joinParagraphs([
      paragraph`${ctx.period}，各基层党组织严格落实组织生活制度，共`,
      joinParagraphs(held),
      paragraph`。`,
      branches.length > 0 &&
        paragraph`对照组织生活的规定频次，${calendar('按规定频次落实组织生活的支部', kept, { missed: false })}个支部全部按期落实`,
      branches.length > 0 &&
        missed > 0 &&
        paragraph`，${calendar('存在未按期召开情况的支部', missed, { missed: true })}个支部存在未按期召开的情况，已督促限期补课`,
      branches.length > 0 && paragraph`。`,
    ]),
  );
}

/** 换届: the communities' committees at their latest election, in the article's words. */
async function committeeParagraph(ctx: Context, communities: Community[]): Promise<BriefingParagraph | null> {
  const ids = communities.map((community) => community.organizationId);
  if (!ids.length) return null;
  const elected = await ctx.dataSource
    .getRepository(Election)
    .createQueryBuilder('election')
    .select('election.organizationId', 'organizationId')
    .addSelect('MAX(election.electedOn)', 'electedOn')
    .where('election.organizationId IN (:...ids)', { ids })
    .andWhere('election.electedOn <= :asOf', { asOf: ctx.asOf })
    .groupBy('election.organizationId')
    .getRawMany<{ organizationId: string; electedOn: string | Date }>();
  if (!elected.length) return null;
  const electedIds = elected.map((row) => String(row.organizationId));
  const day = elected
    .map((row) =>
      row.electedOn instanceof Date
        ? row.electedOn.toISOString().slice(0, 10)
        : String(row.electedOn).slice(0, 10),
    )
    .sort()
    .at(-1)!;
  // Ages are reported as at the election, as the results were announced.
  const stats = await getCadreStatistics(ctx.dataSource, ctx.scope, electedIds, day);
  if (!stats.seatCount) return null;
  const seats = source(ctx, 'CommitteeSeat', { organizationIds: electedIds, asOf: day }, stats.seatCount);
  const staff = await allNodes((after) =>
    listStaff(ctx.dataSource, ctx.scope, { filter: { activeOn: ctx.asOf }, first: 100, after }),
  );
  const perCommunity = new Map<string, number>();
  for (const person of staff) {
    perCommunity.set(
      person.communityOrganizationId,
      (perCommunity.get(person.communityOrganizationId) ?? 0) + 1,
    );
  }
  const staffCounts = ids.map((id) => perCommunity.get(id) ?? 0);
  const even = staff.length > 0 && staffCounts.every((n) => n === staffCounts[0]);
  const staffSource = source(ctx, 'Staff', { activeOn: ctx.asOf }, staff.length);
  const many = electedIds.length > 1;
  return tidy(
    joinParagraphs([
      paragraph`同时，以社区党组织换届为契机，`,
      many
        ? paragraph`${figure(electedIds.length, '换届的社区数', source(ctx, 'Election', { organizationIds: electedIds, electedTo: day }, electedIds.length))}个社区共选出书记、委员`
        : paragraph`选出书记、委员`,
      paragraph`${figure(stats.seatCount, '书记、委员人数', seats)}名，平均年龄${figure(
        formatOneDecimal(stats.averageAge),
        '平均年龄（岁）',
        seats,
      )}岁，其中35岁及以下人员${figure(stats.aged35OrUnderCount, '35岁及以下人数', seats)}名，大专及以上学历${figure(
        stats.collegeOrAboveCount,
        '大专及以上学历人数',
        seats,
      )}人，占比${figure(formatPercentOneDecimal(stats.collegeOrAboveRatio), '大专及以上学历占比', seats)}`,
      even
        ? paragraph`，并为每个社区各配备${figure(staffCounts[0], '每个社区的党建专职工作人员', staffSource)}名党建专职工作人员`
        : staff.length > 0 &&
          paragraph`，并配备党建专职工作人员${figure(staff.length, '党建专职工作人员', staffSource)}名`,
      paragraph`，推动社区党组织班子年轻化、知识化、专业化。`,
    ]),
  );
}

/** 非公和社会组织党建: the branches, their instructors and the two coverage rates. */
async function nonPublicParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const categories = ['NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANIZATION'];
  const branches = await listOrganizations(
    ctx.dataSource,
    ctx.scope,
    { category: categories as never, type: BRANCH_TYPES },
    { first: 0 },
  );
  const instructors = await listInstructors(ctx.dataSource, ctx.scope, { first: 0 });
  const coverage = await getCoverageReport(ctx.dataSource, ctx.scope, { today: ctx.asOf });
  if (!branches.totalCount && !instructors.totalCount && !coverage.inScopeCount) return null;
  const units = source(ctx, 'Unit', {}, coverage.inScopeCount);
  return tidy(
    joinParagraphs([
      paragraph`另外，根据“一二六”工作法，${ctx.subject}对辖区非公企业和社会组织进行了一次全面排查。${ctx.standing}，隶属${ctx.subject}的非公和社会组织党组织有${figure(
        branches.totalCount,
        '非公和社会组织党组织',
        source(ctx, 'Organization', { category: categories, type: BRANCH_TYPES }, branches.totalCount),
      )}个`,
      instructors.totalCount > 0 &&
        paragraph`，为其配备党建指导员${figure(instructors.totalCount, '党建指导员', source(ctx, 'Instructor', {}, instructors.totalCount))}名，专门指导开展“党员组织关系转接、党员档案管理、各项制度上墙、组织生活落实”等支部工作`,
      coverage.inScopeCount > 0 &&
        paragraph`，排查范围内单位的组织覆盖率达到${figure(
          formatPercentOneDecimal(coverage.organizationCoverageRate),
          '组织覆盖率',
          units,
        )}、工作覆盖率达到${figure(formatPercentOneDecimal(coverage.workCoverageRate), '工作覆盖率', units)}`,
      paragraph`，推动非公企业党建工作规范化水平整体提升。`,
    ]),
  );
}

/** 阵地: the subdistrict centre's stage and the community centres against the area standard. */
async function centersParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const centers = await allNodes((after) =>
    listServiceCenters(ctx.dataSource, ctx.scope, { first: 100, after }),
  );
  if (!centers.length) return null;
  const upper = centers.filter((center) => center.level === 'SUBDISTRICT');
  const community = centers.filter((center) => center.level === 'COMMUNITY');
  const met = community.filter((center) => center.standardMet).length;
  const below = community.length - met;
  const services = await getServiceRecordTotals(ctx.dataSource, ctx.scope, { from: ctx.from, to: ctx.to });
  const serviceCount = services.reduce((sum, row) => sum + row.count, 0);
  const parts: Array<BriefingParagraph | false> = [
    paragraph`为提升组织力，突出政治功能，不断强化活动载体建设，充分发挥基层党组织的战斗堡垒作用。`,
  ];
  for (const center of upper) {
    const area = figure(
      formatArea(center.areaM2),
      `${center.name}建筑面积（平方米）`,
      source(ctx, 'ServiceCenter', { level: 'SUBDISTRICT' }, upper.length),
    );
    const stage =
      center.stage === 'OPEN'
        ? `已于${center.openedOn ? chineseDay(center.openedOn) : '此前'}投入使用`
        : `目前在${CENTER_STAGE_LABELS[center.stage]}阶段${
            center.constructionStartsOn && center.stage !== 'UNDER_CONSTRUCTION'
              ? `，预计${chineseDay(center.constructionStartsOn)}前开工`
              : ''
          }`;
    parts.push(
      paragraph`在街道层面，以“服务党员、凝聚人心”为宗旨，提供党务政策咨询、办理党内有关业务、帮扶困难党员群众等八大类服务活动，建筑面积为${area}平方米的${center.name}${stage}。`,
    );
  }
  if (community.length) {
    parts.push(
      paragraph`在社区层面，对照党建示范社区标准，${figure(
        community.length,
        '社区党群服务中心',
        source(ctx, 'ServiceCenter', { level: 'COMMUNITY' }, community.length),
      )}个社区党群服务中心中，场地面积已达标的${figure(
        met,
        '面积达标的社区党群服务中心',
        source(ctx, 'ServiceCenter', { level: 'COMMUNITY', standardMet: true }, met),
      )}个，以优化布局为主进行提档升级`,
    );
    if (below > 0) {
      parts.push(
        paragraph`；未达标的${figure(
          below,
          '面积未达标的社区党群服务中心',
          source(ctx, 'ServiceCenter', { level: 'COMMUNITY', standardMet: false }, below),
        )}个，积极与辖区物业公司、公共单位、非公企业沟通洽谈，确保区域资源合理利用、党建阵地建设达标`,
      );
    }
    parts.push(paragraph`。`);
  }
  if (serviceCount > 0) {
    parts.push(
      paragraph`${ctx.period}，各级党群服务中心共提供八大类服务${figure(
        serviceCount,
        '党群服务中心服务次数',
        source(ctx, 'ServiceRecord', { servedFrom: ctx.from, servedTo: ctx.to }, serviceCount),
      )}次。`,
    );
  }
  return tidy(joinParagraphs(parts));
}

function formatArea(areaM2: number): string {
  return Number.isInteger(areaM2) ? String(areaM2) : areaM2.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** 惠民服务活动 and the series of theme-education and lecture activities held in the period. */
async function activitiesParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const totals = await getActivityTotals(ctx.dataSource, ctx.scope, { from: ctx.from, to: ctx.to });
  const of = (kind: ActivityKind) => totals.find((row) => row.kind === kind)!;
  const activity = (kind: ActivityKind, label: string, value: number, count = of(kind).count) =>
    figure(
      value,
      label,
      source(ctx, 'Activity', { kind: [kind], heldFrom: ctx.from, heldTo: ctx.to }, count),
    );
  const service = of('SERVICE');
  const theme = of('THEME_EDUCATION');
  const lecture = of('LECTURE_TOUR');
  const volunteer = of('VOLUNTEER');
  if (!service.count && !theme.count && !lecture.count && !volunteer.count) return null;
  return tidy(
    joinParagraphs([
      paragraph`依托各类党群服务阵地，积极摸排居民群众需求，充分发挥广大党员的先锋模范作用，`,
      service.count > 0 &&
        paragraph`开展了健康义诊、扶贫帮困、清洁家园、社区教育、科普教育等${ACTIVITY_KIND_LABELS.SERVICE}${activity(
          'SERVICE',
          '惠民服务活动次数',
          service.count,
        )}次，参与群众${activity('SERVICE', '惠民服务活动参与人次', service.participations)}人次。`,
      (theme.count > 0 || lecture.count > 0) && paragraph`此外，`,
      theme.count > 0 &&
        paragraph`开展“不忘初心、牢记使命”主题教育等活动${activity('THEME_EDUCATION', '主题教育活动场次', theme.count)}场`,
      theme.count > 0 && lecture.count > 0 && paragraph`，`,
      lecture.count > 0 &&
        paragraph`“党的创新理论万场宣讲进基层”、微党课、“百姓宣讲直通车”等宣讲${activity(
          'LECTURE_TOUR',
          '宣讲场次',
          lecture.count,
        )}场`,
      (theme.count > 0 || lecture.count > 0) && paragraph`。`,
      volunteer.count > 0 &&
        paragraph`组织党员志愿活动${activity('VOLUNTEER', '志愿活动次数', volunteer.count)}次，参与${activity(
          'VOLUNTEER',
          '志愿活动参与人次',
          volunteer.participations,
        )}人次。`,
    ]),
  );
}

/** 微心愿: rounds held and the people whose wishes came true, by who they are. */
async function wishesParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const board = await getWishBoard(ctx.dataSource, ctx.scope);
  if (!board.rounds.length) return null;
  const fulfilled = (category: 'YOUTH' | 'ELDERLY' | 'OTHER') => board.counts[category].FULFILLED;
  const claimed = Object.values(board.counts).reduce((sum, row) => sum + row.CLAIMED, 0);
  const wish = (label: string, count: number, filter: Record<string, unknown>) =>
    figure(count, label, source(ctx, 'Wish', filter, count));
  const groups = [
    fulfilled('YOUTH') > 0 &&
      paragraph`${wish('圆梦的青少年', fulfilled('YOUTH'), { status: ['FULFILLED'], beneficiaryCategory: ['YOUTH'] })}名青少年`,
    fulfilled('ELDERLY') > 0 &&
      paragraph`${wish('圆梦的老人', fulfilled('ELDERLY'), { status: ['FULFILLED'], beneficiaryCategory: ['ELDERLY'] })}名老人`,
    fulfilled('OTHER') > 0 &&
      paragraph`${wish('圆梦的其他困难群众', fulfilled('OTHER'), { status: ['FULFILLED'], beneficiaryCategory: ['OTHER'] })}名困难群众`,
  ].filter((part): part is BriefingParagraph => Boolean(part));
  return tidy(
    joinParagraphs([
      paragraph`${ctx.subject}还特别策划组织了“微心愿”系列公益活动，旨在解决困难群体的“燃眉之急”，${ctx.standing}已成功举办${figure(
        board.rounds.length,
        '微心愿期数',
        source(
          ctx,
          'Wish',
          {},
          Object.values(board.counts).reduce(
            (sum, row) => sum + row.COLLECTED + row.CLAIMED + row.FULFILLED,
            0,
          ),
        ),
      )}期`,
      groups.length > 0 && paragraph`，为辖区`,
      groups.length > 0 && joinParagraphs(groups, '和'),
      groups.length > 0 && paragraph`圆梦`,
      claimed > 0 &&
        paragraph`，另有${wish('已认领待圆梦的心愿', claimed, { status: ['CLAIMED'] })}个心愿已被认领、正在落实`,
      paragraph`。`,
    ]),
  );
}

/** 一社区一品牌: the brands the communities built, "温馨养老型（陇一）…". */
function brandsParagraph(ctx: Context, communities: Community[]): BriefingParagraph | null {
  const branded = communities.filter((community) => community.brandType);
  if (branded.length < 2) return null;
  return paragraph`同时，以“逐社区观摩、整街道推进、整区提升”活动为契机，提出了“一社区一党建品牌”的创建目标，指导推动各个社区从自身实际和群众需求出发，注重党建工作谋划，积极整合辖区资源，做精做细做亮党建工作。在多方努力下，相继打造了${listOf(
    branded.map((community) => `${community.brandType}（${community.shortName}）`),
  )}等${figure(branded.length, '打造党建品牌的社区', source(ctx, 'Community', {}, branded.length))}个各具特色的党群服务中心。`;
}

/** 区域化党建联合体: the member units and the projects under the seven linkages in the period. */
async function allianceParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const units = await listAllianceUnits(ctx.dataSource, ctx.scope, {
    filter: { activeOn: ctx.asOf },
    first: 0,
  });
  const totals = await getLinkageTotals(ctx.dataSource, ctx.scope, { from: ctx.from, to: ctx.to });
  const projectCount = totals.reduce((sum, row) => sum + row.count, 0);
  if (!units.totalCount && !projectCount) return null;
  const byType = totals
    .filter((row) => row.count > 0)
    .map(
      (row) =>
        paragraph`${LINKAGE_TYPE_LABELS[row.linkageType]}${figure(
          row.count,
          `${LINKAGE_TYPE_LABELS[row.linkageType]}项目`,
          source(
            ctx,
            'LinkageProject',
            { linkageType: [row.linkageType], heldFrom: ctx.from, heldTo: ctx.to },
            row.count,
          ),
        )}个`,
    );
  return tidy(
    joinParagraphs([
      paragraph`在区域化党建联合体的统筹协调下，`,
      units.totalCount > 0 &&
        paragraph`${figure(units.totalCount, '共建单位', source(ctx, 'AllianceUnit', { activeOn: ctx.asOf }, units.totalCount))}家共建单位`,
      paragraph`围绕社区服务、社区建设和民生热点问题，不断强化党建引领带动作用，充分激发七项工作联动效应`,
      projectCount > 0 &&
        paragraph`，${ctx.period}共开展联建项目${figure(
          projectCount,
          '联建项目',
          source(ctx, 'LinkageProject', { heldFrom: ctx.from, heldTo: ctx.to }, projectCount),
        )}个，其中`,
      projectCount > 0 && joinParagraphs(byType, '、'),
      paragraph`，实现以党建工作高质量推动经济社会发展高质量。`,
    ]),
  );
}

/** 楼宇党建指导站: enterprises' requests it took on and resolved in the period. */
async function enterpriseParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const stats = await getRequestStats(ctx.dataSource, ctx.scope, {
    from: ctx.from,
    to: ctx.to,
    source: 'ENTERPRISE',
    today: ctx.asOf,
  });
  if (!stats.total.count) return null;
  const filter = { source: 'ENTERPRISE', receivedFrom: ctx.from, receivedTo: ctx.to };
  return paragraph`在经济发展方面，依托楼宇党建指导站，通过党组织带动为企业发展解难题、办实事，${ctx.period}受理企业诉求${figure(
    stats.total.count,
    '企业诉求',
    source(ctx, 'Request', filter, stats.total.count),
  )}件，已办结${figure(
    stats.total.byStatus.RESOLVED,
    '已办结的企业诉求',
    source(ctx, 'Request', { ...filter, status: ['RESOLVED'] }, stats.total.byStatus.RESOLVED),
  )}件。`;
}

/** 全城清洁 and the monthly rankings: the city's fine-management evaluations. */
async function cityCleaningParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const totals = await getActivityTotals(ctx.dataSource, ctx.scope, { from: ctx.from, to: ctx.to });
  const cleaning = totals.find((row) => row.kind === 'CITY_CLEANING')!;
  const evaluations = await allNodes((after) =>
    listEvaluations(ctx.dataSource, ctx.scope, {
      filter: { maxRank: 5, monthFrom: ctx.from.slice(0, 7), monthTo: ctx.to.slice(0, 7) },
      first: 100,
      after,
    }),
  );
  if (!cleaning.count && !evaluations.length) return null;
  const names = [...new Set(evaluations.map((evaluation) => evaluation.name))];
  const activities = source(
    ctx,
    'Activity',
    { kind: ['CITY_CLEANING'], heldFrom: ctx.from, heldTo: ctx.to },
    cleaning.count,
  );
  return tidy(
    joinParagraphs([
      paragraph`在市容市貌整治方面，组织党员志愿者参与全城清洁、维护交通秩序等活动，发动党员商户带头“门前三包”、义务保洁等，切实改善了辖区环境，提升了城市精细化管理水平。`,
      cleaning.count > 0 &&
        paragraph`${ctx.period}，共组织全城清洁活动${figure(cleaning.count, '全城清洁活动次数', activities)}次，发动志愿者、沿街商户、物业、居民群众等${figure(
          cleaning.participations,
          '全城清洁参与人次',
          activities,
        )}人次`,
      evaluations.length > 0 &&
        paragraph`${cleaning.count > 0 ? '，' : ''}已${figure(
          evaluations.length,
          '月评比排名前五的次数',
          source(
            ctx,
            'Evaluation',
            { maxRank: 5, monthFrom: ctx.from.slice(0, 7), monthTo: ctx.to.slice(0, 7) },
            evaluations.length,
          ),
        )}次在${names.length === 1 ? names[0] : '月度评比'}中排名前五`,
      paragraph`。`,
    ]),
  );
}

/** 民生: relief paid in the period, and the compounds and roads renovated. */
async function livelihoodParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const relief = await getReliefTotals(ctx.dataSource, ctx.scope, { from: ctx.from, to: ctx.to });
  // Named in the order they were taken on, as the subdistrict lists them.
  const registered = { field: 'CREATED_AT', direction: 'ASC' } as const;
  const compounds = await allNodes((after) =>
    listRenovationProjects(ctx.dataSource, ctx.scope, {
      filter: { kind: 'COMPOUND' },
      first: 100,
      after,
      sort: registered,
    }),
  );
  const roads = await allNodes((after) =>
    listRenovationProjects(ctx.dataSource, ctx.scope, {
      filter: { kind: 'ROAD' },
      first: 100,
      after,
      sort: registered,
    }),
  );
  if (!relief.totalAmountFen && !compounds.length && !roads.length) return null;
  const payments = (kinds: string[] | null, count: number) =>
    source(
      ctx,
      'ReliefPayment',
      { ...(kinds ? { kind: kinds } : {}), paidFrom: ctx.from, paidTo: ctx.to },
      count,
    );
  const kindOf = (kind: string) => relief.byKind.find((row) => row.kind === kind)!;
  const reliefParts = (
    [
      ['SUBSISTENCE', '低保金'],
      ['SUBSIDY', '各类补贴金'],
      ['CONDOLENCE', '慰问金'],
    ] as const
  )
    .filter(([kind]) => kindOf(kind).amountFen > 0)
    .map(
      ([kind, label]) =>
        paragraph`${label}${figure(wanYuan(kindOf(kind).amountFen), `${label}（万元）`, payments([kind], kindOf(kind).paymentCount))}万元`,
    );
  const paymentCount = relief.byKind.reduce((sum, row) => sum + row.paymentCount, 0);
  const completed = [...compounds, ...roads].filter((project) => project.status === 'COMPLETED').length;
  return tidy(
    joinParagraphs([
      paragraph`在改善民生、幸福指数方面，坚持以人民为中心的发展思想，扎实开展各项民生工作`,
      relief.totalAmountFen > 0 && paragraph`，${ctx.period}发放`,
      relief.totalAmountFen > 0 && joinParagraphs(reliefParts, '、'),
      relief.totalAmountFen > 0 &&
        paragraph`，共计${figure(wanYuan(relief.totalAmountFen), '民生资金合计（万元）', payments(null, paymentCount))}万元，惠及${figure(
          relief.totalRecipientCount,
          '民生资金惠及人次',
          payments(null, paymentCount),
        )}人次`,
      paragraph`。`,
      (compounds.length > 0 || roads.length > 0) && paragraph`同时，以“百城建设提质工程”为契机，对`,
      compounds.length > 0 &&
        paragraph`${listOf(compounds.slice(0, 3).map((project) => project.name))}${compounds.length > 3 ? '等' : ''}${figure(
          compounds.length,
          '整治的无主管楼院',
          source(ctx, 'RenovationProject', { kind: 'COMPOUND' }, compounds.length),
        )}个无主管楼院`,
      compounds.length > 0 && roads.length > 0 && paragraph`及`,
      roads.length > 0 &&
        paragraph`${listOf(roads.slice(0, 3).map((project) => project.name))}${figure(
          roads.length,
          '整治的道路',
          source(ctx, 'RenovationProject', { kind: 'ROAD' }, roads.length),
        )}条道路`,
      (compounds.length > 0 || roads.length > 0) &&
        paragraph`进行综合整治，已完成${figure(
          completed,
          '已完成的整治项目',
          source(ctx, 'RenovationProject', { status: ['COMPLETED'] }, completed),
        )}个。`,
    ]),
  );
}

/** 群众诉求: "大事、小事、家务事" received, answered and resolved in the period. */
async function residentRequestsParagraph(ctx: Context): Promise<BriefingParagraph | null> {
  const stats = await getRequestStats(ctx.dataSource, ctx.scope, {
    from: ctx.from,
    to: ctx.to,
    source: 'RESIDENT',
    today: ctx.asOf,
  });
  const total = stats.total;
  if (!total.count) return null;
  const filter = { source: 'RESIDENT', receivedFrom: ctx.from, receivedTo: ctx.to };
  const requests = (label: string, count: number, extra: Record<string, unknown> = {}) =>
    figure(count, label, source(ctx, 'Request', { ...filter, ...extra }, count));
  const overdue = ctx.asOf >= ctx.today ? total.overdueCount : 0;
  return tidy(
    joinParagraphs([
      paragraph`积极关注居民群众的“大事、小事、家务事”，认真倾听群众的“呼声、心声、叹息声”，${ctx.period}共受理群众诉求${requests(
        '受理的群众诉求',
        total.count,
      )}件，已办结${requests('已办结的群众诉求', total.byStatus.RESOLVED, { status: ['RESOLVED'] })}件，已向居民反馈${figure(
        total.answeredCount,
        '已反馈的群众诉求',
        source(ctx, 'RequestStats', filter, total.answeredCount),
      )}件`,
      total.medianHoursToFeedback !== null &&
        paragraph`，一般在${figure(
          hoursPhrase(total.medianHoursToFeedback),
          '反馈用时中位数',
          source(ctx, 'RequestStats', filter, total.answeredCount),
        )}内给予回音`,
      paragraph`，做到件件有回音、事事有着落`,
      overdue > 0 &&
        paragraph`；另有${requests('逾期未办结的群众诉求', overdue, { overdue: true })}件已超过办理期限，正在督办`,
      paragraph`。`,
    ]),
  );
}

/** 各社区党建工作有亮点: one paragraph per community, its brand and method, and its activities. */
async function communityParagraphs(ctx: Context, communities: Community[]): Promise<BriefingParagraph[]> {
  const paragraphs: BriefingParagraph[] = [];
  for (const community of communities) {
    const totals = await getActivityTotals(ctx.dataSource, ctx.scope, {
      from: ctx.from,
      to: ctx.to,
      organizationId: community.organizationId,
    });
    const count = totals.reduce((sum, row) => sum + row.count, 0);
    const participations = totals.reduce((sum, row) => sum + row.participations, 0);
    const activities = {
      entityType: 'Activity',
      filter: { organizationId: community.organizationId, heldFrom: ctx.from, heldTo: ctx.to },
      count,
    };
    const brand = community.brandName
      ? `${community.name}党组织以${quoted(community.brandName)}为党建品牌${community.brandType ? `，打造${community.brandType}党群服务中心` : ''}`
      : `${community.name}党组织`;
    const method = community.workMethod ? `，以${community.workMethod}为抓手` : '';
    const highlights = community.highlights ? sentence(community.highlights) : '';
    const body = paragraph`${brand}${method}。${highlights}`;
    const tail =
      count > 0
        ? paragraph`${ctx.period}，共开展各类活动${figure(count, `${community.shortName}社区活动次数`, activities)}次，参与群众${figure(
            participations,
            `${community.shortName}社区活动参与人次`,
            activities,
          )}人次。`
        : null;
    paragraphs.push({ ...tidy(joinParagraphs([body, tail])), title: community.name });
  }
  return paragraphs;
}

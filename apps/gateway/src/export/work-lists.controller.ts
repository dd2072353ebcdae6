import { Controller, Get, Inject, Logger, Req, Res, UseFilters } from '@nestjs/common';
import type { Config } from '@dangjian/config';
import {
  compareDays,
  getBuilding,
  followUpOverdue,
  getBuildingStation,
  getGuidanceBoard,
  getGuidanceVisit,
  getInstructor,
  getUnit,
  GUIDANCE_ITEM_LABELS,
  GUIDANCE_ITEM_STATE_LABELS,
  GUIDANCE_ITEMS,
  GUIDED_ORGANIZATION_CATEGORIES,
  listBuildings,
  listGuidanceVisits,
  listInstructorAssignments,
  listInstructors,
  listOrganizations,
  listRequests,
  listUnits,
  maskName,
  memberCountsByOrganizationIds,
  organizationsByIds,
  Permission,
  REQUEST_CATEGORY_LABELS,
  REQUEST_SCALE_LABELS,
  REQUEST_STATUS_LABELS,
  todayIn,
  type BuildingFilter,
  type DataScope,
  type GuidanceMethod,
  type GuidanceVisitFilter,
  type Instructor,
  type InstructorAssignmentFilter,
  type OrganizationCategory,
  type OrganizationRecord,
  type OrganizationType,
  type RequestCategory,
  type RequestFilter,
  type RequestScale,
  type RequestStatus,
} from '@dangjian/domain';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Allow } from '../common/access.decorators.js';
import { DatabaseService } from '../common/database.service.js';
import { HttpErrorFilter } from '../common/http-error.filter.js';
import { requestInfo, scopeOf, type Principal } from '../common/principal.js';
import { CONFIG } from '../common/tokens.js';
import { flag, many, one, queryOf, subtree } from './query-params.js';
import { allPages, localTime, memo, memoOne, streamWorkbook, YES_NO, type Cell, type WorkbookTarget } from './xlsx-stream.js';

const PAGE = 100;

const METHOD_LABELS: Record<GuidanceMethod, string> = { VISIT: '上门走访', PHONE: '电话', ONLINE: '线上', TRAINING: '培训' };
const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, string> = {
  WORKING_COMMITTEE: '街道党工委',
  PARTY_COMMITTEE: '党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  JOINT_BRANCH: '联合党支部',
  PARTY_GROUP: '党小组',
};
const ORGANIZATION_CATEGORY_LABELS: Record<OrganizationCategory, string> = {
  SUBDISTRICT: '街道',
  COMMUNITY: '社区',
  NON_PUBLIC_ENTERPRISE: '非公企业',
  SOCIAL_ORGANIZATION: '社会组织',
  BUILDING: '楼宇',
  OTHER: '其他',
};

function organizationNames(dataSource: DataSource, scope: DataScope) {
  return memo<OrganizationRecord>((ids) => organizationsByIds(dataSource, scope, ids));
}

/** A person's name as the caller may see it: masked for another team's service (API key). */
function personOf(principal: Principal) {
  return (name: string | null | undefined) => (name ? (principal.kind === 'apiKey' ? maskName(name) : name) : '');
}

/**
 * Streaming .xlsx exports of the non-public guidance and the building work (指导记录, 党建指导员,
 * 非公和社会组织党支部, 楼宇, 企业诉求). Each reads through the domain's list functions with the
 * caller's data scope and the filters the console page sends, so the file holds exactly what the
 * page lists; personal data is masked as in responses, and every export is audited (EXPORT).
 */
@Controller('export')
@UseFilters(HttpErrorFilter)
export class WorkListExportController {
  private readonly logger = new Logger('Export');

  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** 指导记录 with the state of each of the four guidance items. */
  @Get('guidance-visits.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async guidanceVisits(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = queryOf(req);
    const today = todayIn(this.config.TZ);
    const filter: GuidanceVisitFilter = {
      ...subtree(query),
      instructorId: one(query, 'instructorId'),
      visitedFrom: one(query, 'visitedFrom'),
      visitedTo: one(query, 'visitedTo'),
      followUpOverdue: flag(query, 'followUpOverdue'),
      today,
    };
    const dataSource = this.database.dataSource;
    const { principal } = requestInfo(req);
    const scope = scopeOf(principal);
    const person = personOf(principal);
    const names = organizationNames(dataSource, scope);
    const instructors = memoOne<Instructor>((id) => getInstructor(dataSource, scope, id));
    // The list reads the visits alone; each visit's item rows come with the visit itself.
    const withItems = memoOne((id) => getGuidanceVisit(dataSource, scope, id));
    const pages = allPages((after) => listGuidanceVisits(dataSource, scope, { filter, first: PAGE, after }));
    await streamWorkbook(this.target(req, res), {
      entityType: 'GuidanceVisit',
      filter,
      file: '指导记录',
      sheet: '指导记录',
      columns: [
        { header: '指导日期', width: 12 },
        { header: '被指导党组织', width: 28 },
        { header: '党建指导员', width: 12 },
        { header: '指导方式', width: 10 },
        ...GUIDANCE_ITEMS.flatMap((item) => [
          { header: GUIDANCE_ITEM_LABELS[item], width: 14 },
          { header: `${GUIDANCE_ITEM_LABELS[item]}说明`, width: 24 },
        ]),
        { header: '发现的问题', width: 30 },
        { header: '整改期限', width: 12 },
        { header: '整改完成日期', width: 12 },
        { header: '整改逾期', width: 10 },
      ],
      batches: (async function* () {
        for await (const batch of pages) {
          const organizations = await names(batch.map((visit) => visit.organizationId));
          const guides = await instructors(batch.map((visit) => visit.instructorId));
          const loaded = await withItems(batch.map((visit) => visit.id));
          yield batch.map((visit) => {
            const items = new Map((loaded.get(visit.id)?.items ?? []).map((entry) => [entry.item, entry]));
            return [
              visit.visitedOn,
              organizations.get(visit.organizationId)?.name ?? '',
              person(guides.get(visit.instructorId)?.name),
              METHOD_LABELS[visit.method] ?? visit.method,
              // An item not looked at on this visit has no row: both its cells stay empty.
              ...GUIDANCE_ITEMS.flatMap((item): Cell[] => {
                const entry = items.get(item);
                return entry ? [GUIDANCE_ITEM_STATE_LABELS[entry.state], entry.note ?? ''] : ['', ''];
              }),
              visit.findings ?? '',
              visit.followUpDueOn ?? '',
              visit.followUpDoneOn ?? '',
              YES_NO(visit.followUpDueOn !== null && followUpOverdue(visit.followUpDueOn, visit.followUpDoneOn, today)),
            ];
          });
        }
      })(),
    });
  }

  /**
   * 党建指导员 with their 指导分工: a row per assignment (an instructor without one still gets a
   * row). `search` narrows the instructors, `instructorId` picks one, `activeOnly` keeps the
   * assignments running today, as the two tables of the console page do.
   */
  @Get('instructors.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async instructors(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = queryOf(req);
    const today = todayIn(this.config.TZ);
    const search = one(query, 'search');
    const instructorId = one(query, 'instructorId');
    const activeOn = flag(query, 'activeOnly') ? today : null;
    const filter = { ...subtree(query), search, instructorId, activeOn };
    const dataSource = this.database.dataSource;
    const { principal } = requestInfo(req);
    const scope = scopeOf(principal);
    const person = personOf(principal);
    const names = organizationNames(dataSource, scope);
    const pages: AsyncGenerator<Instructor[]> = instructorId
      ? (async function* () {
          yield [await getInstructor(dataSource, scope, instructorId)];
        })()
      : allPages((after) => listInstructors(dataSource, scope, { filter: { ...subtree(query), search }, first: PAGE, after }));
    await streamWorkbook(this.target(req, res), {
      entityType: 'Instructor',
      filter,
      file: '党建指导员及分工',
      sheet: '党建指导员',
      columns: [
        { header: '姓名', width: 12 },
        { header: '职务', width: 16 },
        { header: '联系电话', width: 14 },
        { header: '选派党组织', width: 28 },
        { header: '指导的党组织', width: 28 },
        { header: '分工开始日期', width: 12 },
        { header: '分工结束日期', width: 12 },
        { header: '分工在期', width: 10 },
      ],
      batches: (async function* () {
        for await (const batch of pages) {
          const rows: Cell[][] = [];
          for (const instructor of batch) {
            const assignmentFilter: InstructorAssignmentFilter = { instructorId: instructor.id, activeOn };
            const assignments = [];
            for await (const page of allPages((after) => listInstructorAssignments(dataSource, scope, { filter: assignmentFilter, first: PAGE, after }))) {
              assignments.push(...page);
            }
            const organizations = await names([instructor.organizationId, ...assignments.map((a) => a.organizationId)]);
            const head: Cell[] = [
              person(instructor.name),
              instructor.title ?? '',
              instructor.phoneMasked ?? '',
              organizations.get(instructor.organizationId)?.name ?? '',
            ];
            if (!assignments.length) rows.push([...head, '', '', '', '']);
            for (const assignment of assignments) {
              const running = compareDays(assignment.fromOn, today) <= 0 && (assignment.toOn === null || compareDays(assignment.toOn, today) >= 0);
              rows.push([
                ...head,
                organizations.get(assignment.organizationId)?.name ?? '',
                assignment.fromOn,
                assignment.toOn ?? '',
                YES_NO(running),
              ]);
            }
          }
          yield rows;
        }
      })(),
    });
  }

  /**
   * 非公和社会组织党支部 (and building branches): each with its members, its instructors today, the
   * day it was last guided, its overdue follow-ups and the latest state of the four items.
   */
  @Get('guided-branches.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async guidedBranches(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = queryOf(req);
    const today = todayIn(this.config.TZ);
    const guided = GUIDED_ORGANIZATION_CATEGORIES as readonly OrganizationCategory[];
    const asked = many<OrganizationCategory>(query, 'category');
    // Only the guided categories: this is the branches page, not a general organisation export.
    const category = asked ? asked.filter((c) => guided.includes(c)) : [...guided];
    const filter = { category: category.length ? category : [...guided], search: one(query, 'search') };
    const dataSource = this.database.dataSource;
    const scope = scopeOf(requestInfo(req).principal);
    const names = organizationNames(dataSource, scope);
    let board: Map<string, Awaited<ReturnType<typeof getGuidanceBoard>>['rows'][number]> | null = null;
    const pages = allPages((after) => listOrganizations(dataSource, scope, filter, { first: PAGE, after }, { sort: 'TREE' }));
    await streamWorkbook(this.target(req, res), {
      entityType: 'Organization',
      filter,
      file: '非公和社会组织党支部',
      sheet: '党支部',
      columns: [
        { header: '党组织名称', width: 30 },
        { header: '上级党组织', width: 28 },
        { header: '组织类型', width: 12 },
        { header: '类别', width: 10 },
        { header: '党员数', width: 8 },
        { header: '正式党员数', width: 10 },
        { header: '党建指导员', width: 20 },
        { header: '最近指导日期', width: 12 },
        { header: '逾期未整改', width: 10 },
        ...GUIDANCE_ITEMS.map((item) => ({ header: GUIDANCE_ITEM_LABELS[item], width: 14 })),
      ],
      batches: (async function* () {
        for await (const batch of pages) {
          // The board covers the whole scope in a few queries: read once, with the first page.
          board ??= new Map((await getGuidanceBoard(dataSource, scope, { today })).rows.map((row) => [row.organizationId, row]));
          const parents = await names(batch.map((organization) => organization.parentId));
          const counts = await memberCountsByOrganizationIds(dataSource, scope, batch.map((organization) => organization.id));
          yield batch.map((organization) => {
            const row = board?.get(organization.id);
            const count = counts.get(organization.id);
            return [
              organization.name,
              (organization.parentId && parents.get(organization.parentId)?.name) || '',
              ORGANIZATION_TYPE_LABELS[organization.type],
              ORGANIZATION_CATEGORY_LABELS[organization.category],
              count?.memberCount ?? 0,
              count?.fullMemberCount ?? 0,
              row?.instructorNames.join('、') ?? '',
              row?.lastVisitedOn ?? '',
              row?.overdueFollowUpCount ?? 0,
              ...GUIDANCE_ITEMS.map((item) => {
                const cell = row?.items[item];
                return cell ? `${GUIDANCE_ITEM_STATE_LABELS[cell.state]}（${cell.visitedOn}）` : '';
              }),
            ];
          });
        }
      })(),
    });
  }

  /** 楼宇 with their station, branch and the units (enterprises) registered in them. */
  @Get('buildings.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async buildings(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = queryOf(req);
    const filter: BuildingFilter = { ...subtree(query), search: one(query, 'search'), stationId: one(query, 'stationId') };
    const dataSource = this.database.dataSource;
    const scope = scopeOf(requestInfo(req).principal);
    const names = organizationNames(dataSource, scope);
    const stations = memoOne((id) => getBuildingStation(dataSource, scope, id));
    const pages = allPages((after) => listBuildings(dataSource, scope, { filter, first: PAGE, after }));
    // Counted through the units list itself, so the caller's scope decides which units count.
    const unitCount = async (buildingId: string, category: 'NON_PUBLIC_ENTERPRISE' | null) =>
      (await listUnits(dataSource, scope, { filter: { buildingId, ...(category ? { category: [category] } : {}) }, first: 0 })).totalCount;
    await streamWorkbook(this.target(req, res), {
      entityType: 'Building',
      filter,
      file: '楼宇名单',
      sheet: '楼宇',
      columns: [
        { header: '楼宇名称', width: 24 },
        { header: '地址', width: 30 },
        { header: '楼层数', width: 8 },
        { header: '所在社区', width: 24 },
        { header: '楼宇党支部', width: 28 },
        { header: '支部党员数', width: 10 },
        { header: '楼宇党建指导站', width: 24 },
        { header: '入驻单位数', width: 10 },
        { header: '其中非公企业数', width: 12 },
      ],
      batches: (async function* () {
        for await (const batch of pages) {
          const organizations = await names(batch.flatMap((building) => [building.communityOrganizationId, building.branchOrganizationId]));
          const branchIds = batch.map((building) => building.branchOrganizationId).filter((id): id is string => id !== null && organizations.get(id) != null);
          const counts = await memberCountsByOrganizationIds(dataSource, scope, branchIds);
          const stationNames = await stations(batch.map((building) => building.stationId));
          const rows: Cell[][] = [];
          for (const building of batch) {
            const branch = building.branchOrganizationId ? organizations.get(building.branchOrganizationId) : null;
            rows.push([
              building.name,
              building.address ?? '',
              building.floors ?? '',
              organizations.get(building.communityOrganizationId)?.name ?? '',
              branch?.name ?? '',
              branch ? (counts.get(branch.id)?.memberCount ?? 0) : '',
              (building.stationId && stationNames.get(building.stationId)?.name) || '',
              await unitCount(building.id, null),
              await unitCount(building.id, 'NON_PUBLIC_ENTERPRISE'),
            ]);
          }
          yield rows;
        }
      })(),
    });
  }

  /** 企业诉求: each with the time of every step (受理 → 办理 → 办结), its feedback and whether it is overdue. */
  @Get('requests.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async requests(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = queryOf(req);
    const today = todayIn(this.config.TZ);
    const timeZone = this.config.TZ;
    const filter: RequestFilter = {
      ...subtree(query),
      // The board is the enterprises' one; residents' requests are exported with their own page.
      source: (one(query, 'source') as RequestFilter['source']) ?? 'ENTERPRISE',
      status: many<RequestStatus>(query, 'status'),
      scale: many<RequestScale>(query, 'scale'),
      category: many<RequestCategory>(query, 'category'),
      buildingId: one(query, 'buildingId'),
      unitId: one(query, 'unitId'),
      overdue: flag(query, 'overdue'),
      receivedFrom: one(query, 'receivedFrom'),
      receivedTo: one(query, 'receivedTo'),
      search: one(query, 'search'),
      today,
    };
    const dataSource = this.database.dataSource;
    const { principal } = requestInfo(req);
    const scope = scopeOf(principal);
    const person = personOf(principal);
    const names = organizationNames(dataSource, scope);
    const units = memoOne((id) => getUnit(dataSource, scope, id));
    const buildings = memoOne((id) => getBuilding(dataSource, scope, id));
    const pages = allPages((after) => listRequests(dataSource, scope, { filter, first: PAGE, after, sort: { field: 'RECEIVED_AT', direction: 'DESC' } }));
    await streamWorkbook(this.target(req, res), {
      entityType: 'Request',
      filter,
      file: '企业诉求',
      sheet: '诉求',
      columns: [
        { header: '受理时间', width: 17 },
        { header: '企业', width: 24 },
        { header: '楼宇', width: 20 },
        { header: '社区党组织', width: 24 },
        { header: '诉求人', width: 10 },
        { header: '联系电话', width: 14 },
        { header: '类别', width: 10 },
        { header: '大小事', width: 8 },
        { header: '诉求内容', width: 40 },
        { header: '状态', width: 8 },
        { header: '承办人或队伍', width: 16 },
        { header: '开始办理时间', width: 17 },
        { header: '办结时间', width: 17 },
        { header: '应反馈日期', width: 12 },
        { header: '是否逾期', width: 8 },
        { header: '反馈情况', width: 40 },
        { header: '反馈时间', width: 17 },
      ],
      batches: (async function* () {
        for await (const batch of pages) {
          const organizations = await names(batch.map((request) => request.communityOrganizationId));
          const unitNames = await units(batch.map((request) => request.unitId));
          const buildingNames = await buildings(batch.map((request) => request.buildingId));
          yield batch.map((request) => [
            localTime(request.receivedAt, timeZone),
            (request.unitId && unitNames.get(request.unitId)?.name) || '',
            (request.buildingId && buildingNames.get(request.buildingId)?.name) || '',
            organizations.get(request.communityOrganizationId)?.name ?? '',
            person(request.requesterName),
            request.contactMasked ?? '',
            REQUEST_CATEGORY_LABELS[request.category] ?? request.category,
            REQUEST_SCALE_LABELS[request.scale] ?? request.scale,
            request.content,
            REQUEST_STATUS_LABELS[request.status] ?? request.status,
            request.handledBy ?? '',
            localTime(request.startedAt, timeZone),
            localTime(request.resolvedAt, timeZone),
            request.dueOn ?? '',
            YES_NO(request.status !== 'RESOLVED' && request.dueOn !== null && compareDays(request.dueOn, today) < 0),
            request.feedback ?? '',
            localTime(request.feedbackAt, timeZone),
          ]);
        }
      })(),
    });
  }

  private target(req: Request, res: Response): WorkbookTarget {
    return { req, res, dataSource: this.database.dataSource, timeZone: this.config.TZ, logger: this.logger };
  }
}

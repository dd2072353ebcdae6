import { Controller, Get, Inject, Logger, Req, Res, UseFilters } from '@nestjs/common';
import type { Config } from '@dangjian/config';
import {
  CHECKLIST_KIND_LABELS,
  CHECKLIST_STATUS_LABELS,
  getBuilding,
  isChecklistItemOverdue,
  listChecklistItems,
  listMeetings,
  listUnits,
  maskName,
  MEETING_TYPE_LABELS,
  organizationsByIds,
  Permission,
  shouldHaveOwnOrganization,
  todayIn,
  UNIT_CATEGORY_LABELS,
  type ChecklistItemFilter,
  type ChecklistKind,
  type ChecklistStatus,
  type DataScope,
  type MeetingFilter,
  type MeetingType,
  type OrganizationRecord,
  type UnitCategory,
  type UnitFilter,
} from '@dangjian/domain';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Allow } from '../../common/access.decorators.js';
import { DatabaseService } from '../../common/database.service.js';
import { HttpErrorFilter } from '../../common/http-error.filter.js';
import { requestInfo, scopeOf } from '../../common/principal.js';
import { CONFIG } from '../../common/tokens.js';
import { buildSurveyTemplate, SURVEY_COLUMNS } from './unit-survey.js';
import { communityOrganizations } from './survey-import.js';
import { flag, many, one, queryOf, subtree } from '../../export/query-params.js';
import { allPages, attachmentHeaders, memo, memoOne, streamWorkbook, YES_NO, type WorkbookTarget } from '../../export/xlsx-stream.js';

function organizationNames(dataSource: DataSource, scope: DataScope) {
  return memo<OrganizationRecord>((ids) => organizationsByIds(dataSource, scope, ids));
}

/**
 * Streaming .xlsx exports of the daily work, with the same authentication, permission and data
 * scope as the API (personal data masked as in responses), each audited (EXPORT); and the blank
 * template of the unit survey the import reads.
 */
@Controller('export')
@UseFilters(HttpErrorFilter)
export class WorkExportController {
  private readonly logger = new Logger('Export');

  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** The template's columns come first, so an export can be corrected and imported again. */
  @Get('units.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async units(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = queryOf(req);
    const filter: UnitFilter = {
      ...subtree(query),
      category: many<UnitCategory>(query, 'category'),
      search: one(query, 'search'),
      buildingId: one(query, 'buildingId'),
      surveyed: flag(query, 'surveyed'),
      needsOwnOrganization: flag(query, 'needsOwnOrganization'),
      organizationCovered: flag(query, 'organizationCovered'),
    };
    const dataSource = this.database.dataSource;
    const scope = scopeOf(requestInfo(req).principal);
    const names = organizationNames(dataSource, scope);
    const buildings = memoOne((id) => getBuilding(dataSource, scope, id));
    const pages = allPages((after) => listUnits(dataSource, scope, { filter, first: 100, after }));
    await streamWorkbook(this.target(req, res), {
      entityType: 'Unit',
      filter,
      file: '单位名单',
      sheet: '单位排查',
      columns: [
        ...SURVEY_COLUMNS.map((column) => ({ header: column.header, width: column.width })),
        { header: '本单位党组织', width: 28 },
        { header: '联合党支部', width: 28 },
        { header: '应建未建', width: 10 },
        { header: '组织覆盖', width: 10 },
      ],
      batches: (async function* () {
        for await (const batch of pages) {
          const organizations = await names(
            batch.flatMap((unit) => [unit.communityOrganizationId, unit.organizationId, unit.jointBranchOrganizationId]),
          );
          const buildingNames = await buildings(batch.map((unit) => unit.buildingId));
          yield batch.map((unit) => [
            unit.name,
            UNIT_CATEGORY_LABELS[unit.category],
            unit.creditCode ?? '',
            organizations.get(unit.communityOrganizationId)?.name ?? '',
            unit.address ?? '',
            YES_NO(unit.hasPremises),
            unit.staffCount,
            YES_NO(unit.businessActive),
            unit.fullMemberCount,
            unit.surveyedOn ?? '',
            (unit.buildingId && buildingNames.get(unit.buildingId)?.name) || '',
            (unit.organizationId && organizations.get(unit.organizationId)?.name) || '',
            (unit.jointBranchOrganizationId && organizations.get(unit.jointBranchOrganizationId)?.name) || '',
            YES_NO(shouldHaveOwnOrganization(unit.fullMemberCount) && unit.organizationId === null),
            YES_NO(unit.organizationId !== null || unit.jointBranchOrganizationId !== null),
          ]);
        }
      })(),
    });
  }

  @Get('meetings.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async meetings(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = queryOf(req);
    const filter: MeetingFilter = {
      ...subtree(query),
      type: many<MeetingType>(query, 'type'),
      heldFrom: one(query, 'heldFrom'),
      heldTo: one(query, 'heldTo'),
    };
    const dataSource = this.database.dataSource;
    const { principal } = requestInfo(req);
    const scope = scopeOf(principal);
    const names = organizationNames(dataSource, scope);
    const person = (name: string | null) => (name && principal.kind === 'apiKey' ? maskName(name) : (name ?? ''));
    const pages = allPages((after) => listMeetings(dataSource, scope, { filter, first: 100, after }));
    await streamWorkbook(this.target(req, res), {
      entityType: 'Meeting',
      filter,
      file: '组织生活记录',
      sheet: '组织生活',
      columns: [
        { header: '党组织', width: 28 },
        { header: '会议类型', width: 14 },
        { header: '召开日期', width: 12 },
        { header: '主题', width: 30 },
        { header: '地点', width: 16 },
        { header: '主持人', width: 10 },
        { header: '记录人', width: 10 },
        { header: '应到', width: 6 },
        { header: '实到', width: 6 },
        { header: '有表决权人数', width: 12 },
        { header: '缺席人员及原因', width: 30 },
        { header: '议程', width: 30 },
        { header: '决议', width: 30 },
        { header: '附件数', width: 8 },
      ],
      batches: (async function* () {
        for await (const batch of pages) {
          const organizations = await names(batch.map((meeting) => meeting.organizationId));
          yield batch.map((meeting) => [
            organizations.get(meeting.organizationId)?.name ?? '',
            MEETING_TYPE_LABELS[meeting.type],
            meeting.heldOn,
            meeting.topic ?? '',
            meeting.place ?? '',
            person(meeting.chair),
            person(meeting.recorder),
            meeting.expectedCount,
            meeting.attendedCount,
            meeting.votingMemberCount ?? '',
            (meeting.absentees ?? []).map((a) => `${person(a.name)}：${a.reason}`).join('；'),
            meeting.agenda ?? '',
            meeting.resolutions ?? '',
            (meeting.attachments ?? []).length,
          ]);
        }
      })(),
    });
  }

  @Get('checklist-items.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async checklistItems(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = queryOf(req);
    const today = todayIn(this.config.TZ);
    const filter: ChecklistItemFilter = {
      ...subtree(query),
      kind: many<ChecklistKind>(query, 'kind'),
      status: many<ChecklistStatus>(query, 'status'),
      published: flag(query, 'published'),
      overdue: flag(query, 'overdue'),
      search: one(query, 'search'),
      today,
    };
    const dataSource = this.database.dataSource;
    const { principal } = requestInfo(req);
    const scope = scopeOf(principal);
    const names = organizationNames(dataSource, scope);
    const pages = allPages((after) => listChecklistItems(dataSource, scope, { filter, first: 100, after }));
    const timeZone = this.config.TZ;
    await streamWorkbook(this.target(req, res), {
      entityType: 'ChecklistItem',
      filter,
      file: '清单事项',
      sheet: '清单',
      columns: [
        { header: '清单类别', width: 12 },
        { header: '党组织', width: 28 },
        { header: '事项名称', width: 30 },
        { header: '内容', width: 40 },
        { header: '责任人', width: 10 },
        { header: '完成时限', width: 12 },
        { header: '状态', width: 8 },
        { header: '是否逾期', width: 8 },
        { header: '整改情况', width: 30 },
        { header: '销号日期', width: 12 },
        { header: '销号人', width: 12 },
        { header: '公示日期', width: 12 },
      ],
      batches: (async function* () {
        for await (const batch of pages) {
          const organizations = await names(batch.map((item) => item.organizationId));
          yield batch.map((item) => [
            CHECKLIST_KIND_LABELS[item.kind],
            organizations.get(item.organizationId)?.name ?? '',
            item.title,
            item.content ?? '',
            item.owner && principal.kind === 'apiKey' ? maskName(item.owner) : (item.owner ?? ''),
            item.dueOn ?? '',
            CHECKLIST_STATUS_LABELS[item.status],
            YES_NO(isChecklistItemOverdue(item, today)),
            item.rectification ?? '',
            item.closedOn ?? '',
            item.closedBy ?? '',
            item.publishedAt ? todayIn(timeZone, item.publishedAt) : '',
          ]);
        }
      })(),
    });
  }

  private target(req: Request, res: Response): WorkbookTarget {
    return { req, res, dataSource: this.database.dataSource, timeZone: this.config.TZ, logger: this.logger };
  }

  /** The blank survey template, with the communities of the caller's scope to choose from. */
  @Get('templates/unit-survey.xlsx')
  @Allow(Permission.READ)
  async unitSurveyTemplate(@Req() req: Request, @Res() res: Response): Promise<void> {
    const scope = scopeOf(requestInfo(req).principal);
    const communities = await communityOrganizations(this.database.dataSource, scope);
    const workbook = buildSurveyTemplate(communities.map((community) => community.name));
    const buffer = await workbook.xlsx.writeBuffer();
    res.status(200);
    attachmentHeaders(res, '单位排查模板', todayIn(this.config.TZ));
    res.end(Buffer.from(buffer));
  }
}

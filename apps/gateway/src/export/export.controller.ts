import { Controller, Get, Inject, Logger, Req, Res, UseFilters } from '@nestjs/common';
import type { Config } from '@dangjian/config';
import {
  iterateMembers,
  iterateTransfers,
  maskName,
  organizationsByIds,
  Permission,
  PiiCipher,
  TRANSFER_STATUS_LABELS,
  type Education,
  type MemberFilter,
  type MemberRecord,
  type OrganizationRecord,
  type TransferFilter,
  type TransferRecord,
} from '@dangjian/domain';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Allow } from '../common/access.decorators.js';
import { DatabaseService } from '../common/database.service.js';
import { HttpErrorFilter } from '../common/http-error.filter.js';
import { requestInfo, scopeOf, type Principal } from '../common/principal.js';
import { CONFIG } from '../common/tokens.js';
import { flag, many, one, type Query } from './query-params.js';
import { streamWorkbook } from './xlsx-stream.js';

const GENDER_LABELS = { MALE: '男', FEMALE: '女' } as const;
const STATUS_LABELS = { FULL: '正式党员', PROBATIONARY: '预备党员' } as const;
const EDUCATION_LABELS: Record<Education, string> = {
  POSTGRADUATE: '研究生',
  UNDERGRADUATE: '大学本科',
  JUNIOR_COLLEGE: '大学专科',
  SECONDARY: '中专',
  HIGH_SCHOOL: '高中',
  JUNIOR_HIGH_OR_BELOW: '初中及以下',
};
const FLAG_LABELS = { MOBILE: '流动党员', LOST_CONTACT: '失联党员' } as const;
const DIRECTION_LABELS = { OUTGOING: '转出', INCOMING: '转入' } as const;
const KIND_LABELS = { WITHIN_SYSTEM: '系统内转接', CROSS_PROVINCE: '跨省转接', PAPER: '系统外（纸质）' } as const;
const SYNC_LABELS = { LOCAL_ONLY: '仅本地', PENDING_PUSH: '待推送', SYNCED: '已同步', CONFLICT: '有冲突' } as const;

/**
 * Streaming .xlsx exports with the same authentication, permission and data scope as the API:
 * rows are read a batch at a time (keyset) and written straight to the response, personal data
 * masked (names too for another team's service), and every export is audited (EXPORT).
 */
@Controller('export')
@UseFilters(HttpErrorFilter)
export class ExportController {
  private readonly logger = new Logger('Export');

  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(PiiCipher) private readonly cipher: PiiCipher,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Get('members.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async members(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = req.query as Query;
    const filter: MemberFilter = {
      search: one(query, 'search'),
      organizationId: one(query, 'organizationId'),
      includeDescendants: flag(query, 'includeDescendants'),
      status: many(query, 'status'),
      gender: one(query, 'gender') as MemberFilter['gender'],
      education: many(query, 'education'),
      flags: many(query, 'flags'),
    };
    const info = requestInfo(req);
    const dataSource = this.database.dataSource;
    const batches = iterateMembers(dataSource, scopeOf(info.principal), this.cipher, filter);
    const names = this.organizationNames(dataSource, info.principal);
    await streamWorkbook({ req, res, dataSource: this.database.dataSource, timeZone: this.config.TZ, logger: this.logger }, {
      entityType: 'Member',
      filter,
      file: '党员名单',
      sheet: '党员',
      columns: [
        { header: '姓名', width: 12 },
        { header: '性别', width: 6 },
        { header: '民族', width: 8 },
        { header: '出生日期', width: 12 },
        { header: '学历', width: 12 },
        { header: '党员状态', width: 10 },
        { header: '入党时间', width: 12 },
        { header: '转正时间', width: 12 },
        { header: '所在党组织', width: 30 },
        { header: '身份证号', width: 22 },
        { header: '手机号', width: 14 },
        { header: '党费交至', width: 10 },
        { header: '标记', width: 16 },
      ],
      batches: (async function* () {
        for await (const batch of batches) {
          const organizations = await names(batch.map((member) => member.organizationId));
          yield batch.map((member: MemberRecord) => [
            info.principal.kind === 'apiKey' ? maskName(member.name) : member.name,
            GENDER_LABELS[member.gender],
            member.ethnicity,
            member.birthDate,
            EDUCATION_LABELS[member.education],
            STATUS_LABELS[member.status],
            member.joinedOn,
            member.fullMemberOn ?? '',
            organizations.get(member.organizationId)?.name ?? '',
            member.idCardMasked,
            member.phoneMasked ?? '',
            member.duesPaidThrough ?? '',
            member.flags.map((f) => FLAG_LABELS[f]).join('、'),
          ]);
        }
      })(),
    });
  }

  @Get('transfers.xlsx')
  @Allow(Permission.READ, Permission.EXPORT)
  async transfers(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = req.query as Query;
    const filter: TransferFilter = {
      status: many(query, 'status'),
      direction: one(query, 'direction') as TransferFilter['direction'],
      kind: many(query, 'kind'),
      organizationId: one(query, 'organizationId'),
      memberId: one(query, 'memberId'),
      search: one(query, 'search'),
      overdue: flag(query, 'overdue'),
      workList: one(query, 'workList') as TransferFilter['workList'],
    };
    const info = requestInfo(req);
    const batches = iterateTransfers(this.database.dataSource, scopeOf(info.principal), filter, { timeZone: this.config.TZ });
    await streamWorkbook({ req, res, dataSource: this.database.dataSource, timeZone: this.config.TZ, logger: this.logger }, {
      entityType: 'Transfer',
      filter,
      file: '组织关系转接',
      sheet: '组织关系转接',
      columns: [
        { header: '党员姓名', width: 12 },
        { header: '方向', width: 8 },
        { header: '类型', width: 14 },
        { header: '状态', width: 10 },
        { header: '转出党组织', width: 30 },
        { header: '转入党组织', width: 30 },
        { header: '原因', width: 30 },
        { header: '介绍信编号', width: 20 },
        { header: '开具日期', width: 12 },
        { header: '有效期至', width: 12 },
        { header: '接收日期', width: 12 },
        { header: '回执日期', width: 12 },
        { header: '同步状态', width: 10 },
      ],
      batches: (async function* () {
        for await (const batch of batches) {
          yield batch.map((transfer: TransferRecord) => [
            info.principal.kind === 'apiKey' ? maskName(transfer.memberName) : transfer.memberName,
            DIRECTION_LABELS[transfer.direction],
            KIND_LABELS[transfer.kind],
            TRANSFER_STATUS_LABELS[transfer.status],
            transfer.fromOrganizationName,
            transfer.toOrganizationName,
            transfer.reason ?? '',
            transfer.letterNumber ?? '',
            transfer.letterIssuedOn ?? '',
            transfer.letterExpiresOn ?? '',
            transfer.receivedOn ?? '',
            transfer.receiptOn ?? '',
            SYNC_LABELS[transfer.syncState],
          ]);
        }
      })(),
    });
  }

  /** Organisation names for a batch of rows, remembered across batches. */
  private organizationNames(dataSource: DataSource, principal: Principal) {
    const known = new Map<string, OrganizationRecord>();
    return async (ids: string[]) => {
      const missing = [...new Set(ids)].filter((id) => !known.has(id));
      if (missing.length) {
        for (const [id, organization] of await organizationsByIds(dataSource, scopeOf(principal), missing)) known.set(id, organization);
      }
      return known;
    };
  }
}

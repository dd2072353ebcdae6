import type { DataSource } from 'typeorm';
import type { PiiCipher } from '../../crypto/pii-cipher.js';
import { Member } from '../../entities/member.entity.js';
import { Organization } from '../../entities/organization.entity.js';
import { Building } from '../../entities/daily-work/building.entity.js';
import {
  REQUEST_CATEGORIES,
  REQUEST_SCALES,
  REQUEST_SOURCES,
  Request as RequestRecord,
  type RequestCategory,
  type RequestScale,
  type RequestSource,
} from '../../entities/daily-work/request.entity.js';
import { Unit } from '../../entities/daily-work/unit.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import {
  REQUEST_STATUSES,
  addDays,
  checkDateOrder,
  checkRequiredText,
  isRequestOverdue,
  maskName,
  maskPhone,
  nextRequestStatus,
  requestDueOn,
  todayIn,
  validatePhone,
  type RequestStatus,
} from '../../rules/index.js';
import { inScope, type DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkOptionalDay,
  checkOptionalText,
  checkRequiredEnum,
  isId,
  loadSettings,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import { buildingResource } from './buildings.service.js';
import { unitWithinStation } from './building-scope.js';
import {
  changeRecord,
  createRecord,
  deleteRecord,
  findInScope,
  getRecord,
  listRecords,
  scopedResourceQuery,
  updateRecord,
  type SubtreeFilter,
  type Resource,
  type WriteContext,
} from './resource.js';
import { unitResource } from './units.service.js';

export interface CreateRequestInput {
  source: RequestSource;
  requesterName: string;
  /** Plain phone; stored encrypted and masked. */
  contact?: string | null;
  /** The enterprise (required when the source is ENTERPRISE). */
  unitId?: string | null;
  /** Default: the enterprise's building. */
  buildingId?: string | null;
  communityOrganizationId: string;
  content: string;
  category: RequestCategory;
  scale: RequestScale;
  /** The team that handles it, e.g. 党员志愿者服务队. */
  handledBy?: string | null;
  handlerMemberId?: string | null;
  /** Default now. */
  receivedAt?: Date | string | null;
  /** Default: received day + requestDueDays (setting). */
  dueOn?: string | null;
}
/** Status, feedback and times change only through advanceRequest. */
export type UpdateRequestInput = Partial<CreateRequestInput>;

export interface AdvanceRequestInput {
  status: RequestStatus;
  /** 回音: required to resolve; may also be given while in progress. */
  feedback?: string | null;
  handledBy?: string | null;
  handlerMemberId?: string | null;
  /** When it happened; default now. */
  at?: Date | string | null;
}

export interface RequestFilter extends SubtreeFilter {
  source?: RequestSource | null;
  status?: RequestStatus[] | null;
  scale?: RequestScale[] | null;
  category?: RequestCategory[] | null;
  buildingId?: string | null;
  unitId?: string | null;
  /** Not resolved and past its due day on `today`. */
  overdue?: boolean | null;
  today?: string | null;
  receivedFrom?: string | null;
  receivedTo?: string | null;
  search?: string | null;
}
export type RequestSortField = 'RECEIVED_AT' | 'CREATED_AT';

function toInstant(value: Date | string | null | undefined, fallback: Date): Date | null {
  if (value === undefined || value === null || value === '') return fallback;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function dayOf(instant: Date): string {
  return todayIn('Asia/Shanghai', instant);
}

/**
 * The community a request is filed under, and whether the caller reached it only through the
 * enterprise (a station's staff: the community lies outside their scope, the enterprise inside).
 * Any other community outside the scope is not found.
 */
async function requestCommunity(
  ctx: WriteContext,
  input: CreateRequestInput,
): Promise<{ community: Organization; throughEnterprise: boolean }> {
  const id = input.communityOrganizationId;
  const community = isId(id) ? await ctx.manager.getRepository(Organization).findOneBy({ id }) : null;
  if (community && inScope(community.path, ctx.scope)) return { community, throughEnterprise: false };
  if (!community || input.source !== 'ENTERPRISE' || !input.unitId) throw DomainError.notFound('党组织', id);
  return { community, throughEnterprise: true };
}

export const requestResource: Resource<RequestRecord, CreateRequestInput, RequestFilter, RequestSortField> = {
  entity: RequestRecord,
  entityType: 'Request',
  label: '诉求',
  alias: 'request',
  orgIdExpression: 'request.communityOrganizationId',
  // An enterprise's request goes with the enterprise, to the station serving its building.
  alsoInScope(qb, scope) {
    qb.leftJoin(Unit, 'request_unit', 'request_unit.id = request.unitId');
    const reach = unitWithinStation(qb, 'request_unit', scope);
    return {
      sql: `(request.source = :stationRequestSource AND ${reach.sql})`,
      params: { ...reach.params, stationRequestSource: 'ENTERPRISE' },
    };
  },
  softDelete: true,
  auditOmit: ['contactCipher'],
  auditMask: (view) => ({
    ...view,
    requesterName: typeof view.requesterName === 'string' ? maskName(view.requesterName) : null,
  }),
  sortColumns: { RECEIVED_AT: 'receivedAt', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'RECEIVED_AT', direction: 'DESC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredEnum(problems, 'source', input.source, REQUEST_SOURCES, '诉求来源');
    checkRequiredText(problems, 'requesterName', input.requesterName, '诉求人', 50);
    checkRequiredText(problems, 'content', input.content, '诉求内容', 5000);
    checkRequiredEnum(problems, 'category', input.category, REQUEST_CATEGORIES, '诉求类别');
    checkRequiredEnum(problems, 'scale', input.scale, REQUEST_SCALES, '事项大小');
    checkOptionalText(problems, 'handledBy', input.handledBy, '承办人或队伍', 100);
    const receivedAt = toInstant(input.receivedAt, existing?.receivedAt ?? new Date());
    if (!receivedAt) problems.add('receivedAt', 'DATE_INVALID', '受理时间无效');
    else if (receivedAt.getTime() > Date.now() + 60_000)
      problems.add('receivedAt', 'DATE_IN_FUTURE', '受理时间不能晚于现在');
    if (checkOptionalDay(problems, 'dueOn', input.dueOn, '办理期限') && receivedAt) {
      checkDateOrder(problems, 'receivedAt', dayOf(receivedAt), 'dueOn', input.dueOn, {
        start: '受理日期',
        end: '办理期限',
      });
    }
    if (input.source === 'ENTERPRISE' && !input.unitId)
      problems.add('unitId', 'REQUIRED', '企业诉求请选择提出诉求的企业');
    let contact: { cipher: string | null; masked: string | null } | undefined;
    const plainContact = (input as { contact?: string | null }).contact;
    if (plainContact !== undefined) {
      if (plainContact === null || plainContact.trim() === '') contact = { cipher: null, masked: null };
      else {
        const phone = validatePhone(plainContact);
        if (!phone.valid) problems.add('contact', phone.reason, phone.message);
        else {
          if (!ctx.cipher) throw new Error('a PiiCipher is needed to store a phone number');
          contact = { cipher: ctx.cipher.encrypt(phone.value), masked: maskPhone(phone.value) };
        }
      }
    }
    problems.throwIfAny();
    const { community, throughEnterprise } = await requestCommunity(ctx, input);
    let buildingId = input.buildingId ?? null;
    if (throughEnterprise) {
      // The enterprise and the building must be the caller's too, so the request stays theirs.
      const unit = await findInScope(ctx.manager, unitResource, ctx.scope, input.unitId!);
      if (unit.communityOrganizationId !== community.id)
        throw DomainError.badInput([
          {
            field: 'communityOrganizationId',
            reason: 'COMMUNITY_MISMATCH',
            message: '所选社区与企业所在社区不一致',
          },
        ]);
      if (buildingId) await findInScope(ctx.manager, buildingResource, ctx.scope, buildingId);
      buildingId ??= unit.buildingId;
    } else if (input.unitId) {
      const unit = isId(input.unitId)
        ? await ctx.manager.getRepository(Unit).findOneBy({ id: input.unitId })
        : null;
      if (!unit)
        throw DomainError.badInput([
          { field: 'unitId', reason: 'UNIT_NOT_FOUND', message: '所选企业不存在' },
        ]);
      buildingId ??= unit.buildingId;
    }
    if (
      buildingId &&
      !(isId(buildingId) && (await ctx.manager.getRepository(Building).existsBy({ id: buildingId })))
    ) {
      throw DomainError.badInput([
        { field: 'buildingId', reason: 'BUILDING_NOT_FOUND', message: '所选楼宇不存在' },
      ]);
    }
    if (
      input.handlerMemberId &&
      !(
        isId(input.handlerMemberId) &&
        (await ctx.manager.getRepository(Member).existsBy({ id: input.handlerMemberId }))
      )
    ) {
      throw DomainError.badInput([
        { field: 'handlerMemberId', reason: 'MEMBER_NOT_FOUND', message: '所选党员不存在' },
      ]);
    }
    return {
      source: input.source,
      requesterName: input.requesterName.trim(),
      unitId: input.unitId ?? null,
      buildingId,
      communityOrganizationId: community.id,
      content: input.content.trim(),
      category: input.category,
      scale: input.scale,
      handledBy: text(input.handledBy),
      handlerMemberId: input.handlerMemberId ?? null,
      receivedAt: receivedAt!,
      dueOn: input.dueOn ?? requestDueOn(dayOf(receivedAt!), ctx.settings),
      ...(existing ? {} : { status: 'RECEIVED' as const }),
      ...(contact ? { contactCipher: contact.cipher, contactMasked: contact.masked } : {}),
    };
  },
  applyFilter(qb, filter) {
    if (filter.source) qb.andWhere('request.source = :source', { source: filter.source });
    if (filter.status?.length) qb.andWhere('request.status IN (:...statuses)', { statuses: filter.status });
    if (filter.scale?.length) qb.andWhere('request.scale IN (:...scales)', { scales: filter.scale });
    if (filter.category?.length)
      qb.andWhere('request.category IN (:...categories)', { categories: filter.category });
    if (filter.buildingId) qb.andWhere('request.buildingId = :buildingId', { buildingId: filter.buildingId });
    if (filter.unitId) qb.andWhere('request.unitId = :unitId', { unitId: filter.unitId });
    if (filter.receivedFrom)
      qb.andWhere('request.receivedAt >= :receivedFrom', {
        receivedFrom: new Date(`${filter.receivedFrom}T00:00:00+08:00`),
      });
    if (filter.receivedTo)
      qb.andWhere('request.receivedAt < :receivedTo', {
        receivedTo: new Date(`${addDays(filter.receivedTo, 1)}T00:00:00+08:00`),
      });
    const today = filter.today ?? todayIn('Asia/Shanghai');
    if (filter.overdue === true)
      qb.andWhere("request.status <> 'RESOLVED' AND request.dueOn < :overdueToday", { overdueToday: today });
    if (filter.overdue === false)
      qb.andWhere("(request.status = 'RESOLVED' OR request.dueOn >= :overdueToday)", { overdueToday: today });
    const search = text(filter.search);
    if (search) qb.andWhere('request.content LIKE :search', { search: `%${search}%` });
  },
};

export function createRequest(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateRequestInput,
  cipher: PiiCipher | null = null,
): Promise<RequestRecord> {
  return createRecord(dataSource, requestResource, scope, actor, input, { cipher });
}

export function updateRequest(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateRequestInput,
  cipher: PiiCipher | null = null,
): Promise<RequestRecord> {
  return updateRecord(dataSource, requestResource, scope, actor, id, input, { cipher });
}

/**
 * Moves a request on: RECEIVED → IN_PROGRESS → RESOLVED (or RECEIVED → RESOLVED for a simple one);
 * resolving needs the feedback given to the requester ("件件有回音").
 */
export function advanceRequest(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: AdvanceRequestInput,
): Promise<RequestRecord> {
  return changeRecord(dataSource, requestResource, scope, actor, id, async (ctx, existing) => {
    const problems = new Problems();
    checkRequiredEnum(problems, 'status', input.status, REQUEST_STATUSES, '诉求状态');
    checkOptionalText(problems, 'feedback', input.feedback, '反馈情况', 5000);
    checkOptionalText(problems, 'handledBy', input.handledBy, '承办人或队伍', 100);
    const at = toInstant(input.at, new Date());
    if (!at) problems.add('at', 'DATE_INVALID', '时间无效');
    else if (at.getTime() < existing.receivedAt.getTime())
      problems.add('at', 'DATE_ORDER', '办理时间不能早于受理时间');
    problems.throwIfAny();
    const feedback = text(input.feedback) ?? existing.feedback;
    const status = nextRequestStatus(existing.status, input.status, feedback);
    if (
      input.handlerMemberId &&
      !(
        isId(input.handlerMemberId) &&
        (await ctx.manager.getRepository(Member).existsBy({ id: input.handlerMemberId }))
      )
    ) {
      throw DomainError.badInput([
        { field: 'handlerMemberId', reason: 'MEMBER_NOT_FOUND', message: '所选党员不存在' },
      ]);
    }
    const newFeedback = text(input.feedback);
    return {
      status,
      feedback,
      feedbackAt: newFeedback ? at : existing.feedbackAt,
      handledBy: text(input.handledBy) ?? existing.handledBy,
      handlerMemberId: input.handlerMemberId ?? existing.handlerMemberId,
      startedAt: existing.startedAt ?? at,
      resolvedAt: status === 'RESOLVED' ? at : existing.resolvedAt,
    };
  });
}

export function deleteRequest(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<RequestRecord> {
  return deleteRecord(dataSource, requestResource, scope, actor, id);
}

export function getRequest(dataSource: DataSource, scope: DataScope, id: string): Promise<RequestRecord> {
  return getRecord(dataSource, requestResource, scope, id);
}

export function listRequests(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<RequestFilter, RequestSortField> = {},
): Promise<Connection<RequestRecord>> {
  return listRecords(dataSource, requestResource, scope, args);
}

export interface RequestStatsRow {
  communityOrganizationId: string;
  communityName: string;
  count: number;
  byStatus: Record<RequestStatus, number>;
  /** Requests that had feedback (回音). */
  answeredCount: number;
  /** Median hours from receipt to the first feedback, over the answered ones; null when none. */
  medianHoursToFeedback: number | null;
  /** Not resolved and past the due day. */
  overdueCount: number;
}

export interface RequestStats {
  today: string;
  rows: RequestStatsRow[];
  total: Omit<RequestStatsRow, 'communityOrganizationId' | 'communityName'>;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function statsOf(rows: RequestRecord[], today: string, settings: Awaited<ReturnType<typeof loadSettings>>) {
  const byStatus = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
  for (const row of rows) byStatus[row.status] += 1;
  const answered = rows.filter((row) => row.feedbackAt);
  return {
    count: rows.length,
    byStatus,
    answeredCount: answered.length,
    medianHoursToFeedback: median(
      answered.map((row) => (row.feedbackAt!.getTime() - row.receivedAt.getTime()) / 3_600_000),
    ),
    overdueCount: rows.filter((row) =>
      row.dueOn
        ? row.status !== 'RESOLVED' && row.dueOn < today
        : isRequestOverdue({ status: row.status, receivedOn: dayOf(row.receivedAt) }, today, settings),
    ).length,
  };
}

/** Per community: how many requests, how many answered, the median hours to feedback, and overdue ones. */
export async function getRequestStats(
  dataSource: DataSource,
  scope: DataScope,
  options: { from?: string; to?: string; today?: string; source?: RequestSource } = {},
): Promise<RequestStats> {
  const today = options.today ?? todayIn('Asia/Shanghai');
  const manager = dataSource.manager;
  const settings = await loadSettings(manager);
  const qb = scopedResourceQuery(manager, requestResource, scope);
  if (options.from)
    qb.andWhere('request.receivedAt >= :from', { from: new Date(`${options.from}T00:00:00+08:00`) });
  if (options.to)
    qb.andWhere('request.receivedAt < :to', { to: new Date(`${addDays(options.to, 1)}T00:00:00+08:00`) });
  if (options.source) qb.andWhere('request.source = :source', { source: options.source });
  const requests = await qb.getMany();
  const communityIds = [...new Set(requests.map((r) => r.communityOrganizationId))];
  const communities = communityIds.length
    ? await manager
        .getRepository(Organization)
        .createQueryBuilder('o')
        .where('o.id IN (:...ids)', { ids: communityIds })
        .withDeleted()
        .getMany()
    : [];
  const rows = communities
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
    .map((community) => ({
      communityOrganizationId: community.id,
      communityName: community.name,
      ...statsOf(
        requests.filter((r) => r.communityOrganizationId === community.id),
        today,
        settings,
      ),
    }));
  return { today, rows, total: statsOf(requests, today, settings) };
}

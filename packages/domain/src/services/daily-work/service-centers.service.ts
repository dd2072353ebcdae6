import type { DataSource } from 'typeorm';
import {
  CENTER_LEVELS,
  CENTER_STAGES,
  SHARING_ROUTES,
  ServiceCenter,
  type CenterLevel,
  type CenterStage,
  type SharingRoute,
} from '../../entities/daily-work/service-center.entity.js';
import {
  SERVICE_CATEGORIES,
  ServiceRecord,
  type ServiceCategory,
} from '../../entities/daily-work/service-record.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import {
  centerAreaShortfall,
  centerStandardMet,
  checkDateOrder,
  checkNonNegative,
  checkRequiredText,
  maskName,
  requiredCenterArea,
} from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkCount,
  checkEnum,
  checkNotFuture,
  checkOptionalDay,
  checkOptionalText,
  checkRequiredDay,
  checkRequiredEnum,
  loadSettings,
  organizationInScope,
  scopedQuery,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import {
  createRecord,
  deleteRecord,
  findInScope,
  getRecord,
  listRecords,
  updateRecord,
  type SubtreeFilter,
  type Resource,
} from './resource.js';

// ---------------------------------------------------------------- service centres (党群服务中心)

export interface CreateServiceCenterInput {
  organizationId: string;
  name: string;
  level: CenterLevel;
  /** 建筑面积, m² (two decimals). */
  areaM2: number;
  stage: CenterStage;
  householdsServed?: number | null;
  /** How the community reaches the area standard while below it. */
  sharingRoute?: SharingRoute | null;
  facilities?: string[] | null;
  address?: string | null;
  constructionStartsOn?: string | null;
  openedOn?: string | null;
}
export type UpdateServiceCenterInput = Partial<CreateServiceCenterInput>;
export interface ServiceCenterFilter extends SubtreeFilter {
  level?: CenterLevel | null;
  stage?: CenterStage[] | null;
  standardMet?: boolean | null;
}
export type ServiceCenterSortField = 'NAME' | 'AREA' | 'CREATED_AT';

export const serviceCenterResource: Resource<
  ServiceCenter,
  CreateServiceCenterInput,
  ServiceCenterFilter,
  ServiceCenterSortField
> = {
  entity: ServiceCenter,
  entityType: 'ServiceCenter',
  label: '党群服务中心',
  alias: 'center',
  orgIdExpression: 'center.organizationId',
  softDelete: true,
  sortColumns: { NAME: 'name', AREA: 'areaM2', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'NAME', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredText(problems, 'name', input.name, '中心名称', 100);
    checkRequiredEnum(problems, 'level', input.level, CENTER_LEVELS, '层级');
    checkRequiredEnum(problems, 'stage', input.stage, CENTER_STAGES, '建设阶段');
    if (input.areaM2 === undefined || input.areaM2 === null)
      problems.add('areaM2', 'REQUIRED', '请填写建筑面积');
    else if (checkNonNegative(problems, 'areaM2', input.areaM2, '建筑面积') && input.areaM2 >= 1_000_000) {
      problems.add('areaM2', 'TOO_LARGE', '建筑面积过大，请核对单位是否为平方米');
    }
    checkCount(problems, 'householdsServed', input.householdsServed, '服务户数');
    checkEnum(problems, 'sharingRoute', input.sharingRoute, SHARING_ROUTES, '达标途径');
    checkOptionalText(problems, 'address', input.address, '地址', 200);
    const facilities = (input.facilities ?? []).map((f) => String(f).trim()).filter(Boolean);
    if (facilities.some((f) => Array.from(f).length > 30))
      problems.add('facilities', 'TOO_LONG', '功能室名称不能超过 30 个字');
    checkOptionalDay(problems, 'constructionStartsOn', input.constructionStartsOn, '开工日期');
    if (checkOptionalDay(problems, 'openedOn', input.openedOn, '投用日期')) {
      checkNotFuture(problems, 'openedOn', input.openedOn, '投用日期', ctx.today);
      checkDateOrder(
        problems,
        'constructionStartsOn',
        input.constructionStartsOn,
        'openedOn',
        input.openedOn,
        {
          start: '开工日期',
          end: '投用日期',
        },
      );
    }
    if (input.stage !== 'OPEN' && input.openedOn)
      problems.add('openedOn', 'STAGE_MISMATCH', '尚未投用的中心不应填写投用日期');
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    if (input.level === 'COMMUNITY' && organization.category !== 'COMMUNITY') {
      throw DomainError.badInput([
        {
          field: 'organizationId',
          reason: 'NOT_A_COMMUNITY',
          message: `社区级党群服务中心应属于社区党组织，「${organization.name}」不是`,
        },
      ]);
    }
    const other = await ctx.manager
      .getRepository(ServiceCenter)
      .findOne({ where: { name: input.name.trim() }, withDeleted: true });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(`已有名为「${input.name.trim()}」的党群服务中心`, 'SERVICE_CENTER_EXISTS', {
        id: other.id,
      });
    }
    const areaM2 = Math.round(input.areaM2 * 100) / 100;
    const standardMet = centerStandardMet(areaM2, input.householdsServed ?? 0, ctx.settings);
    return {
      organizationId: organization.id,
      name: input.name.trim(),
      level: input.level,
      areaM2,
      stage: input.stage,
      householdsServed: input.householdsServed ?? null,
      standardMet,
      // A route is what a centre below the standard is doing about it; a centre that meets it needs none.
      sharingRoute: standardMet ? null : (input.sharingRoute ?? null),
      facilities,
      address: text(input.address),
      constructionStartsOn: input.constructionStartsOn ?? null,
      openedOn: input.openedOn ?? null,
    };
  },
  applyFilter(qb, filter) {
    if (filter.level) qb.andWhere('center.level = :level', { level: filter.level });
    if (filter.stage?.length) qb.andWhere('center.stage IN (:...stages)', { stages: filter.stage });
    if (filter.standardMet !== undefined && filter.standardMet !== null) {
      qb.andWhere('center.standardMet = :standardMet', { standardMet: filter.standardMet });
    }
  },
};

export function createServiceCenter(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateServiceCenterInput,
): Promise<ServiceCenter> {
  return createRecord(dataSource, serviceCenterResource, scope, actor, input);
}

export function updateServiceCenter(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateServiceCenterInput,
): Promise<ServiceCenter> {
  return updateRecord(dataSource, serviceCenterResource, scope, actor, id, input);
}

export function deleteServiceCenter(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<ServiceCenter> {
  return deleteRecord(dataSource, serviceCenterResource, scope, actor, id);
}

export function getServiceCenter(
  dataSource: DataSource,
  scope: DataScope,
  id: string,
): Promise<ServiceCenter> {
  return getRecord(dataSource, serviceCenterResource, scope, id);
}

export function listServiceCenters(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<ServiceCenterFilter, ServiceCenterSortField> = {},
): Promise<Connection<ServiceCenter>> {
  return listRecords(dataSource, serviceCenterResource, scope, args);
}

export interface ServiceCenterStandardRow {
  center: ServiceCenter;
  requiredAreaM2: number;
  shortfallM2: number;
}

/** Each centre against the area standard in force (the settings may have changed since it was saved). */
export async function getServiceCenterStandards(
  dataSource: DataSource,
  scope: DataScope,
): Promise<ServiceCenterStandardRow[]> {
  const settings = await loadSettings(dataSource.manager);
  const centers = await scopedQuery(
    dataSource.manager,
    ServiceCenter,
    'center',
    'center.organizationId',
    scope,
  )
    .orderBy('center.level', 'DESC')
    .addOrderBy('center.name', 'ASC')
    .getMany();
  return centers.map((center) => ({
    center,
    requiredAreaM2: requiredCenterArea(center.householdsServed ?? 0, settings),
    shortfallM2: centerAreaShortfall(center.areaM2, center.householdsServed ?? 0, settings),
  }));
}

// ---------------------------------------------------------------- service records (八大类服务)

export interface CreateServiceRecordInput {
  centerId: string;
  category: ServiceCategory;
  servedOn: string;
  /** Stored masked (张*). */
  servedPerson?: string | null;
  handledBy?: string | null;
  note?: string | null;
}
export type UpdateServiceRecordInput = Partial<CreateServiceRecordInput>;
export interface ServiceRecordFilter extends SubtreeFilter {
  centerId?: string | null;
  category?: ServiceCategory[] | null;
  servedFrom?: string | null;
  servedTo?: string | null;
}
export type ServiceRecordSortField = 'SERVED_ON';

export const serviceRecordResource: Resource<
  ServiceRecord,
  CreateServiceRecordInput,
  ServiceRecordFilter,
  ServiceRecordSortField
> = {
  entity: ServiceRecord,
  entityType: 'ServiceRecord',
  label: '服务记录',
  alias: 'record',
  orgIdExpression: 'record.organizationId',
  softDelete: false,
  sortColumns: { SERVED_ON: 'servedOn' },
  defaultSort: { field: 'SERVED_ON', direction: 'DESC' },
  async prepare(ctx, input) {
    const problems = new Problems();
    checkRequiredEnum(problems, 'category', input.category, SERVICE_CATEGORIES, '服务类别');
    if (checkRequiredDay(problems, 'servedOn', input.servedOn, '服务日期')) {
      checkNotFuture(problems, 'servedOn', input.servedOn, '服务日期', ctx.today);
    }
    checkOptionalText(problems, 'servedPerson', input.servedPerson, '服务对象', 50);
    checkOptionalText(problems, 'handledBy', input.handledBy, '经办人', 50);
    checkOptionalText(problems, 'note', input.note, '备注', 500);
    problems.throwIfAny();
    const center = await findInScope(ctx.manager, serviceCenterResource, ctx.scope, input.centerId);
    if (center.stage !== 'OPEN') {
      throw DomainError.badInput([
        { field: 'centerId', reason: 'CENTER_NOT_OPEN', message: `「${center.name}」尚未投用，不能登记服务` },
      ]);
    }
    const person = text(input.servedPerson);
    return {
      centerId: center.id,
      organizationId: center.organizationId,
      category: input.category,
      servedOn: input.servedOn,
      // Already-masked names stay as they are; a full name is cut to its surname.
      servedPerson: person ? (person.endsWith('*') ? person : maskName(person)) : null,
      handledBy: text(input.handledBy),
      note: text(input.note),
    };
  },
  applyFilter(qb, filter) {
    if (filter.centerId) qb.andWhere('record.centerId = :centerId', { centerId: filter.centerId });
    if (filter.category?.length)
      qb.andWhere('record.category IN (:...categories)', { categories: filter.category });
    if (filter.servedFrom) qb.andWhere('record.servedOn >= :servedFrom', { servedFrom: filter.servedFrom });
    if (filter.servedTo) qb.andWhere('record.servedOn <= :servedTo', { servedTo: filter.servedTo });
  },
};

export function createServiceRecord(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateServiceRecordInput,
): Promise<ServiceRecord> {
  return createRecord(dataSource, serviceRecordResource, scope, actor, input);
}

export function updateServiceRecord(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateServiceRecordInput,
): Promise<ServiceRecord> {
  return updateRecord(dataSource, serviceRecordResource, scope, actor, id, input);
}

export function deleteServiceRecord(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<ServiceRecord> {
  return deleteRecord(dataSource, serviceRecordResource, scope, actor, id);
}

export function getServiceRecord(
  dataSource: DataSource,
  scope: DataScope,
  id: string,
): Promise<ServiceRecord> {
  return getRecord(dataSource, serviceRecordResource, scope, id);
}

export function listServiceRecords(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<ServiceRecordFilter, ServiceRecordSortField> = {},
): Promise<Connection<ServiceRecord>> {
  return listRecords(dataSource, serviceRecordResource, scope, args);
}

/** Services given per category (八大类), in the order of the categories. */
export async function getServiceRecordTotals(
  dataSource: DataSource,
  scope: DataScope,
  options: { from?: string; to?: string; centerId?: string } = {},
): Promise<Array<{ category: ServiceCategory; count: number }>> {
  const qb = scopedQuery(dataSource.manager, ServiceRecord, 'record', 'record.organizationId', scope)
    .select('record.category', 'category')
    .addSelect('COUNT(*)', 'count')
    .groupBy('record.category');
  if (options.from) qb.andWhere('record.servedOn >= :from', { from: options.from });
  if (options.to) qb.andWhere('record.servedOn <= :to', { to: options.to });
  if (options.centerId) qb.andWhere('record.centerId = :centerId', { centerId: options.centerId });
  const rows = await qb.getRawMany<{ category: ServiceCategory; count: string }>();
  const counts = new Map(rows.map((row) => [row.category, Number(row.count)]));
  return SERVICE_CATEGORIES.map((category) => ({ category, count: counts.get(category) ?? 0 }));
}

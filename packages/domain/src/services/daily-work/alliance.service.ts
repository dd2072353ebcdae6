import type { DataSource } from 'typeorm';
import {
  Alliance,
  AllianceUnit,
  LINKAGE_TYPES,
  LinkageProject,
  type LinkageType,
} from '../../entities/daily-work/alliance.entity.js';
import { Unit } from '../../entities/daily-work/unit.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import { checkDateOrder, checkRequiredText } from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkNotFuture,
  checkOptionalDay,
  checkOptionalText,
  checkRequiredDay,
  checkRequiredEnum,
  isId,
  organizationInScope,
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
  scopedResourceQuery,
  updateRecord,
  type SubtreeFilter,
  type Resource,
} from './resource.js';

// ---------------------------------------------------------------- alliances (区域化党建联合体)

export interface CreateAllianceInput {
  organizationId: string;
  name: string;
  establishedOn?: string | null;
  description?: string | null;
}
export type UpdateAllianceInput = Partial<CreateAllianceInput>;
export type AllianceFilter = SubtreeFilter;
export type AllianceSortField = 'NAME' | 'CREATED_AT';

export const allianceResource: Resource<Alliance, CreateAllianceInput, AllianceFilter, AllianceSortField> = {
  entity: Alliance,
  entityType: 'Alliance',
  label: '区域化党建联合体',
  alias: 'alliance',
  orgIdExpression: 'alliance.organizationId',
  softDelete: true,
  sortColumns: { NAME: 'name', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'NAME', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredText(problems, 'name', input.name, '联合体名称', 100);
    if (checkOptionalDay(problems, 'establishedOn', input.establishedOn, '成立日期')) {
      checkNotFuture(problems, 'establishedOn', input.establishedOn, '成立日期', ctx.today);
    }
    checkOptionalText(problems, 'description', input.description, '简介', 5000);
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    const other = await ctx.manager
      .getRepository(Alliance)
      .findOne({ where: { name: input.name.trim() }, withDeleted: true });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(`已有名为「${input.name.trim()}」的联合体`, 'ALLIANCE_EXISTS', {
        id: other.id,
      });
    }
    return {
      organizationId: organization.id,
      name: input.name.trim(),
      establishedOn: input.establishedOn ?? null,
      description: text(input.description),
    };
  },
};

export function createAlliance(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateAllianceInput,
): Promise<Alliance> {
  return createRecord(dataSource, allianceResource, scope, actor, input);
}

export function updateAlliance(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateAllianceInput,
): Promise<Alliance> {
  return updateRecord(dataSource, allianceResource, scope, actor, id, input);
}

export function deleteAlliance(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Alliance> {
  return deleteRecord(dataSource, allianceResource, scope, actor, id);
}

export function getAlliance(dataSource: DataSource, scope: DataScope, id: string): Promise<Alliance> {
  return getRecord(dataSource, allianceResource, scope, id);
}

export function listAlliances(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<AllianceFilter, AllianceSortField> = {},
): Promise<Connection<Alliance>> {
  return listRecords(dataSource, allianceResource, scope, args);
}

// ---------------------------------------------------------------- alliance units (共建单位)

export interface CreateAllianceUnitInput {
  allianceId: string;
  /** A registered unit; its name is used when `name` is not given. */
  unitId?: string | null;
  name?: string | null;
  joinedOn?: string | null;
  leftOn?: string | null;
}
export type UpdateAllianceUnitInput = Partial<Omit<CreateAllianceUnitInput, 'allianceId'>>;
export interface AllianceUnitFilter extends SubtreeFilter {
  allianceId?: string | null;
  /** Still in the alliance on this day. */
  activeOn?: string | null;
}
export type AllianceUnitSortField = 'NAME' | 'JOINED_ON_ID';

export const allianceUnitResource: Resource<
  AllianceUnit,
  CreateAllianceUnitInput,
  AllianceUnitFilter,
  AllianceUnitSortField
> = {
  entity: AllianceUnit,
  entityType: 'AllianceUnit',
  label: '共建单位',
  alias: 'member_unit',
  parentJoin: { entity: Alliance, alias: 'alliance', condition: 'alliance.id = member_unit.allianceId' },
  orgIdExpression: 'alliance.organizationId',
  softDelete: false,
  sortColumns: { NAME: 'name', JOINED_ON_ID: 'id' },
  defaultSort: { field: 'NAME', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkOptionalText(problems, 'name', input.name, '单位名称', 100);
    if (!input.unitId && !text(input.name)) problems.add('name', 'REQUIRED', '请选择单位或填写单位名称');
    checkOptionalDay(problems, 'joinedOn', input.joinedOn, '加入日期');
    checkDateOrder(problems, 'joinedOn', input.joinedOn, 'leftOn', input.leftOn, {
      start: '加入日期',
      end: '退出日期',
    });
    problems.throwIfAny();
    const alliance = await findInScope(ctx.manager, allianceResource, ctx.scope, input.allianceId);
    let name = text(input.name);
    if (input.unitId) {
      const unit = isId(input.unitId)
        ? await ctx.manager.getRepository(Unit).findOneBy({ id: input.unitId })
        : null;
      if (!unit)
        throw DomainError.badInput([
          { field: 'unitId', reason: 'UNIT_NOT_FOUND', message: '所选单位不存在' },
        ]);
      name ??= unit.name;
    }
    const other = await ctx.manager
      .getRepository(AllianceUnit)
      .findOneBy({ allianceId: alliance.id, name: name! });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(`「${name}」已是本联合体的共建单位`, 'ALLIANCE_UNIT_EXISTS', {
        id: other.id,
      });
    }
    return {
      allianceId: alliance.id,
      unitId: input.unitId ?? null,
      name: name!,
      joinedOn: input.joinedOn ?? null,
      leftOn: input.leftOn ?? null,
    };
  },
  applyFilter(qb, filter) {
    if (filter.allianceId)
      qb.andWhere('member_unit.allianceId = :allianceId', { allianceId: filter.allianceId });
    if (filter.activeOn) {
      qb.andWhere(
        '(member_unit.joinedOn IS NULL OR member_unit.joinedOn <= :activeOn) AND (member_unit.leftOn IS NULL OR member_unit.leftOn >= :activeOn)',
        { activeOn: filter.activeOn },
      );
    }
  },
};

export function createAllianceUnit(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateAllianceUnitInput,
): Promise<AllianceUnit> {
  return createRecord(dataSource, allianceUnitResource, scope, actor, input);
}

export function updateAllianceUnit(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateAllianceUnitInput,
): Promise<AllianceUnit> {
  return updateRecord(dataSource, allianceUnitResource, scope, actor, id, input);
}

export function deleteAllianceUnit(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<AllianceUnit> {
  return deleteRecord(dataSource, allianceUnitResource, scope, actor, id);
}

export function getAllianceUnit(dataSource: DataSource, scope: DataScope, id: string): Promise<AllianceUnit> {
  return getRecord(dataSource, allianceUnitResource, scope, id);
}

export function listAllianceUnits(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<AllianceUnitFilter, AllianceUnitSortField> = {},
): Promise<Connection<AllianceUnit>> {
  return listRecords(dataSource, allianceUnitResource, scope, args);
}

// ---------------------------------------------------------------- linkage projects (七项联动)

export interface CreateLinkageProjectInput {
  allianceId: string;
  linkageType: LinkageType;
  title: string;
  /** Units of this alliance taking part. */
  allianceUnitIds?: string[] | null;
  heldOn: string;
  outcome?: string | null;
}
export type UpdateLinkageProjectInput = Partial<Omit<CreateLinkageProjectInput, 'allianceId'>>;
export interface LinkageProjectFilter extends SubtreeFilter {
  allianceId?: string | null;
  linkageType?: LinkageType[] | null;
  heldFrom?: string | null;
  heldTo?: string | null;
}
export type LinkageProjectSortField = 'HELD_ON';

export const linkageProjectResource: Resource<
  LinkageProject,
  CreateLinkageProjectInput,
  LinkageProjectFilter,
  LinkageProjectSortField
> = {
  entity: LinkageProject,
  entityType: 'LinkageProject',
  label: '联动项目',
  alias: 'project',
  parentJoin: { entity: Alliance, alias: 'alliance', condition: 'alliance.id = project.allianceId' },
  orgIdExpression: 'alliance.organizationId',
  softDelete: true,
  sortColumns: { HELD_ON: 'heldOn' },
  defaultSort: { field: 'HELD_ON', direction: 'DESC' },
  async prepare(ctx, input) {
    const problems = new Problems();
    checkRequiredEnum(problems, 'linkageType', input.linkageType, LINKAGE_TYPES, '联动类型');
    checkRequiredText(problems, 'title', input.title, '项目名称', 200);
    checkRequiredDay(problems, 'heldOn', input.heldOn, '开展日期');
    checkOptionalText(problems, 'outcome', input.outcome, '成效', 5000);
    const unitIds = [...new Set(input.allianceUnitIds ?? [])];
    if (unitIds.some((id) => !isId(id)))
      problems.add('allianceUnitIds', 'ALLIANCE_UNIT_NOT_FOUND', '参与单位无效');
    problems.throwIfAny();
    const alliance = await findInScope(ctx.manager, allianceResource, ctx.scope, input.allianceId);
    if (unitIds.length) {
      const found = await ctx.manager
        .getRepository(AllianceUnit)
        .createQueryBuilder('u')
        .where('u.allianceId = :allianceId AND u.id IN (:...ids)', { allianceId: alliance.id, ids: unitIds })
        .getCount();
      if (found !== unitIds.length) {
        throw DomainError.badInput([
          {
            field: 'allianceUnitIds',
            reason: 'ALLIANCE_UNIT_NOT_FOUND',
            message: '参与单位须是本联合体的共建单位',
          },
        ]);
      }
    }
    return {
      allianceId: alliance.id,
      linkageType: input.linkageType,
      title: input.title.trim(),
      allianceUnitIds: unitIds,
      heldOn: input.heldOn,
      outcome: text(input.outcome),
    };
  },
  applyFilter(qb, filter) {
    if (filter.allianceId) qb.andWhere('project.allianceId = :allianceId', { allianceId: filter.allianceId });
    if (filter.linkageType?.length)
      qb.andWhere('project.linkageType IN (:...types)', { types: filter.linkageType });
    if (filter.heldFrom) qb.andWhere('project.heldOn >= :heldFrom', { heldFrom: filter.heldFrom });
    if (filter.heldTo) qb.andWhere('project.heldOn <= :heldTo', { heldTo: filter.heldTo });
  },
};

export function createLinkageProject(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateLinkageProjectInput,
): Promise<LinkageProject> {
  return createRecord(dataSource, linkageProjectResource, scope, actor, input);
}

export function updateLinkageProject(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateLinkageProjectInput,
): Promise<LinkageProject> {
  return updateRecord(dataSource, linkageProjectResource, scope, actor, id, input);
}

export function deleteLinkageProject(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<LinkageProject> {
  return deleteRecord(dataSource, linkageProjectResource, scope, actor, id);
}

export function getLinkageProject(
  dataSource: DataSource,
  scope: DataScope,
  id: string,
): Promise<LinkageProject> {
  return getRecord(dataSource, linkageProjectResource, scope, id);
}

export function listLinkageProjects(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<LinkageProjectFilter, LinkageProjectSortField> = {},
): Promise<Connection<LinkageProject>> {
  return listRecords(dataSource, linkageProjectResource, scope, args);
}

/** Projects per linkage type (七项联动), in the order of the types. */
export async function getLinkageTotals(
  dataSource: DataSource,
  scope: DataScope,
  options: { allianceId?: string; from?: string; to?: string } = {},
): Promise<Array<{ linkageType: LinkageType; count: number }>> {
  const qb = scopedResourceQuery(dataSource.manager, linkageProjectResource, scope);
  qb.select('project.linkageType', 'linkageType')
    .addSelect('COUNT(*)', 'count')
    .groupBy('project.linkageType');
  if (options.allianceId) qb.andWhere('project.allianceId = :allianceId', { allianceId: options.allianceId });
  if (options.from) qb.andWhere('project.heldOn >= :from', { from: options.from });
  if (options.to) qb.andWhere('project.heldOn <= :to', { to: options.to });
  const rows = await qb.getRawMany<{ linkageType: LinkageType; count: string }>();
  return LINKAGE_TYPES.map((linkageType) => ({
    linkageType,
    count: Number(rows.find((r) => r.linkageType === linkageType)?.count ?? 0),
  }));
}

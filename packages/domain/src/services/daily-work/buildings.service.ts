import type { DataSource } from 'typeorm';
import { Organization } from '../../entities/organization.entity.js';
import { User } from '../../entities/user.entity.js';
import { Building, BuildingStation } from '../../entities/daily-work/building.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import { checkRequiredText } from '../../rules/index.js';
import { inScope, type DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkCount,
  checkNotFuture,
  checkOptionalDay,
  checkOptionalText,
  changedOrganizationsInScope,
  isId,
  organizationInScope,
  organizationKeptOrInScope,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import { buildingWithinStation, ownerInScope, stationWithinStation } from './building-scope.js';
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

// ---------------------------------------------------------------- buildings (楼宇)

export interface CreateBuildingInput {
  name: string;
  address?: string | null;
  communityOrganizationId: string;
  /** The building's Party branch. */
  branchOrganizationId?: string | null;
  /** The station that covers it. */
  stationId?: string | null;
  floors?: number | null;
}
export type UpdateBuildingInput = Partial<CreateBuildingInput>;
export interface BuildingFilter extends SubtreeFilter {
  search?: string | null;
  stationId?: string | null;
}
export type BuildingSortField = 'NAME' | 'CREATED_AT';

export const buildingResource: Resource<Building, CreateBuildingInput, BuildingFilter, BuildingSortField> = {
  entity: Building,
  entityType: 'Building',
  label: '楼宇',
  alias: 'building',
  orgIdExpression: 'building.communityOrganizationId',
  alsoInScope: (qb, scope) => buildingWithinStation(qb, 'building', scope),
  softDelete: true,
  sortColumns: { NAME: 'name', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'NAME', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredText(problems, 'name', input.name, '楼宇名称', 100);
    checkOptionalText(problems, 'address', input.address, '地址', 200);
    checkCount(problems, 'floors', input.floors, '楼层数');
    problems.throwIfAny();
    const community = await organizationKeptOrInScope(
      ctx.manager,
      ctx.scope,
      input.communityOrganizationId,
      existing?.communityOrganizationId,
    );
    if (!inScope(community.path, ctx.scope)) {
      await changedOrganizationsInScope(ctx.manager, ctx.scope, [
        { to: input.branchOrganizationId, from: existing?.branchOrganizationId },
      ]);
      if (input.stationId && input.stationId !== existing?.stationId)
        await findInScope(ctx.manager, buildingStationResource, ctx.scope, input.stationId);
    }
    if (input.branchOrganizationId) {
      const branch = isId(input.branchOrganizationId)
        ? await ctx.manager.getRepository(Organization).findOneBy({ id: input.branchOrganizationId })
        : null;
      if (!branch)
        throw DomainError.badInput([
          { field: 'branchOrganizationId', reason: 'ORGANIZATION_NOT_FOUND', message: '所选党组织不存在' },
        ]);
    }
    if (input.stationId) {
      const station = isId(input.stationId)
        ? await ctx.manager.getRepository(BuildingStation).findOneBy({ id: input.stationId })
        : null;
      if (!station)
        throw DomainError.badInput([
          { field: 'stationId', reason: 'STATION_NOT_FOUND', message: '所选楼宇党建指导站不存在' },
        ]);
    }
    const other = await ctx.manager
      .getRepository(Building)
      .findOne({ where: { name: input.name.trim() }, withDeleted: true });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(`已有名为「${input.name.trim()}」的楼宇`, 'BUILDING_EXISTS', {
        id: other.id,
      });
    }
    return {
      name: input.name.trim(),
      address: text(input.address),
      communityOrganizationId: community.id,
      branchOrganizationId: input.branchOrganizationId ?? null,
      stationId: input.stationId ?? null,
      floors: input.floors ?? null,
    };
  },
  async beforeDelete(ctx, existing) {
    await ownerInScope(ctx.manager, ctx.scope, existing.communityOrganizationId, '楼宇', existing.id);
  },
  applyFilter(qb, filter) {
    const search = text(filter.search);
    if (search) qb.andWhere('building.name LIKE :search', { search: `%${search}%` });
    if (filter.stationId) qb.andWhere('building.stationId = :stationId', { stationId: filter.stationId });
  },
};

export function createBuilding(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateBuildingInput,
): Promise<Building> {
  return createRecord(dataSource, buildingResource, scope, actor, input);
}

export function updateBuilding(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateBuildingInput,
): Promise<Building> {
  return updateRecord(dataSource, buildingResource, scope, actor, id, input);
}

export function deleteBuilding(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Building> {
  return deleteRecord(dataSource, buildingResource, scope, actor, id);
}

export function getBuilding(dataSource: DataSource, scope: DataScope, id: string): Promise<Building> {
  return getRecord(dataSource, buildingResource, scope, id);
}

export function listBuildings(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<BuildingFilter, BuildingSortField> = {},
): Promise<Connection<Building>> {
  return listRecords(dataSource, buildingResource, scope, args);
}

// ---------------------------------------------------------------- building stations (楼宇党建指导站)

export interface CreateBuildingStationInput {
  name: string;
  /** The organisation the station works under. */
  organizationId: string;
  headName?: string | null;
  /** Console users (role STATION_STAFF) who work the station. */
  staffUserIds?: string[] | null;
  address?: string | null;
  establishedOn?: string | null;
}
export type UpdateBuildingStationInput = Partial<CreateBuildingStationInput>;
export interface BuildingStationFilter extends SubtreeFilter {
  search?: string | null;
}
export type BuildingStationSortField = 'NAME' | 'CREATED_AT';

export const buildingStationResource: Resource<
  BuildingStation,
  CreateBuildingStationInput,
  BuildingStationFilter,
  BuildingStationSortField
> = {
  entity: BuildingStation,
  entityType: 'BuildingStation',
  label: '楼宇党建指导站',
  alias: 'station',
  orgIdExpression: 'station.organizationId',
  // Its staff see it through their buildings; changing it (and who works it) stays with its
  // organisation: `prepare` wants that in scope, and so does a delete.
  alsoInScope: (qb, scope) => stationWithinStation(qb, 'station.id', scope),
  async beforeDelete(ctx, existing) {
    await ownerInScope(ctx.manager, ctx.scope, existing.organizationId, '楼宇党建指导站', existing.id);
  },
  softDelete: true,
  sortColumns: { NAME: 'name', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'NAME', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredText(problems, 'name', input.name, '指导站名称', 100);
    checkOptionalText(problems, 'headName', input.headName, '站长', 50);
    checkOptionalText(problems, 'address', input.address, '地址', 200);
    if (checkOptionalDay(problems, 'establishedOn', input.establishedOn, '成立日期')) {
      checkNotFuture(problems, 'establishedOn', input.establishedOn, '成立日期', ctx.today);
    }
    const staffUserIds = [...new Set(input.staffUserIds ?? [])];
    if (staffUserIds.some((id) => !isId(id)))
      problems.add('staffUserIds', 'USER_NOT_FOUND', '工作人员账号无效');
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    if (staffUserIds.length) {
      const found = await ctx.manager
        .getRepository(User)
        .createQueryBuilder('u')
        .where('u.id IN (:...ids)', { ids: staffUserIds })
        .getCount();
      if (found !== staffUserIds.length) {
        throw DomainError.badInput([
          { field: 'staffUserIds', reason: 'USER_NOT_FOUND', message: '有工作人员账号不存在' },
        ]);
      }
    }
    const other = await ctx.manager
      .getRepository(BuildingStation)
      .findOne({ where: { name: input.name.trim() }, withDeleted: true });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(`已有名为「${input.name.trim()}」的指导站`, 'STATION_EXISTS', {
        id: other.id,
      });
    }
    return {
      name: input.name.trim(),
      organizationId: organization.id,
      headName: text(input.headName),
      staffUserIds,
      address: text(input.address),
      establishedOn: input.establishedOn ?? null,
    };
  },
  applyFilter(qb, filter) {
    const search = text(filter.search);
    if (search) qb.andWhere('station.name LIKE :search', { search: `%${search}%` });
  },
};

export function createBuildingStation(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateBuildingStationInput,
): Promise<BuildingStation> {
  return createRecord(dataSource, buildingStationResource, scope, actor, input);
}

export function updateBuildingStation(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateBuildingStationInput,
): Promise<BuildingStation> {
  return updateRecord(dataSource, buildingStationResource, scope, actor, id, input);
}

export function deleteBuildingStation(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<BuildingStation> {
  return deleteRecord(dataSource, buildingStationResource, scope, actor, id);
}

export function getBuildingStation(
  dataSource: DataSource,
  scope: DataScope,
  id: string,
): Promise<BuildingStation> {
  return getRecord(dataSource, buildingStationResource, scope, id);
}

export function listBuildingStations(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<BuildingStationFilter, BuildingStationSortField> = {},
): Promise<Connection<BuildingStation>> {
  return listRecords(dataSource, buildingStationResource, scope, args);
}

import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  createCommunity,
  createUnit,
  deleteCommunity,
  deleteUnit,
  getCommunity,
  getCoverageReport,
  getUnit,
  listCommunities,
  listUnits,
  Permission,
  updateCommunity,
  updateUnit,
} from '@dangjian/domain';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { Organization } from '../../organization/organization.types.js';
import { Building } from '../buildings/building.types.js';
import { crudResolver } from '../common/crud.js';
import { organizationOf, workLoaders } from '../common/loaders.js';
import {
  Community,
  CommunityConnection,
  CommunityFilter,
  CommunitySortFieldEnum,
  CoverageReport,
  CreateCommunityInput,
  CreateUnitInput,
  toCommunityNode,
  toUnitNode,
  Unit,
  UnitConnection,
  UnitFilter,
  UnitSortFieldEnum,
  UpdateCommunityInput,
  UpdateUnitInput,
} from './unit.types.js';

@Resolver(() => Community)
export class CommunityResolver extends crudResolver({
  names: { list: 'communities', one: 'community', create: 'createCommunity', update: 'updateCommunity', remove: 'deleteCommunity' },
  label: '社区档案',
  node: Community,
  connection: CommunityConnection,
  filter: CommunityFilter,
  createInput: CreateCommunityInput,
  updateInput: UpdateCommunityInput,
  sortEnum: CommunitySortFieldEnum,
  defaultSort: { field: 'SORT_ORDER', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toCommunityNode,
  list: (deps, scope, args) => listCommunities(deps.dataSource, scope, args),
  get: (deps, scope, id) => getCommunity(deps.dataSource, scope, id),
  create: (deps, caller, input) => createCommunity(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateCommunity(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteCommunity(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @ResolveField(() => Organization, { nullable: true, description: '社区党组织' })
  organization(@Parent() community: Community, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, community.organizationId);
  }
}

@Resolver(() => Unit)
export class UnitResolver extends crudResolver({
  names: { list: 'units', one: 'unit', create: 'createUnit', update: 'updateUnit', remove: 'deleteUnit' },
  label: '单位',
  node: Unit,
  connection: UnitConnection,
  filter: UnitFilter,
  createInput: CreateUnitInput,
  updateInput: UpdateUnitInput,
  sortEnum: UnitSortFieldEnum,
  defaultSort: { field: 'NAME', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toUnitNode,
  list: (deps, scope, args) => listUnits(deps.dataSource, scope, args),
  get: (deps, scope, id) => getUnit(deps.dataSource, scope, id),
  create: (deps, caller, input) => createUnit(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateUnit(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteUnit(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Query(() => CoverageReport, { description: '“两个覆盖”统计（数据范围内）' })
  @Allow(Permission.READ)
  async coverageReport(@Ctx() ctx: GqlContext): Promise<CoverageReport> {
    const deps = this.deps();
    const report = await getCoverageReport(deps.dataSource, ctx.scope, { today: deps.today });
    return {
      ...report,
      unitsNeedingOwnOrganization: report.unitsNeedingOwnOrganization.map(toUnitNode),
      uncoveredUnits: report.uncoveredUnits.map(toUnitNode),
    };
  }

  @ResolveField(() => Organization, { nullable: true, description: '本单位的党组织（不在数据范围内时为空）' })
  organization(@Parent() unit: Unit, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, unit.organizationId);
  }

  @ResolveField(() => Organization, { nullable: true, description: '覆盖本单位的联合党支部（不在数据范围内时为空）' })
  jointBranchOrganization(@Parent() unit: Unit, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, unit.jointBranchOrganizationId);
  }

  @ResolveField(() => Organization, { nullable: true, description: '所在社区的党组织' })
  communityOrganization(@Parent() unit: Unit, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, unit.communityOrganizationId);
  }

  @ResolveField(() => Building, { nullable: true, description: '所在楼宇' })
  building(@Parent() unit: Unit, @Ctx() ctx: GqlContext) {
    return unit.buildingId ? workLoaders(ctx, () => this.database.dataSource).building.load(unit.buildingId) : null;
  }
}

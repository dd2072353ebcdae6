import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  createAlliance,
  createAllianceUnit,
  createLinkageProject,
  deleteAlliance,
  deleteAllianceUnit,
  deleteLinkageProject,
  getAlliance,
  getAllianceUnit,
  getLinkageProject,
  getLinkageTotals,
  listAlliances,
  listAllianceUnits,
  listLinkageProjects,
  Permission,
  updateAlliance,
  updateAllianceUnit,
  updateLinkageProject,
} from '@dangjian/domain';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { Organization } from '../../organization/organization.types.js';
import { DateScalar } from '../../common/scalars.js';
import { crudResolver } from '../common/crud.js';
import { organizationOf, workLoaders } from '../common/loaders.js';
import { toUnitNode, Unit } from '../units/unit.types.js';
import {
  Alliance,
  AllianceConnection,
  AllianceFilter,
  AllianceSortFieldEnum,
  AllianceUnit,
  AllianceUnitConnection,
  AllianceUnitFilter,
  AllianceUnitSortFieldEnum,
  CreateAllianceInput,
  CreateAllianceUnitInput,
  CreateLinkageProjectInput,
  LinkageProject,
  LinkageProjectConnection,
  LinkageProjectFilter,
  LinkageProjectSortFieldEnum,
  LinkageTotal,
  toAllianceNode,
  toAllianceUnitNode,
  toLinkageProjectNode,
  UpdateAllianceInput,
  UpdateAllianceUnitInput,
  UpdateLinkageProjectInput,
} from './alliance.types.js';

@Resolver(() => Alliance)
export class AllianceResolver extends crudResolver({
  names: { list: 'alliances', one: 'alliance', create: 'createAlliance', update: 'updateAlliance', remove: 'deleteAlliance' },
  label: '区域化党建联合体',
  node: Alliance,
  connection: AllianceConnection,
  filter: AllianceFilter,
  createInput: CreateAllianceInput,
  updateInput: UpdateAllianceInput,
  sortEnum: AllianceSortFieldEnum,
  defaultSort: { field: 'NAME', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toAllianceNode,
  list: (deps, scope, args) => listAlliances(deps.dataSource, scope, args),
  get: (deps, scope, id) => getAlliance(deps.dataSource, scope, id),
  create: (deps, caller, input) => createAlliance(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateAlliance(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteAlliance(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Query(() => [LinkageTotal], { description: '七项联动各类的项目数（数据范围内）' })
  @Allow(Permission.READ)
  async linkageTotals(
    @Ctx() ctx: GqlContext,
    @Args('allianceId', { type: () => ID, nullable: true }) allianceId: string | null,
    @Args('from', { type: () => DateScalar, nullable: true }) from: string | null,
    @Args('to', { type: () => DateScalar, nullable: true }) to: string | null,
  ): Promise<LinkageTotal[]> {
    return getLinkageTotals(this.database.dataSource, ctx.scope, {
      ...(allianceId ? { allianceId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  }

  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() alliance: Alliance, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, alliance.organizationId);
  }
}

@Resolver(() => AllianceUnit)
export class AllianceUnitResolver extends crudResolver({
  names: {
    list: 'allianceUnits',
    one: 'allianceUnit',
    create: 'createAllianceUnit',
    update: 'updateAllianceUnit',
    remove: 'deleteAllianceUnit',
  },
  label: '共建单位',
  node: AllianceUnit,
  connection: AllianceUnitConnection,
  filter: AllianceUnitFilter,
  createInput: CreateAllianceUnitInput,
  updateInput: UpdateAllianceUnitInput,
  sortEnum: AllianceUnitSortFieldEnum,
  defaultSort: { field: 'NAME', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toAllianceUnitNode,
  list: (deps, scope, args) => listAllianceUnits(deps.dataSource, scope, args),
  get: (deps, scope, id) => getAllianceUnit(deps.dataSource, scope, id),
  create: (deps, caller, input) => createAllianceUnit(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateAllianceUnit(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteAllianceUnit(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @ResolveField(() => Alliance, { nullable: true })
  alliance(@Parent() member: AllianceUnit, @Ctx() ctx: GqlContext) {
    return workLoaders(ctx, () => this.database.dataSource).alliance.load(member.allianceId);
  }

  @ResolveField(() => Unit, { nullable: true, description: '已登记的单位（不在数据范围内时为空）' })
  async unit(@Parent() member: AllianceUnit, @Ctx() ctx: GqlContext) {
    if (!member.unitId) return null;
    const unit = await workLoaders(ctx, () => this.database.dataSource).unit.load(member.unitId);
    return unit ? toUnitNode(unit) : null;
  }
}

@Resolver(() => LinkageProject)
export class LinkageProjectResolver extends crudResolver({
  names: {
    list: 'linkageProjects',
    one: 'linkageProject',
    create: 'createLinkageProject',
    update: 'updateLinkageProject',
    remove: 'deleteLinkageProject',
  },
  label: '联动项目',
  node: LinkageProject,
  connection: LinkageProjectConnection,
  filter: LinkageProjectFilter,
  createInput: CreateLinkageProjectInput,
  updateInput: UpdateLinkageProjectInput,
  sortEnum: LinkageProjectSortFieldEnum,
  defaultSort: { field: 'HELD_ON', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toLinkageProjectNode,
  list: (deps, scope, args) => listLinkageProjects(deps.dataSource, scope, args),
  get: (deps, scope, id) => getLinkageProject(deps.dataSource, scope, id),
  create: (deps, caller, input) => createLinkageProject(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateLinkageProject(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteLinkageProject(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @ResolveField(() => Alliance, { nullable: true })
  alliance(@Parent() project: LinkageProject, @Ctx() ctx: GqlContext) {
    return workLoaders(ctx, () => this.database.dataSource).alliance.load(project.allianceId);
  }
}

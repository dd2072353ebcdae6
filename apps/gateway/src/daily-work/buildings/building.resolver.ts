import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  advanceRequest,
  createBuilding,
  createBuildingStation,
  createRequest,
  deleteBuilding,
  deleteBuildingStation,
  deleteRequest,
  getBuilding,
  getBuildingStation,
  getRequest,
  getRequestStats,
  listBuildings,
  listBuildingStations,
  listRequests,
  Permission,
  REQUEST_STATUSES,
  updateBuilding,
  updateBuildingStation,
  updateRequest,
  type RequestSource,
} from '@dangjian/domain';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { Member, toMemberNode } from '../../member/member.types.js';
import { Organization } from '../../organization/organization.types.js';
import { DateScalar } from '../../common/scalars.js';
import { crudResolver } from '../common/crud.js';
import { RequestSourceEnum } from '../common/enums.js';
import { organizationOf, workLoaders } from '../common/loaders.js';
import { Unit, toUnitNode } from '../units/unit.types.js';
import {
  Building,
  BuildingConnection,
  BuildingFilter,
  BuildingSortFieldEnum,
  BuildingStation,
  BuildingStationConnection,
  BuildingStationFilter,
  BuildingStationSortFieldEnum,
  CreateBuildingInput,
  CreateBuildingStationInput,
  toBuildingNode,
  toBuildingStationNode,
  UpdateBuildingInput,
  UpdateBuildingStationInput,
} from './building.types.js';
import {
  AdvanceRequestInput,
  CreateRequestInput,
  Request,
  RequestConnection,
  RequestFilter,
  RequestSortFieldEnum,
  RequestStats,
  toRequestNode,
  UpdateRequestInput,
} from './request.types.js';

@Resolver(() => Building)
export class BuildingResolver extends crudResolver({
  names: { list: 'buildings', one: 'building', create: 'createBuilding', update: 'updateBuilding', remove: 'deleteBuilding' },
  label: '楼宇',
  node: Building,
  connection: BuildingConnection,
  filter: BuildingFilter,
  createInput: CreateBuildingInput,
  updateInput: UpdateBuildingInput,
  sortEnum: BuildingSortFieldEnum,
  defaultSort: { field: 'NAME', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toBuildingNode,
  list: (deps, scope, args) => listBuildings(deps.dataSource, scope, args),
  get: (deps, scope, id) => getBuilding(deps.dataSource, scope, id),
  create: (deps, caller, input) => createBuilding(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateBuilding(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteBuilding(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @ResolveField(() => Organization, { nullable: true, description: '所在社区的党组织' })
  communityOrganization(@Parent() building: Building, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, building.communityOrganizationId);
  }

  @ResolveField(() => Organization, { nullable: true, description: '楼宇党支部（不在数据范围内时为空）' })
  branchOrganization(@Parent() building: Building, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, building.branchOrganizationId);
  }

  @ResolveField(() => BuildingStation, { nullable: true, description: '覆盖本楼宇的指导站（不在数据范围内时为空）' })
  async station(@Parent() building: Building, @Ctx() ctx: GqlContext) {
    if (!building.stationId) return null;
    const station = await workLoaders(ctx, () => this.database.dataSource).station.load(building.stationId);
    return station ? toBuildingStationNode(station, ctx) : null;
  }
}

@Resolver(() => BuildingStation)
export class BuildingStationResolver extends crudResolver({
  names: {
    list: 'buildingStations',
    one: 'buildingStation',
    create: 'createBuildingStation',
    update: 'updateBuildingStation',
    remove: 'deleteBuildingStation',
  },
  label: '楼宇党建指导站',
  node: BuildingStation,
  connection: BuildingStationConnection,
  filter: BuildingStationFilter,
  createInput: CreateBuildingStationInput,
  updateInput: UpdateBuildingStationInput,
  sortEnum: BuildingStationSortFieldEnum,
  defaultSort: { field: 'NAME', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toBuildingStationNode,
  list: (deps, scope, args) => listBuildingStations(deps.dataSource, scope, args),
  get: (deps, scope, id) => getBuildingStation(deps.dataSource, scope, id),
  create: (deps, caller, input) => createBuildingStation(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateBuildingStation(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteBuildingStation(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() station: BuildingStation, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, station.organizationId);
  }
}

@Resolver(() => Request)
export class RequestResolver extends crudResolver({
  names: { list: 'requests', one: 'request', create: 'createRequest', update: 'updateRequest', remove: 'deleteRequest' },
  label: '诉求',
  node: Request,
  connection: RequestConnection,
  filter: RequestFilter,
  createInput: CreateRequestInput,
  updateInput: UpdateRequestInput,
  sortEnum: RequestSortFieldEnum,
  defaultSort: { field: 'RECEIVED_AT', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toRequestNode,
  list: (deps, scope, args) => listRequests(deps.dataSource, scope, { ...args, filter: { ...args.filter, today: deps.today } }),
  get: (deps, scope, id) => getRequest(deps.dataSource, scope, id),
  create: (deps, caller, input) => createRequest(deps.dataSource, caller.scope, caller.actor, input, deps.cipher),
  update: (deps, caller, id, input) => updateRequest(deps.dataSource, caller.scope, caller.actor, id, input, deps.cipher),
  remove: (deps, caller, id) => deleteRequest(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Mutation(() => Request, { description: '办理诉求的一步：受理 → 办理中 → 办结（办结须填写反馈）' })
  @Allow(Permission.MANAGE_WORK)
  async advanceRequest(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => AdvanceRequestInput }) input: AdvanceRequestInput,
  ): Promise<Request> {
    const deps = this.deps();
    return toRequestNode(await advanceRequest(deps.dataSource, ctx.scope, ctx.actor, id, input), ctx, deps);
  }

  @Query(() => RequestStats, { description: '诉求办理统计：各社区件数、回音率、反馈时长和逾期件数' })
  @Allow(Permission.READ)
  async requestStats(
    @Ctx() ctx: GqlContext,
    @Args('from', { type: () => DateScalar, nullable: true, description: '受理日期不早于' }) from: string | null,
    @Args('to', { type: () => DateScalar, nullable: true, description: '受理日期不晚于' }) to: string | null,
    @Args('source', { type: () => RequestSourceEnum, nullable: true }) source: RequestSource | null,
  ): Promise<RequestStats> {
    const deps = this.deps();
    const stats = await getRequestStats(deps.dataSource, ctx.scope, {
      today: deps.today,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(source ? { source } : {}),
    });
    const row = (values: (typeof stats.rows)[number] | typeof stats.total) => ({
      communityOrganizationId: 'communityOrganizationId' in values ? values.communityOrganizationId : null,
      communityName: 'communityName' in values ? values.communityName : null,
      count: values.count,
      byStatus: REQUEST_STATUSES.map((status) => ({ status, count: values.byStatus[status] })),
      answeredCount: values.answeredCount,
      medianHoursToFeedback: values.medianHoursToFeedback,
      overdueCount: values.overdueCount,
    });
    return { today: stats.today, rows: stats.rows.map(row), total: row(stats.total) };
  }

  @ResolveField(() => Organization, { nullable: true, description: '受理诉求的社区党组织' })
  communityOrganization(@Parent() request: Request, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, request.communityOrganizationId);
  }

  @ResolveField(() => Unit, { nullable: true, description: '提出诉求的企业（不在数据范围内时为空）' })
  async unit(@Parent() request: Request, @Ctx() ctx: GqlContext) {
    if (!request.unitId) return null;
    const unit = await workLoaders(ctx, () => this.database.dataSource).unit.load(request.unitId);
    return unit ? toUnitNode(unit) : null;
  }

  @ResolveField(() => Building, { nullable: true })
  building(@Parent() request: Request, @Ctx() ctx: GqlContext) {
    return request.buildingId ? workLoaders(ctx, () => this.database.dataSource).building.load(request.buildingId) : null;
  }

  @ResolveField(() => Member, { nullable: true, description: '承办的党员（不在数据范围内时为空）' })
  async handlerMember(@Parent() request: Request, @Ctx() ctx: GqlContext) {
    if (!request.handlerMemberId) return null;
    const member = await ctx.loaders.member.load(request.handlerMemberId);
    return member ? toMemberNode(member, ctx.principal) : null;
  }
}

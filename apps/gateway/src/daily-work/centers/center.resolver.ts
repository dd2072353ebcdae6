import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  createServiceCenter,
  createServiceRecord,
  deleteServiceCenter,
  deleteServiceRecord,
  getServiceCenter,
  getServiceCenterStandards,
  getServiceRecord,
  getServiceRecordTotals,
  listServiceCenters,
  listServiceRecords,
  Permission,
  updateServiceCenter,
  updateServiceRecord,
} from '@dangjian/domain';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { Organization } from '../../organization/organization.types.js';
import { DateScalar } from '../../common/scalars.js';
import { crudResolver } from '../common/crud.js';
import { organizationOf, workLoaders } from '../common/loaders.js';
import {
  CreateServiceCenterInput,
  CreateServiceRecordInput,
  ServiceCenter,
  ServiceCenterConnection,
  ServiceCenterFilter,
  ServiceCenterSortFieldEnum,
  ServiceCenterStandard,
  ServiceRecord,
  ServiceRecordConnection,
  ServiceRecordFilter,
  ServiceRecordSortFieldEnum,
  ServiceRecordTotal,
  toServiceCenterNode,
  toServiceRecordNode,
  UpdateServiceCenterInput,
  UpdateServiceRecordInput,
} from './center.types.js';

@Resolver(() => ServiceCenter)
export class ServiceCenterResolver extends crudResolver({
  names: {
    list: 'serviceCenters',
    one: 'serviceCenter',
    create: 'createServiceCenter',
    update: 'updateServiceCenter',
    remove: 'deleteServiceCenter',
  },
  label: '党群服务中心',
  node: ServiceCenter,
  connection: ServiceCenterConnection,
  filter: ServiceCenterFilter,
  createInput: CreateServiceCenterInput,
  updateInput: UpdateServiceCenterInput,
  sortEnum: ServiceCenterSortFieldEnum,
  defaultSort: { field: 'NAME', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toServiceCenterNode,
  list: (deps, scope, args) => listServiceCenters(deps.dataSource, scope, args),
  get: (deps, scope, id) => getServiceCenter(deps.dataSource, scope, id),
  create: (deps, caller, input) => createServiceCenter(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateServiceCenter(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteServiceCenter(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Query(() => [ServiceCenterStandard], { description: '各党群服务中心与现行面积标准的对照（数据范围内）' })
  @Allow(Permission.READ)
  async serviceCenterStandards(@Ctx() ctx: GqlContext): Promise<ServiceCenterStandard[]> {
    const rows = await getServiceCenterStandards(this.database.dataSource, ctx.scope);
    return rows.map((row) => ({ ...row, center: toServiceCenterNode(row.center) }));
  }

  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() center: ServiceCenter, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, center.organizationId);
  }
}

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver extends crudResolver({
  names: {
    list: 'serviceRecords',
    one: 'serviceRecord',
    create: 'createServiceRecord',
    update: 'updateServiceRecord',
    remove: 'deleteServiceRecord',
  },
  label: '服务记录',
  node: ServiceRecord,
  connection: ServiceRecordConnection,
  filter: ServiceRecordFilter,
  createInput: CreateServiceRecordInput,
  updateInput: UpdateServiceRecordInput,
  sortEnum: ServiceRecordSortFieldEnum,
  defaultSort: { field: 'SERVED_ON', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toServiceRecordNode,
  list: (deps, scope, args) => listServiceRecords(deps.dataSource, scope, args),
  get: (deps, scope, id) => getServiceRecord(deps.dataSource, scope, id),
  create: (deps, caller, input) => createServiceRecord(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateServiceRecord(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteServiceRecord(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Query(() => [ServiceRecordTotal], { description: '八大类服务各类的次数（数据范围内）' })
  @Allow(Permission.READ)
  async serviceRecordTotals(
    @Ctx() ctx: GqlContext,
    @Args('from', { type: () => DateScalar, nullable: true }) from: string | null,
    @Args('to', { type: () => DateScalar, nullable: true }) to: string | null,
    @Args('centerId', { type: () => ID, nullable: true }) centerId: string | null,
  ): Promise<ServiceRecordTotal[]> {
    return getServiceRecordTotals(this.database.dataSource, ctx.scope, {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(centerId ? { centerId } : {}),
    });
  }

  @ResolveField(() => ServiceCenter, { nullable: true })
  async center(@Parent() record: ServiceRecord, @Ctx() ctx: GqlContext) {
    const center = await workLoaders(ctx, () => this.database.dataSource).center.load(record.centerId);
    return center ? toServiceCenterNode(center) : null;
  }
}

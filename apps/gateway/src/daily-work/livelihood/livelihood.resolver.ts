import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  createReliefPayment,
  createRenovationProject,
  deleteReliefPayment,
  deleteRenovationProject,
  getReliefPayment,
  getReliefTotals,
  getRenovationProject,
  listReliefPayments,
  listRenovationProjects,
  Permission,
  updateReliefPayment,
  updateRenovationProject,
} from '@dangjian/domain';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { Organization } from '../../organization/organization.types.js';
import { DateScalar } from '../../common/scalars.js';
import { crudResolver } from '../common/crud.js';
import { organizationOf } from '../common/loaders.js';
import {
  CreateReliefPaymentInput,
  CreateRenovationProjectInput,
  ReliefPayment,
  ReliefPaymentConnection,
  ReliefPaymentFilter,
  ReliefPaymentSortFieldEnum,
  ReliefTotals,
  RenovationProject,
  RenovationProjectConnection,
  RenovationProjectFilter,
  RenovationProjectSortFieldEnum,
  toReliefPaymentNode,
  toRenovationProjectNode,
  UpdateReliefPaymentInput,
  UpdateRenovationProjectInput,
} from './livelihood.types.js';

@Resolver(() => ReliefPayment)
export class ReliefPaymentResolver extends crudResolver({
  names: {
    list: 'reliefPayments',
    one: 'reliefPayment',
    create: 'createReliefPayment',
    update: 'updateReliefPayment',
    remove: 'deleteReliefPayment',
  },
  label: '民生资金发放记录',
  node: ReliefPayment,
  connection: ReliefPaymentConnection,
  filter: ReliefPaymentFilter,
  createInput: CreateReliefPaymentInput,
  updateInput: UpdateReliefPaymentInput,
  sortEnum: ReliefPaymentSortFieldEnum,
  defaultSort: { field: 'PAID_ON', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toReliefPaymentNode,
  list: (deps, scope, args) => listReliefPayments(deps.dataSource, scope, args),
  get: (deps, scope, id) => getReliefPayment(deps.dataSource, scope, id),
  create: (deps, caller, input) => createReliefPayment(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateReliefPayment(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteReliefPayment(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Query(() => ReliefTotals, { description: '民生资金合计：各类金额（分）和发放人数（数据范围内）' })
  @Allow(Permission.READ)
  async reliefTotals(
    @Ctx() ctx: GqlContext,
    @Args('from', { type: () => DateScalar, nullable: true }) from: string | null,
    @Args('to', { type: () => DateScalar, nullable: true }) to: string | null,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
  ): Promise<ReliefTotals> {
    return getReliefTotals(this.database.dataSource, ctx.scope, {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(organizationId ? { organizationId } : {}),
    });
  }

  @ResolveField(() => Organization, { nullable: true })
  communityOrganization(@Parent() payment: ReliefPayment, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, payment.communityOrganizationId);
  }
}

@Resolver(() => RenovationProject)
export class RenovationProjectResolver extends crudResolver({
  names: {
    list: 'renovationProjects',
    one: 'renovationProject',
    create: 'createRenovationProject',
    update: 'updateRenovationProject',
    remove: 'deleteRenovationProject',
  },
  label: '整治项目',
  node: RenovationProject,
  connection: RenovationProjectConnection,
  filter: RenovationProjectFilter,
  createInput: CreateRenovationProjectInput,
  updateInput: UpdateRenovationProjectInput,
  sortEnum: RenovationProjectSortFieldEnum,
  defaultSort: { field: 'NAME', direction: 'ASC' },
  manage: Permission.MANAGE_WORK,
  toNode: toRenovationProjectNode,
  list: (deps, scope, args) => listRenovationProjects(deps.dataSource, scope, args),
  get: (deps, scope, id) => getRenovationProject(deps.dataSource, scope, id),
  create: (deps, caller, input) => createRenovationProject(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateRenovationProject(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteRenovationProject(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @ResolveField(() => Organization, { nullable: true })
  communityOrganization(@Parent() project: RenovationProject, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, project.communityOrganizationId);
  }
}

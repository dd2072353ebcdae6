import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  advanceWish,
  createActivity,
  createWish,
  deleteActivity,
  deleteWish,
  getActivity,
  getActivityTotals,
  getWish,
  getWishBoard,
  listActivities,
  listWishes,
  Permission,
  updateActivity,
  updateWish,
  WISH_BENEFICIARY_CATEGORIES,
  WISH_STATUSES,
  type WishBeneficiaryCategory,
  type WishStatus,
} from '@dangjian/domain';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { Organization } from '../../organization/organization.types.js';
import { DateScalar } from '../../common/scalars.js';
import { crudResolver } from '../common/crud.js';
import { organizationOf } from '../common/loaders.js';
import {
  Activity,
  ActivityConnection,
  ActivityFilter,
  ActivitySortFieldEnum,
  ActivityTotal,
  AdvanceWishInput,
  CreateActivityInput,
  CreateWishInput,
  toActivityNode,
  toWishNode,
  UpdateActivityInput,
  UpdateWishInput,
  Wish,
  WishBoard,
  WishConnection,
  type WishCount,
  WishFilter,
  WishSortFieldEnum,
} from './activity.types.js';

function wishCounts(counts: Record<WishBeneficiaryCategory, Record<WishStatus, number>>): WishCount[] {
  return WISH_BENEFICIARY_CATEGORIES.flatMap((beneficiaryCategory) =>
    WISH_STATUSES.map((status) => ({ beneficiaryCategory, status, count: counts[beneficiaryCategory][status] })),
  );
}

@Resolver(() => Activity)
export class ActivityResolver extends crudResolver({
  names: { list: 'activities', one: 'activity', create: 'createActivity', update: 'updateActivity', remove: 'deleteActivity' },
  label: '活动',
  node: Activity,
  connection: ActivityConnection,
  filter: ActivityFilter,
  createInput: CreateActivityInput,
  updateInput: UpdateActivityInput,
  sortEnum: ActivitySortFieldEnum,
  defaultSort: { field: 'HELD_ON', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toActivityNode,
  list: (deps, scope, args) => listActivities(deps.dataSource, scope, args),
  get: (deps, scope, id) => getActivity(deps.dataSource, scope, id),
  create: (deps, caller, input) => createActivity(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateActivity(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteActivity(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Query(() => [ActivityTotal], { description: '各类活动的次数和参与人次（数据范围内）' })
  @Allow(Permission.READ)
  async activityTotals(
    @Ctx() ctx: GqlContext,
    @Args('from', { type: () => DateScalar, nullable: true }) from: string | null,
    @Args('to', { type: () => DateScalar, nullable: true }) to: string | null,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
  ): Promise<ActivityTotal[]> {
    return getActivityTotals(this.database.dataSource, ctx.scope, {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(organizationId ? { organizationId } : {}),
    });
  }

  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() activity: Activity, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, activity.organizationId);
  }
}

@Resolver(() => Wish)
export class WishResolver extends crudResolver({
  names: { list: 'wishes', one: 'wish', create: 'createWish', update: 'updateWish', remove: 'deleteWish' },
  label: '微心愿',
  node: Wish,
  connection: WishConnection,
  filter: WishFilter,
  createInput: CreateWishInput,
  updateInput: UpdateWishInput,
  sortEnum: WishSortFieldEnum,
  defaultSort: { field: 'COLLECTED_ON', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toWishNode,
  list: (deps, scope, args) => listWishes(deps.dataSource, scope, args),
  get: (deps, scope, id) => getWish(deps.dataSource, scope, id),
  create: (deps, caller, input) => createWish(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateWish(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteWish(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Mutation(() => Wish, { description: '微心愿的下一步：认领或圆梦' })
  @Allow(Permission.MANAGE_WORK)
  async advanceWish(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => AdvanceWishInput }) input: AdvanceWishInput,
  ): Promise<Wish> {
    return toWishNode(await advanceWish(this.database.dataSource, ctx.scope, ctx.actor, id, input), ctx);
  }

  @Query(() => WishBoard, { description: '微心愿看板（数据范围内）' })
  @Allow(Permission.READ)
  async wishBoard(
    @Ctx() ctx: GqlContext,
    @Args('round', { type: () => Int, nullable: true, description: '只看这一期' }) round: number | null,
  ): Promise<WishBoard> {
    const board = await getWishBoard(this.database.dataSource, ctx.scope, round ? { round } : {});
    return {
      rounds: board.rounds,
      counts: wishCounts(board.counts),
      byRound: board.byRound.map((entry) => ({ round: entry.round, counts: wishCounts(entry.counts) })),
      fulfilledCount: board.fulfilledCount,
    };
  }

  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() wish: Wish, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, wish.organizationId);
  }
}

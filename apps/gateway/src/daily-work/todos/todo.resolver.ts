import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '@dangjian/domain';
import { Ctx, SignedIn } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { TtlCountCache } from '../../common/count-cache.js';
import { WorkResolverBase } from '../common/crud.js';
import { TodoSummary } from './todo.types.js';
import { collectTodos } from './todos.js';

const MAX_ITEMS = 200;

@Resolver(() => TodoSummary)
export class TodoResolver extends WorkResolverBase {
  @Inject(TtlCountCache) private readonly counts!: TtlCountCache;

  @Query(() => TodoSummary, {
    description:
      '当前登录用户的待办汇总（数据范围内）：待我办理的转接、即将到期的介绍信、逾期的回执、逾期的整改、到期的指导整改、即将届满的任期',
  })
  @SignedIn()
  async myTodos(
    @Ctx() ctx: GqlContext,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 50, description: `返回的事项数，1 到 ${MAX_ITEMS}；件数统计不受影响` })
    limit: number,
  ): Promise<TodoSummary> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ITEMS) {
      throw DomainError.badInput([{ field: 'limit', reason: 'LIMIT_INVALID', message: `返回的事项数应在 1 到 ${MAX_ITEMS} 之间` }]);
    }
    const deps = this.deps();
    // A dozen lists over the scope, asked by every dashboard on every refresh: worked out once per
    // few seconds for a scope and day, and forgotten by any mutation that may change them
    // (TtlCountCache.forgetAfter), so a person acting on an item sees it gone.
    const scope = ctx.scope.all ? 'all' : ctx.scope.organizationPaths.join(',');
    return this.counts.remember(`todos|${scope}|${deps.today}|${limit}`, () =>
      collectTodos({ dataSource: deps.dataSource, scope: ctx.scope, today: deps.today, timeZone: this.config.TZ }, limit),
    );
  }
}

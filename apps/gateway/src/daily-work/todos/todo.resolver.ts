import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '@dangjian/domain';
import { Ctx, SignedIn } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { CHECKLIST_TODOS_PREFIX, REGISTRY_TTL_MS, TtlCountCache } from '../../common/count-cache.js';
import { WorkResolverBase } from '../common/crud.js';
import { TodoSummary } from './todo.types.js';
import { TODO_KINDS } from './todo.types.js';
import { CHECKLIST_TODO_KINDS, collectTodoKinds, summarizeTodos } from './todos.js';

const OTHER_TODO_KINDS = TODO_KINDS.filter((kind) => !CHECKLIST_TODO_KINDS.includes(kind));

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
    // A dozen lists over the scope, asked by every dashboard on every refresh: worked out once for a
    // scope and day, and forgotten by any mutation or sync that may change them
    // (TtlCountCache.forgetAfter, CountCacheSync), so a person acting on an item sees it gone. The checklist kinds
    // are remembered apart: the commonest writes of the day (checklist items) forget only them.
    const scope = ctx.scope.all ? 'all' : ctx.scope.organizationPaths.join(',');
    const q = { dataSource: deps.dataSource, scope: ctx.scope, today: deps.today, timeZone: this.config.TZ };
    const [others, checklist] = await Promise.all([
      this.counts.remember(`todos|${scope}|${deps.today}`, () => collectTodoKinds(q, OTHER_TODO_KINDS), REGISTRY_TTL_MS),
      this.counts.remember(
        `${CHECKLIST_TODOS_PREFIX}${scope}|${deps.today}`,
        () => collectTodoKinds(q, CHECKLIST_TODO_KINDS),
        REGISTRY_TTL_MS,
      ),
    ]);
    return summarizeTodos({ ...others, ...checklist }, limit);
  }
}

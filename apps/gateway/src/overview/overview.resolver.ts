import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { getCadreStatistics, getSubdistrictOverview, Permission, type DataScope } from '@dangjian/domain';
import { Allow, Ctx } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { REGISTRY_TTL_MS, TtlCountCache } from '../common/count-cache.js';
import { DatabaseService } from '../common/database.service.js';
import { DateScalar } from '../common/scalars.js';
import { CadreStatistics, SubdistrictOverview } from './overview.types.js';

@Resolver()
export class OverviewResolver {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(TtlCountCache) private readonly counts: TtlCountCache,
  ) {}

  @Query(() => SubdistrictOverview, { description: '街道党建工作概览（数据范围内）' })
  @Allow(Permission.READ)
  async subdistrictOverview(
    @Ctx() ctx: GqlContext,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
  ): Promise<SubdistrictOverview> {
    // Two dozen counts over the whole scope (every member among them): remembered per scope and
    // day for as long as the member totals, so a dashboard open in many browsers costs one
    // computation, not one per refresh. Every mutation that may change a figure forgets it on
    // every gateway (TtlCountCache.forgetAfter); what the sync changes, once its run ends (CountCacheSync).
    return this.counts.remember(
      `overview|${scopeKey(ctx.scope)}|${asOf ?? ''}`,
      () => getSubdistrictOverview(this.database.dataSource, ctx.scope, asOf),
      REGISTRY_TTL_MS,
    );
  }

  @Query(() => CadreStatistics, { description: '所选党组织最近一次换届（不晚于 asOf）的班子成员统计' })
  @Allow(Permission.READ)
  async cadreStatistics(
    @Ctx() ctx: GqlContext,
    @Args('organizationIds', { type: () => [ID] }) organizationIds: string[],
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
  ): Promise<CadreStatistics> {
    return getCadreStatistics(this.database.dataSource, ctx.scope, organizationIds, asOf);
  }
}

function scopeKey(scope: DataScope): string {
  return scope.all ? 'all' : [...scope.organizationPaths].sort().join(',');
}

import { Inject } from '@nestjs/common';
import { Args, ID, Info, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Config } from '@dangjian/config';
import {
  DomainError,
  listSyncRuns,
  Permission,
  requestSyncRun,
  runSql,
  sql,
  SYNC_RUN_COLUMNS,
  toSyncRun,
  writeAudit,
  type SyncCollection,
} from '@dangjian/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Allow, Ctx } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { TtlCountCache } from '../common/count-cache.js';
import { DatabaseService } from '../common/database.service.js';
import { SyncCollectionEnum } from '../common/enums.js';
import { connectionNeeds } from '../common/pagination.types.js';
import { CONFIG } from '../common/tokens.js';
import { SyncRun, SyncRunConnection, toSyncRunNode } from './sync.types.js';

@Resolver(() => SyncRun)
export class SyncResolver {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(TtlCountCache) private readonly counts: TtlCountCache,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Query(() => SyncRunConnection, { description: '数据同步记录，最新的在前' })
  @Allow(Permission.READ_SYNC)
  async syncRuns(
    @Info() info: GraphQLResolveInfo,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<SyncRunConnection> {
    const page = await listSyncRuns(this.database.dataSource, { first, after }, connectionNeeds(info), this.counts);
    return { ...page, nodes: page.nodes.map(toSyncRunNode) };
  }

  @Query(() => SyncRun, { nullable: true, description: '一次同步（控制台轮询进度用）' })
  @Allow(Permission.READ_SYNC)
  async syncRun(@Args('id', { type: () => ID }) id: string): Promise<SyncRun> {
    const [row] = /^\d{1,20}$/.test(id)
      ? await runSql<Record<string, unknown>>(this.database.dataSource, sql`SELECT ${SYNC_RUN_COLUMNS} FROM sync_run r WHERE r.id = ${id}`)
      : [];
    if (!row) throw DomainError.notFound('同步记录', id);
    return toSyncRunNode(toSyncRun(row));
  }

  @Mutation(() => SyncRun, { description: '立即发起一次同步（已有同步未结束时报 CONFLICT）' })
  @Allow(Permission.REQUEST_SYNC)
  async requestSync(
    @Ctx() ctx: GqlContext,
    @Args('collections', { type: () => [SyncCollectionEnum], nullable: true }) collections: SyncCollection[] | null,
    @Args('full', { type: () => Boolean, nullable: true, defaultValue: false }) full: boolean,
  ): Promise<SyncRun> {
    const dataSource = this.database.dataSource;
    const run = await requestSyncRun(
      { dataSource, redisUrl: this.config.REDIS_URL, queuePrefix: this.config.QUEUE_PREFIX },
      {
        collections: collections ?? undefined,
        full,
        trigger: 'MANUAL',
        requestedBy: ctx.actor.username,
        requestId: ctx.requestId,
      },
    );
    await writeAudit(dataSource.manager, ctx.actor, {
      action: 'CREATE',
      entityType: 'SyncRun',
      entityId: run.id,
      after: { collections: run.collections, full: run.full, trigger: 'MANUAL' },
    });
    const [row] = await runSql<Record<string, unknown>>(dataSource, sql`SELECT ${SYNC_RUN_COLUMNS} FROM sync_run r WHERE r.id = ${run.id}`);
    if (!row) throw DomainError.notFound('同步记录', run.id);
    return toSyncRunNode(toSyncRun(row));
  }
}

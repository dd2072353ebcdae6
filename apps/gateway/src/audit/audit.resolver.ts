import { Inject } from '@nestjs/common';
import { Args, Info, Int, Query, Resolver } from '@nestjs/graphql';
import { listAuditLogs, Permission } from '@dangjian/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Allow } from '../common/access.decorators.js';
import { TtlCountCache } from '../common/count-cache.js';
import { DatabaseService } from '../common/database.service.js';
import { connectionNeeds } from '../common/pagination.types.js';
import { AuditLogFilter } from './dto/audit-log-filter.input.js';
import { AuditLog, AuditLogConnection, toAuditLogNode } from './audit.types.js';

@Resolver(() => AuditLog)
export class AuditResolver {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(TtlCountCache) private readonly counts: TtlCountCache,
  ) {}

  @Query(() => AuditLogConnection, { description: '审计日志检索（区级管理员），最新的在前' })
  @Allow(Permission.READ_AUDIT_LOG)
  async auditLogs(
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { type: () => AuditLogFilter, nullable: true }) filter: AuditLogFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AuditLogConnection> {
    const page = await listAuditLogs(this.database.dataSource, filter ?? {}, { first, after }, connectionNeeds(info), this.counts);
    return { ...page, nodes: page.nodes.map(toAuditLogNode) };
  }
}

import { Inject } from '@nestjs/common';
import { Args, ID, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { getOrganization, listOrganizations, Permission, type OrganizationSort } from '@dangjian/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Allow, Ctx } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { TtlCountCache } from '../common/count-cache.js';
import { DatabaseService } from '../common/database.service.js';
import { OrganizationSortEnum } from '../common/enums.js';
import { connectionNeeds } from '../common/pagination.types.js';
import { OrganizationFilter } from './dto/organization-filter.input.js';
import { Organization, OrganizationConnection } from './organization.types.js';

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(TtlCountCache) private readonly counts: TtlCountCache,
  ) {}

  @Query(() => OrganizationConnection, { description: '党组织列表（数据范围内）' })
  @Allow(Permission.READ)
  async organizations(
    @Ctx() ctx: GqlContext,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { type: () => OrganizationFilter, nullable: true }) filter: OrganizationFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('orderBy', { type: () => OrganizationSortEnum, nullable: true, defaultValue: 'TREE' }) orderBy: OrganizationSort,
  ): Promise<OrganizationConnection> {
    const page = await listOrganizations(this.database.dataSource, ctx.scope, filter ?? {}, { first, after }, {
      sort: orderBy,
      needs: connectionNeeds(info),
      counts: this.counts,
    });
    for (const node of page.nodes) ctx.loaders.organization.prime(node.id, node);
    return page;
  }

  @Query(() => Organization, { nullable: true, description: '一个党组织；不在数据范围内时报 NOT_FOUND' })
  @Allow(Permission.READ)
  async organization(@Ctx() ctx: GqlContext, @Args('id', { type: () => ID }) id: string): Promise<Organization> {
    return getOrganization(this.database.dataSource, ctx.scope, id);
  }

  @ResolveField(() => Organization, { nullable: true, description: '上级党组织；不在数据范围内时为空' })
  async parent(@Parent() organization: Organization, @Ctx() ctx: GqlContext): Promise<Organization | null> {
    return organization.parentId ? ctx.loaders.organization.load(organization.parentId) : null;
  }

  @ResolveField(() => [Organization], { description: '数据范围内的直接下级' })
  async children(@Parent() organization: Organization, @Ctx() ctx: GqlContext): Promise<Organization[]> {
    return ctx.loaders.children.load(organization.id);
  }

  @ResolveField(() => Int, {
    description: '组织关系在本组织及其下级的党员数（含转出在途、尚未被接收的党员）',
  })
  async memberCount(@Parent() organization: Organization, @Ctx() ctx: GqlContext): Promise<number> {
    return (await ctx.loaders.memberCounts.load(organization.id)).memberCount;
  }

  @ResolveField(() => Int, { description: '其中的正式党员数' })
  async fullMemberCount(@Parent() organization: Organization, @Ctx() ctx: GqlContext): Promise<number> {
    return (await ctx.loaders.memberCounts.load(organization.id)).fullMemberCount;
  }
}

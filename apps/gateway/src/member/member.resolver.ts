import { Inject } from '@nestjs/common';
import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { getMember, listMembers, Permission, PiiCipher, revealMemberPii, type MemberSort } from '@dangjian/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Allow, Ctx } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { TtlCountCache } from '../common/count-cache.js';
import { DatabaseService } from '../common/database.service.js';
import { MemberSortEnum } from '../common/enums.js';
import { connectionNeeds, selectsNodeField } from '../common/pagination.types.js';
import { Organization } from '../organization/organization.types.js';
import { toTransferNode, Transfer } from '../transfer/transfer.types.js';
import { MemberFilter } from './dto/member-filter.input.js';
import { Member, MemberConnection, MemberPii, toMemberNode } from './member.types.js';

@Resolver(() => Member)
export class MemberResolver {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(TtlCountCache) private readonly counts: TtlCountCache,
    @Inject(PiiCipher) private readonly cipher: PiiCipher,
  ) {}

  @Query(() => MemberConnection, { description: '党员列表（数据范围内，个人信息脱敏）' })
  @Allow(Permission.READ)
  async members(
    @Ctx() ctx: GqlContext,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { type: () => MemberFilter, nullable: true }) filter: MemberFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('orderBy', { type: () => MemberSortEnum, nullable: true, defaultValue: 'ID' }) orderBy: MemberSort,
  ): Promise<MemberConnection> {
    const page = await listMembers(this.database.statements, ctx.scope, this.cipher, filter ?? {}, { first, after }, {
      sort: orderBy,
      needs: connectionNeeds(info),
      counts: this.counts,
      // The page's organisations come with its own statement; the field below then finds them loaded.
      withOrganizations: selectsNodeField(info, 'organization'),
    });
    for (const [id, organization] of page.organizations) ctx.loaders.memberOrganization.prime(id, organization);
    return { totalCount: page.totalCount, pageInfo: page.pageInfo, nodes: page.nodes.map((record) => toMemberNode(record, ctx.principal)) };
  }

  @Query(() => Member, { nullable: true, description: '一名党员；不在数据范围内时报 NOT_FOUND' })
  @Allow(Permission.READ)
  async member(@Ctx() ctx: GqlContext, @Args('id', { type: () => ID }) id: string): Promise<Member> {
    return toMemberNode(await getMember(this.database.dataSource, ctx.scope, id), ctx.principal);
  }

  @Mutation(() => MemberPii, { description: '查看一名党员的完整身份证号和手机号：需要权限和原因，写入审计日志' })
  @Allow(Permission.REVEAL_PII)
  async revealMemberPii(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<MemberPii> {
    return revealMemberPii(this.database.dataSource, ctx.scope, ctx.actor, this.cipher, id, reason);
  }

  @ResolveField(() => Organization, { description: '组织关系所在的党组织' })
  async organization(@Parent() member: Member, @Ctx() ctx: GqlContext): Promise<Organization | null> {
    return ctx.loaders.memberOrganization.load(member.organizationId);
  }

  @ResolveField(() => Transfer, { nullable: true, description: '最近一笔组织关系转接（数据范围内）；没有时为空' })
  async latestTransfer(@Parent() member: Member, @Ctx() ctx: GqlContext): Promise<Transfer | null> {
    const record = await ctx.loaders.latestTransfer.load(member.id);
    return record ? toTransferNode(record, ctx.principal) : null;
  }
}

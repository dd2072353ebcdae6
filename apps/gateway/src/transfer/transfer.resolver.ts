import { Inject } from '@nestjs/common';
import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Config } from '@dangjian/config';
import {
  actOnTransfer,
  createTransferOut,
  getLetterContact,
  getTransfer,
  letterContactFor,
  listTransfers,
  Permission,
  setLetterContact,
  type TransferSort,
} from '@dangjian/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Allow, Ctx } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { TtlCountCache } from '../common/count-cache.js';
import { DatabaseService } from '../common/database.service.js';
import { connectionNeeds } from '../common/pagination.types.js';
import { CONFIG } from '../common/tokens.js';
import { Member, toMemberNode } from '../member/member.types.js';
import { Organization } from '../organization/organization.types.js';
import { CreateTransferOutInput, TransferActionInput, TransferFilter } from './dto/transfer.input.js';
import { LetterContact, LetterContactInput } from './letter-contact.types.js';
import { toTransferNode, Transfer, TransferConnection, TransferSortEnum } from './transfer.types.js';

@Resolver(() => Transfer)
export class TransferResolver {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(TtlCountCache) private readonly counts: TtlCountCache,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Query(() => TransferConnection, { description: '组织关系转接列表（数据范围内）' })
  @Allow(Permission.READ)
  async transfers(
    @Ctx() ctx: GqlContext,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { type: () => TransferFilter, nullable: true }) filter: TransferFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('orderBy', { type: () => TransferSortEnum, nullable: true, defaultValue: 'NEWEST' }) orderBy: TransferSort,
  ): Promise<TransferConnection> {
    const page = await listTransfers(this.database.dataSource, ctx.scope, filter ?? {}, { first, after }, {
      timeZone: this.config.TZ,
      sort: orderBy,
      needs: connectionNeeds(info),
      counts: this.counts,
    });
    return { ...page, nodes: page.nodes.map((record) => toTransferNode(record, ctx.principal)) };
  }

  @Query(() => Transfer, { nullable: true, description: '一笔转接；不在数据范围内时报 NOT_FOUND' })
  @Allow(Permission.READ)
  async transfer(@Ctx() ctx: GqlContext, @Args('id', { type: () => ID }) id: string): Promise<Transfer> {
    return toTransferNode(await getTransfer(this.database.dataSource, ctx.scope, id), ctx.principal);
  }

  @Mutation(() => Transfer, { description: '发起转出：待审批，并排队推送到上级组织系统' })
  @Allow(Permission.MANAGE_TRANSFERS)
  async createTransferOut(
    @Ctx() ctx: GqlContext,
    @Args('input', { type: () => CreateTransferOutInput }) input: CreateTransferOutInput,
  ): Promise<Transfer> {
    const created = await createTransferOut(this.database.dataSource, ctx.scope, ctx.actor, input);
    return toTransferNode(created, ctx.principal);
  }

  @Mutation(() => Transfer, { description: '办理转接的一步（批准、开具介绍信、接收、退回、撤回、撤销、确认回执、重新开具）' })
  @Allow(Permission.MANAGE_TRANSFERS)
  async actOnTransfer(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => TransferActionInput }) input: TransferActionInput,
  ): Promise<Transfer> {
    const updated = await actOnTransfer(this.database.dataSource, ctx.scope, ctx.actor, id, input, { timeZone: this.config.TZ });
    return toTransferNode(updated, ctx.principal);
  }

  @ResolveField(() => Member, { nullable: true, description: '本地的党员记录；不在数据范围内时为空' })
  async member(@Parent() transfer: Transfer, @Ctx() ctx: GqlContext): Promise<Member | null> {
    if (!transfer.memberId) return null;
    const record = await ctx.loaders.member.load(transfer.memberId);
    return record ? toMemberNode(record, ctx.principal) : null;
  }

  @Query(() => LetterContact, { description: '党组织自己的介绍信联系方式（未填的为空）；不在数据范围内时报 NOT_FOUND' })
  @Allow(Permission.READ)
  async organizationLetterContact(@Ctx() ctx: GqlContext, @Args('organizationId', { type: () => ID }) organizationId: string): Promise<LetterContact> {
    return getLetterContact(this.database.dataSource, ctx.scope, organizationId);
  }

  @Mutation(() => LetterContact, { description: '设置党组织开具介绍信时印上的联系人、联系电话、通讯地址' })
  @Allow(Permission.MANAGE_TRANSFERS)
  async setLetterContact(
    @Ctx() ctx: GqlContext,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('input', { type: () => LetterContactInput }) input: LetterContactInput,
  ): Promise<LetterContact> {
    return setLetterContact(this.database.dataSource, ctx.scope, ctx.actor, organizationId, input);
  }

  // A letter is read one transfer at a time (the print view), so one look-up per transfer is fine.
  @ResolveField(() => LetterContact, {
    nullable: true,
    description: '转出介绍信上开具党组织的联系方式：本方党组织的，未填时取最近一级填了的上级党组织的；转入时为空',
  })
  async letterContact(@Parent() transfer: Transfer): Promise<LetterContact | null> {
    if (transfer.direction !== 'OUTGOING') return null;
    return letterContactFor(this.database.dataSource, transfer.organizationId);
  }

  @ResolveField(() => Organization, { nullable: true, description: '本方党组织（转出时为转出方，转入时为接收方）' })
  async organization(@Parent() transfer: Transfer, @Ctx() ctx: GqlContext): Promise<Organization | null> {
    return transfer.organizationId ? ctx.loaders.organization.load(transfer.organizationId) : null;
  }
}

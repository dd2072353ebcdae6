import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  addCommitteeSeat,
  createElection,
  getElection,
  Permission,
  type CommitteeSeat as CommitteeSeatEntity,
  type Election as ElectionEntity,
  type MemberRecord,
} from '@dangjian/domain';
import { Allow, Ctx } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { DatabaseService } from '../common/database.service.js';
import type { Principal } from '../common/principal.js';
import { toMemberNode } from '../member/member.types.js';
import { Organization } from '../organization/organization.types.js';
import { AddCommitteeSeatInput, CreateElectionInput } from './dto/election.input.js';
import { CommitteeSeat, Election } from './election.types.js';

function toSeatNode(seat: CommitteeSeatEntity, principal: Principal): CommitteeSeat {
  if (!seat.member) throw new Error(`seat ${seat.id} was loaded without its member`);
  return { id: seat.id, role: seat.role, member: toMemberNode(seat.member as unknown as MemberRecord, principal) };
}

function toElectionNode(election: ElectionEntity, principal: Principal): Election {
  return {
    id: election.id,
    organizationId: election.organizationId,
    electedOn: election.electedOn,
    termYears: election.termYears,
    termEndsOn: election.termEndsOn,
    seats: (election.seats ?? []).map((seat) => toSeatNode(seat, principal)),
  };
}

@Resolver(() => Election)
export class ElectionResolver {
  constructor(@Inject(DatabaseService) private readonly database: DatabaseService) {}

  @Query(() => Election, { nullable: true, description: '一次换届及其班子成员' })
  @Allow(Permission.READ)
  async election(@Ctx() ctx: GqlContext, @Args('id', { type: () => ID }) id: string): Promise<Election> {
    return toElectionNode(await getElection(this.database.dataSource, ctx.scope, id), ctx.principal);
  }

  @Mutation(() => Election, { description: '记录一次换届' })
  @Allow(Permission.MANAGE_ELECTIONS)
  async createElection(
    @Ctx() ctx: GqlContext,
    @Args('input', { type: () => CreateElectionInput }) input: CreateElectionInput,
  ): Promise<Election> {
    return toElectionNode(await createElection(this.database.dataSource, ctx.scope, ctx.actor, input), ctx.principal);
  }

  @Mutation(() => CommitteeSeat, { description: '为换届添加一名班子成员（校验班子职数规则）' })
  @Allow(Permission.MANAGE_ELECTIONS)
  async addCommitteeSeat(
    @Ctx() ctx: GqlContext,
    @Args('input', { type: () => AddCommitteeSeatInput }) input: AddCommitteeSeatInput,
  ): Promise<CommitteeSeat> {
    return toSeatNode(await addCommitteeSeat(this.database.dataSource, ctx.scope, ctx.actor, input), ctx.principal);
  }

  @ResolveField(() => Organization)
  async organization(@Parent() election: Election, @Ctx() ctx: GqlContext): Promise<Organization | null> {
    return ctx.loaders.organization.load(election.organizationId);
  }
}

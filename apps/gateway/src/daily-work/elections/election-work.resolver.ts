import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  deleteElection,
  getElection,
  listElectionsWithSeats,
  Permission,
  removeCommitteeSeat,
  updateElection,
  type Connection,
  type Election as ElectionRecord,
  type ElectionSortField,
  type MemberRecord,
  type SortDirection,
} from '@dangjian/domain';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import type { Principal } from '../../common/principal.js';
import { Election } from '../../election/election.types.js';
import { toMemberNode } from '../../member/member.types.js';
import { WorkResolverBase } from '../common/crud.js';
import { SortDirectionEnum } from '../common/enums.js';
import { ElectionConnection, ElectionFilter, ElectionSortFieldEnum, UpdateElectionInput } from './election-work.types.js';

/** An election read with its seats and their members, as the Election type shows it. */
function toElectionNode(election: ElectionRecord, principal: Principal): Election {
  return {
    id: election.id,
    organizationId: election.organizationId,
    electedOn: election.electedOn,
    termYears: election.termYears,
    termEndsOn: election.termEndsOn,
    seats: (election.seats ?? []).flatMap((seat) =>
      seat.member ? [{ id: seat.id, role: seat.role, member: toMemberNode(seat.member as unknown as MemberRecord, principal) }] : [],
    ),
  };
}

/**
 * The election list and the corrections of a recorded election (the election feature records
 * elections and adds seats).
 */
@Resolver()
export class ElectionWorkResolver extends WorkResolverBase {
  @Query(() => ElectionConnection, { description: '换届记录列表（数据范围内），含班子成员' })
  @Allow(Permission.READ)
  async elections(
    @Ctx() ctx: GqlContext,
    @Args('filter', { type: () => ElectionFilter, nullable: true }) filter: ElectionFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，0 到 100' }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('orderBy', { type: () => ElectionSortFieldEnum, nullable: true, defaultValue: 'ELECTED_ON' }) orderBy: ElectionSortField,
    @Args('direction', { type: () => SortDirectionEnum, nullable: true }) direction: SortDirection | null,
  ): Promise<Connection<Election>> {
    const page = await listElectionsWithSeats(this.database.dataSource, ctx.scope, {
      filter: filter ?? {},
      first,
      after,
      sort: { field: orderBy, ...(direction ? { direction } : {}) },
    });
    return { ...page, nodes: page.nodes.map((election) => toElectionNode(election, ctx.principal)) };
  }

  @Mutation(() => Election, { description: '更正一次换届的日期、任期或备注' })
  @Allow(Permission.MANAGE_ELECTIONS)
  async updateElection(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateElectionInput }) input: UpdateElectionInput,
  ): Promise<Election> {
    return toElectionNode(await updateElection(this.database.dataSource, ctx.scope, ctx.actor, id, input), ctx.principal);
  }

  @Mutation(() => Election, { description: '删除误录的换届记录及其班子成员（返回删除前的记录）' })
  @Allow(Permission.MANAGE_ELECTIONS)
  async deleteElection(@Ctx() ctx: GqlContext, @Args('id', { type: () => ID }) id: string): Promise<Election> {
    const dataSource = this.database.dataSource;
    const before = await getElection(dataSource, ctx.scope, id);
    await deleteElection(dataSource, ctx.scope, ctx.actor, id);
    return toElectionNode(before, ctx.principal);
  }

  @Mutation(() => ID, { description: '移除一名班子成员（误录或已离任），返回其编号' })
  @Allow(Permission.MANAGE_ELECTIONS)
  async removeCommitteeSeat(@Ctx() ctx: GqlContext, @Args('id', { type: () => ID }) id: string): Promise<string> {
    return (await removeCommitteeSeat(this.database.dataSource, ctx.scope, ctx.actor, id)).id;
  }
}

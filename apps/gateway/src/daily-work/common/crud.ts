import { Inject, type Type } from '@nestjs/common';
import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Config } from '@dangjian/config';
import {
  Permission,
  PiiCipher,
  todayIn,
  type Connection,
  type DataScope,
  type ListArgs,
  type SortDirection,
} from '@dangjian/domain';
import type { DataSource } from 'typeorm';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { DatabaseService } from '../../common/database.service.js';
import { PageInfo } from '../../common/pagination.types.js';
import { CONFIG } from '../../common/tokens.js';
import { SortDirectionEnum } from './enums.js';

/** The connection shape every list of the API shares: nodes, totalCount, pageInfo. */
export function connectionOf<T>(node: Type<T>, name: string, label: string) {
  @ObjectType(`${name}Connection`, { description: `${label}（分页）` })
  class NodeConnection {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => Int)
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return NodeConnection;
}

/** The filter every work list offers: the subtree of one organisation in the caller's data scope. */
@InputType({ isAbstract: true })
export class SubtreeFilterInput {
  @Field(() => ID, { nullable: true, description: '只看此党组织（须在数据范围内，否则报 NOT_FOUND）' })
  organizationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '与 organizationId 同用；默认 true 含全部下级，false 只看该组织本身' })
  includeDescendants?: boolean | null;
}

/** What a work service call needs besides the caller: the database, the PII cipher and today's date. */
export interface WorkDeps {
  dataSource: DataSource;
  cipher: PiiCipher;
  /** Today in the subdistrict's time zone (overdue, future dates). */
  today: string;
}

/** The caller as a write sees them. */
export type Caller = Pick<GqlContext, 'scope' | 'actor' | 'principal'>;

/** The injected services every work resolver uses. */
export abstract class WorkResolverBase {
  constructor(
    @Inject(DatabaseService) readonly database: DatabaseService,
    @Inject(PiiCipher) readonly cipher: PiiCipher,
    @Inject(CONFIG) readonly config: Config,
  ) {}

  deps(): WorkDeps {
    return { dataSource: this.database.dataSource, cipher: this.cipher, today: todayIn(this.config.TZ) };
  }
}

export interface CrudSpec<R extends { id: string }, N, C, U, F extends object, S extends string> {
  /** The GraphQL names: e.g. { list: 'units', one: 'unit', create: 'createUnit', … }. */
  names: { list: string; one: string; create: string; update: string; remove: string };
  /** 中文名, for the descriptions. */
  label: string;
  node: Type<N>;
  connection: Type<unknown>;
  filter: Type<F>;
  createInput: Type<C>;
  updateInput: Type<U>;
  /** The GraphQL enum of the sort fields, and the list's default sort. */
  sortEnum: object;
  defaultSort: { field: S; direction?: SortDirection };
  /** The permission a write needs (reads need READ). */
  manage: Permission;
  toNode(record: R, ctx: GqlContext, deps: WorkDeps): N;
  list(deps: WorkDeps, scope: DataScope, args: ListArgs<F, S>): Promise<Connection<R>>;
  get(deps: WorkDeps, scope: DataScope, id: string): Promise<R>;
  create(deps: WorkDeps, caller: Caller, input: C): Promise<R>;
  update(deps: WorkDeps, caller: Caller, id: string, input: U): Promise<R>;
  remove(deps: WorkDeps, caller: Caller, id: string): Promise<R>;
}

/**
 * The list, single read, create, update and delete of one work entity: each checks the permission,
 * calls the domain service (which validates, scopes, audits and writes in one transaction) and
 * returns the node. Entity-specific fields and state changes live in the subclass.
 */
export function crudResolver<R extends { id: string }, N, C, U, F extends object, S extends string>(
  spec: CrudSpec<R, N, C, U, F, S>,
) {
  @Resolver({ isAbstract: true })
  abstract class CrudResolver extends WorkResolverBase {
    @Query(() => spec.connection, { name: spec.names.list, description: `${spec.label}列表（数据范围内）` })
    @Allow(Permission.READ)
    async list(
      @Ctx() ctx: GqlContext,
      @Args('filter', { type: () => spec.filter, nullable: true }) filter: F | null,
      @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，0 到 100' }) first: number,
      @Args('after', { type: () => String, nullable: true, description: '上一页的 pageInfo.endCursor' }) after: string | null,
      @Args('orderBy', { type: () => spec.sortEnum, nullable: true, defaultValue: spec.defaultSort.field }) orderBy: S,
      @Args('direction', { type: () => SortDirectionEnum, nullable: true, description: '不填时按该列表的默认方向' })
      direction: SortDirection | null,
    ): Promise<Connection<N>> {
      const deps = this.deps();
      const page = await spec.list(deps, ctx.scope, {
        filter: filter ?? ({} as F),
        first,
        after,
        sort: { field: orderBy, ...(direction ? { direction } : {}) },
        ...(ctx.counts ? { counts: ctx.counts } : {}),
      });
      return { ...page, nodes: page.nodes.map((record) => spec.toNode(record, ctx, deps)) };
    }

    @Query(() => spec.node, { name: spec.names.one, nullable: true, description: `一条${spec.label}；不在数据范围内时报 NOT_FOUND` })
    @Allow(Permission.READ)
    async one(@Ctx() ctx: GqlContext, @Args('id', { type: () => ID }) id: string): Promise<N> {
      const deps = this.deps();
      return spec.toNode(await spec.get(deps, ctx.scope, id), ctx, deps);
    }

    @Mutation(() => spec.node, { name: spec.names.create, description: `登记${spec.label}` })
    @Allow(spec.manage)
    async create(@Ctx() ctx: GqlContext, @Args('input', { type: () => spec.createInput }) input: C): Promise<N> {
      const deps = this.deps();
      return spec.toNode(await spec.create(deps, ctx, input), ctx, deps);
    }

    @Mutation(() => spec.node, { name: spec.names.update, description: `修改${spec.label}（未给出的字段不变）` })
    @Allow(spec.manage)
    async update(
      @Ctx() ctx: GqlContext,
      @Args('id', { type: () => ID }) id: string,
      @Args('input', { type: () => spec.updateInput }) input: U,
    ): Promise<N> {
      const deps = this.deps();
      return spec.toNode(await spec.update(deps, ctx, id, input), ctx, deps);
    }

    @Mutation(() => spec.node, { name: spec.names.remove, description: `删除${spec.label}（返回删除前的记录）` })
    @Allow(spec.manage)
    async remove(@Ctx() ctx: GqlContext, @Args('id', { type: () => ID }) id: string): Promise<N> {
      const deps = this.deps();
      return spec.toNode(await spec.remove(deps, ctx, id), ctx, deps);
    }
  }
  return CrudResolver;
}

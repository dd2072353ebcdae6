import { Inject } from '@nestjs/common';
import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { createUserRecord, findUserById, listUsers, Permission, updateUserRecord } from '@dangjian/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Allow, Ctx, SignedIn } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { TtlCountCache } from '../common/count-cache.js';
import { DatabaseService } from '../common/database.service.js';
import { GatewayError } from '../common/errors.js';
import { connectionNeeds } from '../common/pagination.types.js';
import { hashPassword } from '../auth/password-hasher.js';
import { TokenService } from '../auth/token.service.js';
import { Organization } from '../organization/organization.types.js';
import { CreateUserInput, UpdateUserInput, UserFilter } from './dto/user.input.js';
import { toUserNode, User, UserConnection } from './user.types.js';

@Resolver(() => User)
export class UserResolver {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(TtlCountCache) private readonly counts: TtlCountCache,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  @Query(() => User, { description: '当前登录的用户' })
  @SignedIn()
  async me(@Ctx() ctx: GqlContext): Promise<User> {
    if (ctx.principal.kind !== 'user') throw GatewayError.unauthenticated();
    const user = await findUserById(this.database.dataSource, ctx.principal.userId);
    if (!user) throw GatewayError.unauthenticated('账号不存在，请重新登录', 'TOKEN_REVOKED');
    return toUserNode(user);
  }

  @Query(() => UserConnection, { description: '用户列表（区级管理员）' })
  @Allow(Permission.MANAGE_USERS)
  async users(
    @Ctx() ctx: GqlContext,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter: UserFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<UserConnection> {
    const page = await listUsers(this.database.dataSource, ctx.scope, filter ?? {}, { first, after }, connectionNeeds(info), this.counts);
    return { ...page, nodes: page.nodes.map(toUserNode) };
  }

  @Mutation(() => User, { description: '创建用户（写入审计日志 GRANT）' })
  @Allow(Permission.MANAGE_USERS)
  async createUser(@Ctx() ctx: GqlContext, @Args('input', { type: () => CreateUserInput }) input: CreateUserInput): Promise<User> {
    const created = await createUserRecord(this.database.dataSource, ctx.scope, ctx.actor, {
      username: input.username.trim(),
      password: input.password,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName?.trim() || null,
      role: input.role,
      organizationId: input.organizationId ?? null,
    });
    return toUserNode(created);
  }

  @Mutation(() => User, { description: '修改用户的姓名、角色、所属组织或停用（角色与范围的变更写入审计日志 GRANT，并使其登录失效）' })
  @Allow(Permission.MANAGE_USERS)
  async updateUser(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateUserInput }) input: UpdateUserInput,
  ): Promise<User> {
    const updated = await updateUserRecord(this.database.dataSource, ctx.scope, ctx.actor, id, input);
    await this.tokens.rememberTokenVersion(updated.id, updated.disabled ? null : updated.tokenVersion);
    return toUserNode(updated);
  }

  @ResolveField(() => Organization, { nullable: true, description: '所属党组织' })
  async organization(@Parent() user: User, @Ctx() ctx: GqlContext): Promise<Organization | null> {
    if (!user.organizationId) return null;
    // Their own organisation is shown to the user even where it lies above their data scope.
    const own = ctx.principal.kind === 'user' && ctx.principal.userId === user.id;
    return own ? ctx.loaders.ownOrganization.load(user.organizationId) : ctx.loaders.organization.load(user.organizationId);
  }
}

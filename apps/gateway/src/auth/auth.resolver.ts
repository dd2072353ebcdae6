import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, Public, SignedIn } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { GatewayError } from '../common/errors.js';
import { AuthPayload, toUserNode } from '../user/user.types.js';
import { AuthService, type SignedIn as SignedInResult } from './auth.service.js';

function payload(result: SignedInResult): AuthPayload {
  return { ...result, user: toUserNode(result.user) };
}

@Resolver()
export class AuthResolver {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload, { description: '登录；连续多次密码错误会锁定账号，尝试过于频繁会被限流' })
  @Public()
  async login(
    @Ctx() ctx: GqlContext,
    @Args('username', { type: () => String }) username: string,
    @Args('password', { type: () => String }) password: string,
  ): Promise<AuthPayload> {
    return payload(await this.auth.login(username, password, { ip: ctx.info.ip, requestId: ctx.info.requestId }));
  }

  @Mutation(() => AuthPayload, { description: '用 refreshToken 换取新的令牌（旧的 refreshToken 随即失效）' })
  @Public()
  async refreshToken(@Args('refreshToken', { type: () => String }) refreshToken: string): Promise<AuthPayload> {
    return payload(await this.auth.refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: '退出登录：此前签发的所有令牌立即失效' })
  @SignedIn()
  async logout(@Ctx() ctx: GqlContext): Promise<boolean> {
    if (ctx.principal.kind !== 'user') throw GatewayError.unauthenticated();
    await this.auth.logout({ ...ctx.actor, userId: ctx.principal.userId });
    return true;
  }

  @Mutation(() => AuthPayload, { description: '修改自己的密码；其他登录随即失效，返回新的令牌' })
  @SignedIn()
  async changePassword(
    @Ctx() ctx: GqlContext,
    @Args('currentPassword', { type: () => String }) currentPassword: string,
    @Args('newPassword', { type: () => String }) newPassword: string,
  ): Promise<AuthPayload> {
    if (ctx.principal.kind !== 'user') throw GatewayError.unauthenticated();
    return payload(await this.auth.changePassword({ ...ctx.actor, userId: ctx.principal.userId }, currentPassword, newPassword));
  }
}

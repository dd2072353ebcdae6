import { Inject } from '@nestjs/common';
import { Args, ID, Info, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { createApiClient, listApiClients, Permission, revokeApiClient } from '@dangjian/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Authenticator } from '../auth/authenticator.service.js';
import { Allow, Ctx } from '../common/access.decorators.js';
import type { GqlContext } from '../common/context.js';
import { TtlCountCache } from '../common/count-cache.js';
import { DatabaseService } from '../common/database.service.js';
import { connectionNeeds } from '../common/pagination.types.js';
import { ApiKey, ApiKeyConnection, ApiKeyCreated, toApiKeyNode } from './api-key.types.js';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(TtlCountCache) private readonly counts: TtlCountCache,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  @Query(() => ApiKeyConnection, { description: 'API 密钥列表（区级管理员）' })
  @Allow(Permission.MANAGE_API_KEYS)
  async apiKeys(
    @Info() info: GraphQLResolveInfo,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ApiKeyConnection> {
    const page = await listApiClients(this.database.dataSource, { first, after }, connectionNeeds(info), this.counts);
    return { ...page, nodes: page.nodes.map(toApiKeyNode) };
  }

  @Mutation(() => ApiKeyCreated, { description: '创建 API 密钥：完整密钥只返回这一次，库中只存摘要' })
  @Allow(Permission.MANAGE_API_KEYS)
  async createApiKey(@Ctx() ctx: GqlContext, @Args('name', { type: () => String }) name: string): Promise<ApiKeyCreated> {
    const { key, client } = await createApiClient(this.database.dataSource, ctx.actor, name);
    return { key, apiKey: toApiKeyNode(client) };
  }

  @Mutation(() => ApiKey, { description: '吊销 API 密钥（立即生效）' })
  @Allow(Permission.MANAGE_API_KEYS)
  async revokeApiKey(@Ctx() ctx: GqlContext, @Args('id', { type: () => ID }) id: string): Promise<ApiKey> {
    const revoked = await revokeApiClient(this.database.dataSource, ctx.actor, id);
    await this.authenticator.forgetKey(revoked.keyHash);
    return toApiKeyNode(revoked);
  }
}

import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { listSettings, Permission, updateSetting } from '@dangjian/domain';
import { Allow, Ctx } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { WorkResolverBase } from '../common/crud.js';
import { Setting, SettingValueScalar } from './setting.types.js';

@Resolver(() => Setting)
export class SettingResolver extends WorkResolverBase {
  @Query(() => [Setting], { description: '全部规则设置及其现行取值' })
  @Allow(Permission.READ)
  async settings(): Promise<Setting[]> {
    return listSettings(this.database.dataSource);
  }

  @Mutation(() => [Setting], { description: '修改一项规则设置（value 为空则恢复默认值）；只有区级管理员可以修改；返回全部设置' })
  @Allow(Permission.MANAGE_SETTINGS)
  async updateSetting(
    @Ctx() ctx: GqlContext,
    @Args('key', { type: () => String }) key: string,
    @Args('value', { type: () => SettingValueScalar, nullable: true }) value: unknown,
  ): Promise<Setting[]> {
    const dataSource = this.database.dataSource;
    await updateSetting(dataSource, ctx.scope, ctx.actor, key, value ?? null);
    return listSettings(dataSource);
  }
}

import { Field, ID, InputType } from '@nestjs/graphql';
import type { Role } from '@dangjian/domain';
import { RoleEnum } from '../../common/enums.js';

@InputType()
export class CreateUserInput {
  @Field(() => String, { description: '3–64 位字母、数字、下划线、点或短横线' })
  username!: string;

  @Field(() => String, { description: '至少 10 位，包含小写字母、大写字母、数字、符号中的至少三类，且不含用户名' })
  password!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => ID, { nullable: true, description: '所属党组织：社区管理员必填，是其数据范围的根' })
  organizationId?: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => RoleEnum, { nullable: true })
  role?: Role | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '停用后该用户的所有登录立即失效' })
  disabled?: boolean | null;
}

@InputType()
export class UserFilter {
  @Field(() => String, { nullable: true, description: '用户名或姓名的开头' })
  search?: string | null;

  @Field(() => [RoleEnum], { nullable: true })
  role?: Role[] | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;
}

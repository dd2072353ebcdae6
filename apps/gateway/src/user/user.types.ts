import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ROLE_PERMISSIONS, type Permission, type Role, type UserRecord } from '@dangjian/domain';
import { PermissionEnum, RoleEnum } from '../common/enums.js';
import { PageInfo } from '../common/pagination.types.js';
import { DateTimeScalar } from '../common/scalars.js';

@ObjectType({ description: '控制台用户' })
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => RoleEnum)
  role!: Role;

  /** Resolved by UserResolver.organization. */
  organizationId!: string | null;

  @Field(() => [PermissionEnum], { description: '此用户角色拥有的权限（控制台据此显示菜单与按钮；服务端仍逐项校验）' })
  permissions!: Permission[];

  @Field(() => Boolean)
  disabled!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: '密码多次错误后锁定至此时间' })
  lockedUntil!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastLoginAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export function toUserNode(record: UserRecord): User {
  return {
    id: record.id,
    username: record.username,
    displayName: record.displayName,
    role: record.role,
    organizationId: record.organizationId,
    permissions: [...ROLE_PERMISSIONS[record.role]],
    disabled: record.disabled,
    lockedUntil: record.lockedUntil && record.lockedUntil.getTime() > Date.now() ? record.lockedUntil : null,
    lastLoginAt: record.lastLoginAt,
    createdAt: record.createdAt,
  };
}

@ObjectType()
export class UserConnection {
  @Field(() => [User])
  nodes!: User[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: '登录结果：accessToken 短期有效，过期前用 refreshToken 换取新的令牌' })
export class AuthPayload {
  @Field(() => String)
  accessToken!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => String, { description: '只能使用一次；退出登录、修改密码或权限变更后失效' })
  refreshToken!: string;

  @Field(() => DateTimeScalar)
  refreshExpiresAt!: Date;

  @Field(() => User)
  user!: User;
}

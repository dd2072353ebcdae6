import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ApiClientRecord } from '@dangjian/domain';
import { PageInfo } from '../common/pagination.types.js';
import { DateTimeScalar } from '../common/scalars.js';

@ObjectType({ description: '其他部门系统调用接口用的密钥：只读，个人信息始终脱敏' })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: '密钥的开头几位，用于区分' })
  keyPrefix!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Boolean)
  revoked!: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;
}

export function toApiKeyNode(record: ApiClientRecord): ApiKey {
  return {
    id: record.id,
    name: record.name,
    keyPrefix: record.keyPrefix,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    revoked: record.revokedAt !== null,
    revokedAt: record.revokedAt,
  };
}

@ObjectType()
export class ApiKeyCreated {
  @Field(() => String, { description: '完整密钥，只显示这一次；请求时放在 X-Api-Key 头中' })
  key!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}

@ObjectType()
export class ApiKeyConnection {
  @Field(() => [ApiKey])
  nodes!: ApiKey[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AuditLogRecord } from '@dangjian/domain';
import { PageInfo } from '../common/pagination.types.js';
import { DateTimeScalar } from '../common/scalars.js';

@ObjectType({ description: '审计记录：只能新增，不能修改或删除' })
export class AuditLog {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String, { description: '用户名、"api-key:<名称>" 或 "system"' })
  actor!: string;

  @Field(() => String, { description: 'LOGIN、LOGIN_FAILED、LOGOUT、REVEAL_PII、EXPORT、IMPORT、CREATE、UPDATE、DELETE、GRANT、API_KEY_CREATED、API_KEY_REVOKED' })
  action!: string;

  @Field(() => String, { nullable: true })
  entityType!: string | null;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: '变更前（JSON，个人信息已脱敏）' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: '变更后（JSON，个人信息已脱敏）' })
  after!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  requestId!: string | null;
}

export function toAuditLogNode(record: AuditLogRecord): AuditLog {
  return {
    id: record.id,
    at: record.at,
    actor: record.actor,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    reason: record.reason,
    before: record.before ? JSON.stringify(record.before) : null,
    after: record.after ? JSON.stringify(record.after) : null,
    ip: record.ip,
    requestId: record.requestId,
  };
}

@ObjectType()
export class AuditLogConnection {
  @Field(() => [AuditLog])
  nodes!: AuditLog[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

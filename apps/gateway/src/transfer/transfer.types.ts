import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  actionsForUs,
  TRANSFER_SORTS,
  TRANSFER_WORK_LISTS,
  maskName,
  type SyncState,
  type TransferAction,
  type TransferDirection,
  type TransferKind,
  type TransferRecord,
  type TransferSort,
  type TransferStatus,
  type TransferWorkList,
} from '@dangjian/domain';
import {
  SyncStateEnum,
  TransferActionEnum,
  TransferDirectionEnum,
  TransferKindEnum,
  TransferStatusEnum,
} from '../common/enums.js';
import { PageInfo } from '../common/pagination.types.js';
import type { Principal } from '../common/principal.js';
import { DateScalar, DateTimeScalar } from '../common/scalars.js';

export const TransferWorkListEnum = Object.fromEntries(TRANSFER_WORK_LISTS.map((v) => [v, v])) as {
  [K in TransferWorkList]: K;
};
registerEnumType(TransferWorkListEnum, {
  name: 'TransferWorkList',
  description: 'TODO 待办（下一步由我方办理）；UNFINISHED 未办结（我方已办，等待对方）；UPCOMING 即将办理（7 天内到期的介绍信、到期的回执）',
});
export const TransferSortEnum = Object.fromEntries(TRANSFER_SORTS.map((v) => [v, v])) as { [K in TransferSort]: K };
registerEnumType(TransferSortEnum, { name: 'TransferSort', description: 'NEWEST 最新创建在前；RECENTLY_UPDATED 最近变动在前' });

@ObjectType({ description: '转接的一次状态变化' })
export class TransferHistoryEvent {
  @Field(() => TransferStatusEnum)
  status!: TransferStatus;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => String, { nullable: true })
  by!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({ description: '党员组织关系转接' })
export class Transfer {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  upstreamId!: string | null;

  /** Resolved by TransferResolver.member. */
  memberId!: string | null;

  @Field(() => String, { description: '党员姓名（API 密钥调用时脱敏）' })
  memberName!: string;

  @Field(() => TransferDirectionEnum)
  direction!: TransferDirection;

  @Field(() => TransferKindEnum)
  kind!: TransferKind;

  @Field(() => TransferStatusEnum)
  status!: TransferStatus;

  /** Resolved by TransferResolver.organization. */
  organizationId!: string | null;

  @Field(() => String)
  fromOrganizationName!: string;

  @Field(() => String, { nullable: true })
  fromOrganizationUpstreamId!: string | null;

  @Field(() => String)
  toOrganizationName!: string;

  @Field(() => String, { nullable: true })
  toOrganizationUpstreamId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  letterNumber!: string | null;

  @Field(() => DateScalar, { nullable: true })
  letterIssuedOn!: string | null;

  @Field(() => Int, { nullable: true })
  letterValidDays!: number | null;

  @Field(() => DateScalar, { nullable: true, description: '介绍信有效的最后一天' })
  letterExpiresOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  receivedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  receiptOn!: string | null;

  @Field(() => String, { nullable: true, description: '党费交至（年-月）' })
  duesPaidThrough!: string | null;

  @Field(() => SyncStateEnum)
  syncState!: SyncState;

  @Field(() => [TransferHistoryEvent])
  history!: TransferHistoryEvent[];

  @Field(() => [TransferActionEnum], { description: '我方现在可以执行的操作' })
  allowedActions!: TransferAction[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toTransferNode(record: TransferRecord, principal: Principal): Transfer {
  return {
    ...record,
    memberName: principal.kind === 'apiKey' ? maskName(record.memberName) : record.memberName,
    history: record.history.map((event) => ({ ...event, by: principal.kind === 'apiKey' ? null : event.by })),
    allowedActions: record.syncState === 'CONFLICT' ? [] : actionsForUs(record.direction, record.status),
  };
}

@ObjectType()
export class TransferConnection {
  @Field(() => [Transfer])
  nodes!: Transfer[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}


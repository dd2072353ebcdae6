import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  activityResource,
  allowedWishStatus,
  wishResource,
  type Activity as ActivityRecord,
  type ActivityKind,
  type ActivitySortField,
  type Wish as WishRecord,
  type WishBeneficiaryCategory,
  type WishSortField,
  type WishStatus,
} from '@dangjian/domain';
import type { GqlContext } from '../../common/context.js';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput } from '../common/crud.js';
import { ActivityKindEnum, enumOf, registerLabelledEnum, WishBeneficiaryCategoryEnum, WishStatusEnum } from '../common/enums.js';
import { personName } from '../common/loaders.js';

export const ActivitySortFieldEnum = enumOf(Object.keys(activityResource.sortColumns) as ActivitySortField[]);
registerLabelledEnum(ActivitySortFieldEnum, 'ActivitySortField', '活动的排序字段', { HELD_ON: '活动日期', PARTICIPATIONS: '参与人次' });
export const WishSortFieldEnum = enumOf(Object.keys(wishResource.sortColumns) as WishSortField[]);
registerLabelledEnum(WishSortFieldEnum, 'WishSortField', '微心愿的排序字段', { COLLECTED_ON: '征集日期', CREATED_AT: '登记时间' });

@ObjectType({ description: '活动（惠民服务、主题教育、宣讲、志愿活动、全城清洁等）' })
export class Activity {
  @Field(() => ID)
  id!: string;

  @Field(() => ActivityKindEnum)
  kind!: ActivityKind;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => DateScalar)
  heldOn!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => Int, { description: '参与人次' })
  participations!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toActivityNode(record: ActivityRecord): Activity {
  return record;
}

export const ActivityConnection = connectionOf(Activity, 'Activity', '活动');

@InputType()
export class ActivityFilter extends SubtreeFilterInput {
  @Field(() => [ActivityKindEnum], { nullable: true })
  kind?: ActivityKind[] | null;

  @Field(() => DateScalar, { nullable: true })
  heldFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  heldTo?: string | null;

  @Field(() => String, { nullable: true, description: '活动名称中的文字' })
  search?: string | null;
}

@InputType()
export class CreateActivityInput {
  @Field(() => ActivityKindEnum)
  kind!: ActivityKind;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => DateScalar)
  heldOn!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => Int, { nullable: true })
  participations?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class UpdateActivityInput {
  @Field(() => ActivityKindEnum, { nullable: true })
  kind?: ActivityKind;

  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => DateScalar, { nullable: true })
  heldOn?: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => Int, { nullable: true })
  participations?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType({ description: '一类活动的次数和参与人次' })
export class ActivityTotal {
  @Field(() => ActivityKindEnum)
  kind!: ActivityKind;

  @Field(() => Int)
  count!: number;

  @Field(() => Int)
  participations!: number;
}

@ObjectType({ description: '微心愿：征集 → 认领 → 圆梦' })
export class Wish {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: '征集的社区党组织' })
  organizationId!: string;

  @Field(() => Int, { description: '期数' })
  round!: number;

  @Field(() => WishBeneficiaryCategoryEnum)
  beneficiaryCategory!: WishBeneficiaryCategory;

  @Field(() => String, { description: '圆梦对象，始终脱敏（如“张*”）' })
  beneficiaryName!: string;

  @Field(() => String)
  content!: string;

  @Field(() => WishStatusEnum)
  status!: WishStatus;

  @Field(() => DateScalar)
  collectedOn!: string;

  @Field(() => String, { nullable: true, description: '认领人（API 密钥调用时脱敏）' })
  claimantName!: string | null;

  @Field(() => String, { nullable: true, description: '认领单位' })
  claimantUnit!: string | null;

  @Field(() => DateScalar, { nullable: true })
  claimedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  fulfilledOn!: string | null;

  @Field(() => WishStatusEnum, { nullable: true, description: '下一步的状态；已圆梦时为空' })
  nextStatus!: WishStatus | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toWishNode(record: WishRecord, ctx: GqlContext): Wish {
  return {
    ...record,
    claimantName: personName(record.claimantName, ctx.principal),
    nextStatus: allowedWishStatus(record.status),
  };
}

export const WishConnection = connectionOf(Wish, 'Wish', '微心愿');

@InputType()
export class WishFilter extends SubtreeFilterInput {
  @Field(() => Int, { nullable: true })
  round?: number | null;

  @Field(() => [WishStatusEnum], { nullable: true })
  status?: WishStatus[] | null;

  @Field(() => [WishBeneficiaryCategoryEnum], { nullable: true })
  beneficiaryCategory?: WishBeneficiaryCategory[] | null;
}

@InputType()
export class CreateWishInput {
  @Field(() => ID, { description: '征集的社区党组织' })
  organizationId!: string;

  @Field(() => Int)
  round!: number;

  @Field(() => WishBeneficiaryCategoryEnum)
  beneficiaryCategory!: WishBeneficiaryCategory;

  @Field(() => String, { description: '圆梦对象；保存时脱敏为“张*”' })
  beneficiaryName!: string;

  @Field(() => String)
  content!: string;

  @Field(() => DateScalar)
  collectedOn!: string;
}

@InputType({ description: '状态只能通过 advanceWish 改变' })
export class UpdateWishInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => Int, { nullable: true })
  round?: number;

  @Field(() => WishBeneficiaryCategoryEnum, { nullable: true })
  beneficiaryCategory?: WishBeneficiaryCategory;

  @Field(() => String, { nullable: true })
  beneficiaryName?: string;

  @Field(() => String, { nullable: true })
  content?: string;

  @Field(() => DateScalar, { nullable: true })
  collectedOn?: string;
}

@InputType({ description: '微心愿的下一步：认领（须有认领人或认领单位）或圆梦' })
export class AdvanceWishInput {
  @Field(() => WishStatusEnum)
  status!: WishStatus;

  @Field(() => String, { nullable: true })
  claimantName?: string | null;

  @Field(() => String, { nullable: true })
  claimantUnit?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '认领或圆梦的日期，默认今天' })
  on?: string | null;
}

@ObjectType({ description: '一类圆梦对象在一个状态的心愿数' })
export class WishCount {
  @Field(() => WishBeneficiaryCategoryEnum)
  beneficiaryCategory!: WishBeneficiaryCategory;

  @Field(() => WishStatusEnum)
  status!: WishStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '一期的心愿数' })
export class WishRoundCounts {
  @Field(() => Int)
  round!: number;

  @Field(() => [WishCount])
  counts!: WishCount[];
}

@ObjectType({ description: '微心愿看板：按圆梦对象类别 × 状态，合计和分期' })
export class WishBoard {
  @Field(() => [Int])
  rounds!: number[];

  @Field(() => [WishCount])
  counts!: WishCount[];

  @Field(() => [WishRoundCounts])
  byRound!: WishRoundCounts[];

  @Field(() => Int)
  fulfilledCount!: number;
}

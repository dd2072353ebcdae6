import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  reliefPaymentResource,
  renovationProjectResource,
  type ReliefKind,
  type ReliefPayment as ReliefPaymentRecord,
  type ReliefPaymentSortField,
  type RenovationKind,
  type RenovationProject as RenovationProjectRecord,
  type RenovationProjectSortField,
  type RenovationStatus,
} from '@dangjian/domain';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput } from '../common/crud.js';
import { enumOf, registerLabelledEnum, ReliefKindEnum, RenovationKindEnum, RenovationStatusEnum } from '../common/enums.js';

export const ReliefPaymentSortFieldEnum = enumOf(Object.keys(reliefPaymentResource.sortColumns) as ReliefPaymentSortField[]);
registerLabelledEnum(ReliefPaymentSortFieldEnum, 'ReliefPaymentSortField', '民生资金发放记录的排序字段', { PAID_ON: '发放日期', AMOUNT: '金额' });
export const RenovationProjectSortFieldEnum = enumOf(Object.keys(renovationProjectResource.sortColumns) as RenovationProjectSortField[]);
registerLabelledEnum(RenovationProjectSortFieldEnum, 'RenovationProjectSortField', '整治项目的排序字段', { NAME: '名称', CREATED_AT: '登记时间' });

// Amounts are whole fen; GraphQL Int stops at 2^31 fen (about 21 million yuan), which a
// subdistrict's totals can pass, so they travel as Float holding an integer.
const FEN = '金额，单位：分（整数）';

@ObjectType({ description: '民生资金发放记录（低保金、补贴金、慰问金的一批发放）' })
export class ReliefPayment {
  @Field(() => ID)
  id!: string;

  @Field(() => ReliefKindEnum)
  kind!: ReliefKind;

  @Field(() => Float, { description: FEN })
  amountFen!: number;

  @Field(() => DateScalar)
  paidOn!: string;

  @Field(() => Int, { description: '发放人数' })
  recipientCount!: number;

  @Field(() => ID)
  communityOrganizationId!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toReliefPaymentNode(record: ReliefPaymentRecord): ReliefPayment {
  return record;
}

export const ReliefPaymentConnection = connectionOf(ReliefPayment, 'ReliefPayment', '民生资金发放记录');

@InputType()
export class ReliefPaymentFilter extends SubtreeFilterInput {
  @Field(() => [ReliefKindEnum], { nullable: true })
  kind?: ReliefKind[] | null;

  @Field(() => DateScalar, { nullable: true })
  paidFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  paidTo?: string | null;
}

@InputType()
export class CreateReliefPaymentInput {
  @Field(() => ReliefKindEnum)
  kind!: ReliefKind;

  @Field(() => Float, { description: FEN })
  amountFen!: number;

  @Field(() => DateScalar)
  paidOn!: string;

  @Field(() => Int)
  recipientCount!: number;

  @Field(() => ID)
  communityOrganizationId!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class UpdateReliefPaymentInput {
  @Field(() => ReliefKindEnum, { nullable: true })
  kind?: ReliefKind;

  @Field(() => Float, { nullable: true, description: FEN })
  amountFen?: number;

  @Field(() => DateScalar, { nullable: true })
  paidOn?: string;

  @Field(() => Int, { nullable: true })
  recipientCount?: number;

  @Field(() => ID, { nullable: true })
  communityOrganizationId?: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType({ description: '一类民生资金的合计' })
export class ReliefKindTotal {
  @Field(() => ReliefKindEnum)
  kind!: ReliefKind;

  @Field(() => Float, { description: FEN })
  amountFen!: number;

  @Field(() => Int)
  recipientCount!: number;

  @Field(() => Int)
  paymentCount!: number;
}

@ObjectType({ description: '民生资金合计（低保金、补贴金、慰问金）' })
export class ReliefTotals {
  @Field(() => [ReliefKindTotal])
  byKind!: ReliefKindTotal[];

  @Field(() => Float, { description: FEN })
  totalAmountFen!: number;

  @Field(() => Int)
  totalRecipientCount!: number;
}

@ObjectType({ description: '无主管楼院或道路的综合整治项目' })
export class RenovationProject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RenovationKindEnum)
  kind!: RenovationKind;

  @Field(() => ID)
  communityOrganizationId!: string;

  @Field(() => DateScalar, { nullable: true })
  startedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  finishedOn!: string | null;

  @Field(() => RenovationStatusEnum)
  status!: RenovationStatus;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toRenovationProjectNode(record: RenovationProjectRecord): RenovationProject {
  return record;
}

export const RenovationProjectConnection = connectionOf(RenovationProject, 'RenovationProject', '整治项目');

@InputType()
export class RenovationProjectFilter extends SubtreeFilterInput {
  @Field(() => RenovationKindEnum, { nullable: true })
  kind?: RenovationKind | null;

  @Field(() => [RenovationStatusEnum], { nullable: true })
  status?: RenovationStatus[] | null;
}

@InputType()
export class CreateRenovationProjectInput {
  @Field(() => String)
  name!: string;

  @Field(() => RenovationKindEnum)
  kind!: RenovationKind;

  @Field(() => ID)
  communityOrganizationId!: string;

  @Field(() => DateScalar, { nullable: true })
  startedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  finishedOn?: string | null;

  @Field(() => RenovationStatusEnum)
  status!: RenovationStatus;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class UpdateRenovationProjectInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => RenovationKindEnum, { nullable: true })
  kind?: RenovationKind;

  @Field(() => ID, { nullable: true })
  communityOrganizationId?: string;

  @Field(() => DateScalar, { nullable: true })
  startedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  finishedOn?: string | null;

  @Field(() => RenovationStatusEnum, { nullable: true })
  status?: RenovationStatus;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { TransferAction, TransferDirection, TransferKind, TransferStatus, TransferWorkList } from '@dangjian/domain';
import { TransferActionEnum, TransferDirectionEnum, TransferKindEnum, TransferStatusEnum } from '../../common/enums.js';
import { TransferWorkListEnum } from '../transfer.types.js';

@InputType()
export class TransferFilter {
  @Field(() => [TransferStatusEnum], { nullable: true })
  status?: TransferStatus[] | null;

  @Field(() => TransferDirectionEnum, { nullable: true })
  direction?: TransferDirection | null;

  @Field(() => ID, { nullable: true, description: '本方党组织（含其下级）' })
  organizationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '已逾期：接收后超过规定天数未回执，或在途而介绍信已过有效期' })
  overdue?: boolean | null;

  @Field(() => TransferWorkListEnum, { nullable: true, description: '全国党员管理信息系统的三个工作清单' })
  workList?: TransferWorkList | null;

  @Field(() => [TransferKindEnum], { nullable: true })
  kind?: TransferKind[] | null;

  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => String, { nullable: true, description: '党员姓名的开头' })
  search?: string | null;
}

@InputType()
export class CreateTransferOutInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => TransferKindEnum)
  kind!: TransferKind;

  @Field(() => String)
  toOrganizationName!: string;

  @Field(() => String, { nullable: true, description: '转入党组织在上级组织系统中的代码（12–15 位数字）' })
  toOrganizationUpstreamId?: string | null;

  @Field(() => String)
  reason!: string;
}

@InputType()
export class TransferActionInput {
  @Field(() => TransferActionEnum)
  action!: TransferAction;

  @Field(() => String, { nullable: true, description: '说明；退回和撤销必须填写原因' })
  note?: string | null;

  @Field(() => Int, { nullable: true, description: '开具介绍信时的有效期（天）；不填按设置：市内 30 天，外地 90 天，最多 180 天' })
  letterValidDays?: number | null;

  @Field(() => String, { nullable: true, description: '开具介绍信时的编号；不填自动生成' })
  letterNumber?: string | null;
}

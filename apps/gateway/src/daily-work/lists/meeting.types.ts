import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  meetingResource,
  type Compliance,
  type Frequency,
  type Meeting as MeetingRecord,
  type MeetingSortField,
  type MeetingType,
} from '@dangjian/domain';
import type { GqlContext } from '../../common/context.js';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput } from '../common/crud.js';
import { ComplianceStatusEnum, enumOf, MeetingFrequencyEnum, MeetingTypeEnum, registerLabelledEnum } from '../common/enums.js';
import { personName } from '../common/loaders.js';
import { Attachment, AttachmentInput } from './checklist.types.js';

export const MeetingSortFieldEnum = enumOf(Object.keys(meetingResource.sortColumns) as MeetingSortField[]);
registerLabelledEnum(MeetingSortFieldEnum, 'MeetingSortField', '组织生活记录的排序字段', { HELD_ON: '召开日期' });

@ObjectType({ description: '缺席人员及原因' })
export class Absentee {
  @Field(() => String, { description: '姓名（API 密钥调用时脱敏）' })
  name!: string;

  @Field(() => String)
  reason!: string;
}

@InputType()
export class AbsenteeInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  reason!: string;
}

@ObjectType({ description: '组织生活记录：一次会议（三会一课、主题党日等）' })
export class Meeting {
  @Field(() => ID)
  id!: string;

  @Field(() => MeetingTypeEnum)
  type!: MeetingType;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => DateScalar, { description: '召开日期' })
  heldOn!: string;

  @Field(() => String, { nullable: true })
  topic!: string | null;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => String, { nullable: true, description: '主持人（API 密钥调用时脱敏）' })
  chair!: string | null;

  @Field(() => String, { nullable: true, description: '记录人（API 密钥调用时脱敏）' })
  recorder!: string | null;

  @Field(() => Int, { description: '应到' })
  expectedCount!: number;

  @Field(() => Int, { description: '实到' })
  attendedCount!: number;

  @Field(() => Int, { nullable: true, description: '有表决权的党员人数' })
  votingMemberCount!: number | null;

  @Field(() => [Absentee])
  absentees!: Absentee[];

  @Field(() => String, { nullable: true, description: '议程' })
  agenda!: string | null;

  @Field(() => String, { nullable: true, description: '决议' })
  resolutions!: string | null;

  @Field(() => [Attachment], { description: '照片、签到表等' })
  attachments!: Attachment[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toMeetingNode(record: MeetingRecord, ctx: GqlContext): Meeting {
  return {
    ...record,
    chair: personName(record.chair, ctx.principal),
    recorder: personName(record.recorder, ctx.principal),
    absentees: (record.absentees ?? []).map((absentee) => ({ name: personName(absentee.name, ctx.principal), reason: absentee.reason })),
    attachments: record.attachments ?? [],
  };
}

export const MeetingConnection = connectionOf(Meeting, 'Meeting', '组织生活记录');

@InputType()
export class MeetingFilter extends SubtreeFilterInput {
  @Field(() => [MeetingTypeEnum], { nullable: true })
  type?: MeetingType[] | null;

  @Field(() => DateScalar, { nullable: true })
  heldFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  heldTo?: string | null;
}

@InputType()
export class CreateMeetingInput {
  @Field(() => MeetingTypeEnum)
  type!: MeetingType;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => DateScalar)
  heldOn!: string;

  @Field(() => String, { nullable: true })
  topic?: string | null;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true })
  chair?: string | null;

  @Field(() => String, { nullable: true })
  recorder?: string | null;

  @Field(() => Int)
  expectedCount!: number;

  @Field(() => Int)
  attendedCount!: number;

  @Field(() => Int, { nullable: true, description: '支部党员大会须超过其半数到会才能作出决议' })
  votingMemberCount?: number | null;

  @Field(() => [AbsenteeInput], { nullable: true })
  absentees?: AbsenteeInput[] | null;

  @Field(() => String, { nullable: true })
  agenda?: string | null;

  @Field(() => String, { nullable: true })
  resolutions?: string | null;

  @Field(() => [AttachmentInput], { nullable: true })
  attachments?: AttachmentInput[] | null;
}

@InputType()
export class UpdateMeetingInput {
  @Field(() => MeetingTypeEnum, { nullable: true })
  type?: MeetingType;

  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => DateScalar, { nullable: true })
  heldOn?: string;

  @Field(() => String, { nullable: true })
  topic?: string | null;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true })
  chair?: string | null;

  @Field(() => String, { nullable: true })
  recorder?: string | null;

  @Field(() => Int, { nullable: true })
  expectedCount?: number;

  @Field(() => Int, { nullable: true })
  attendedCount?: number;

  @Field(() => Int, { nullable: true })
  votingMemberCount?: number | null;

  @Field(() => [AbsenteeInput], { nullable: true })
  absentees?: AbsenteeInput[] | null;

  @Field(() => String, { nullable: true })
  agenda?: string | null;

  @Field(() => String, { nullable: true })
  resolutions?: string | null;

  @Field(() => [AttachmentInput], { nullable: true })
  attachments?: AttachmentInput[] | null;
}

@ObjectType({ description: '一类会议在一个考核周期的落实情况' })
export class MeetingComplianceEntry {
  @Field(() => MeetingTypeEnum)
  type!: MeetingType;

  @Field(() => String, { description: '考核周期：2026-11、2026-Q4 或 2026' })
  period!: string;

  @Field(() => MeetingFrequencyEnum)
  frequency!: Frequency;

  @Field(() => DateScalar)
  start!: string;

  @Field(() => DateScalar)
  end!: string;

  @Field(() => ComplianceStatusEnum)
  status!: Compliance;

  @Field(() => Int, { description: '该周期召开的次数' })
  meetingCount!: number;
}

@ObjectType({ description: '一个支部的组织生活落实情况' })
export class BranchMeetingCompliance {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  organizationName!: string;

  @Field(() => Boolean, { description: '设有支部委员会（考核支委会）' })
  hasCommittee!: boolean;

  @Field(() => Boolean, { description: '设有党小组（考核党小组会）' })
  hasGroups!: boolean;

  @Field(() => [MeetingComplianceEntry])
  entries!: MeetingComplianceEntry[];

  @Field(() => Int)
  metCount!: number;

  @Field(() => Int)
  openCount!: number;

  @Field(() => Int)
  missedCount!: number;
}

@ObjectType({ description: '组织生活落实情况：支部 × 会议类型 × 考核周期，绿 / 黄 / 红' })
export class MeetingComplianceReport {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => DateScalar)
  today!: string;

  @Field(() => [BranchMeetingCompliance])
  branches!: BranchMeetingCompliance[];
}

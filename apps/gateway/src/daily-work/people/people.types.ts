import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import {
  compareDays,
  instructorAssignmentResource,
  instructorResource,
  staffResource,
  type Education,
  type Gender,
  type Instructor as InstructorRecord,
  type InstructorAssignment as InstructorAssignmentRecord,
  type InstructorAssignmentSortField,
  type InstructorSortField,
  type Staff as StaffRecord,
  type StaffSortField,
} from '@dangjian/domain';
import type { GqlContext } from '../../common/context.js';
import { EducationEnum, GenderEnum } from '../../common/enums.js';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput, type WorkDeps } from '../common/crud.js';
import { enumOf, registerLabelledEnum } from '../common/enums.js';
import { personName } from '../common/loaders.js';

export const StaffSortFieldEnum = enumOf(Object.keys(staffResource.sortColumns) as StaffSortField[]);
registerLabelledEnum(StaffSortFieldEnum, 'StaffSortField', '专职工作人员的排序字段', { NAME: '姓名', STARTED_ON: '到岗日期' });
export const InstructorSortFieldEnum = enumOf(Object.keys(instructorResource.sortColumns) as InstructorSortField[]);
registerLabelledEnum(InstructorSortFieldEnum, 'InstructorSortField', '党建指导员的排序字段', { NAME: '姓名', CREATED_AT: '登记时间' });
export const InstructorAssignmentSortFieldEnum = enumOf(
  Object.keys(instructorAssignmentResource.sortColumns) as InstructorAssignmentSortField[],
);
registerLabelledEnum(InstructorAssignmentSortFieldEnum, 'InstructorAssignmentSortField', '指导员分工的排序字段', { FROM_ON: '开始日期' });

@ObjectType({ description: '党建专职工作人员。手机号在这里始终是脱敏的' })
export class Staff {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: '所在社区的党组织' })
  communityOrganizationId!: string;

  @Field(() => String, { description: '姓名（API 密钥调用时脱敏）' })
  name!: string;

  @Field(() => GenderEnum, { nullable: true })
  gender!: Gender | null;

  @Field(() => DateScalar, { nullable: true })
  birthDate!: string | null;

  @Field(() => EducationEnum, { nullable: true })
  education!: Education | null;

  @Field(() => String, { nullable: true, description: '脱敏的手机号，如 138****5678' })
  phone!: string | null;

  @Field(() => ID, { nullable: true, description: '本人的党员记录' })
  memberId!: string | null;

  @Field(() => DateScalar, { description: '到岗日期' })
  startedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '离岗日期；在岗时为空' })
  endedOn!: string | null;

  @Field(() => Boolean, { description: '今天在岗' })
  active!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toStaffNode(record: StaffRecord, ctx: GqlContext, deps: WorkDeps): Staff {
  return {
    id: record.id,
    communityOrganizationId: record.communityOrganizationId,
    name: personName(record.name, ctx.principal),
    gender: record.gender,
    birthDate: record.birthDate,
    education: record.education,
    phone: record.phoneMasked,
    memberId: record.memberId,
    startedOn: record.startedOn,
    endedOn: record.endedOn,
    active: compareDays(record.startedOn, deps.today) <= 0 && (record.endedOn === null || compareDays(record.endedOn, deps.today) >= 0),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export const StaffConnection = connectionOf(Staff, 'Staff', '专职工作人员');

@InputType()
export class StaffFilter extends SubtreeFilterInput {
  @Field(() => DateScalar, { nullable: true, description: '这一天在岗' })
  activeOn?: string | null;

  @Field(() => String, { nullable: true, description: '姓名中的文字' })
  search?: string | null;
}

@InputType()
export class CreateStaffInput {
  @Field(() => ID)
  communityOrganizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => GenderEnum, { nullable: true })
  gender?: Gender | null;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  @Field(() => EducationEnum, { nullable: true })
  education?: Education | null;

  @Field(() => String, { nullable: true, description: '手机号（加密保存，只显示脱敏形式）' })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => DateScalar)
  startedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endedOn?: string | null;
}

@InputType()
export class UpdateStaffInput {
  @Field(() => ID, { nullable: true })
  communityOrganizationId?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => GenderEnum, { nullable: true })
  gender?: Gender | null;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  @Field(() => EducationEnum, { nullable: true })
  education?: Education | null;

  @Field(() => String, { nullable: true, description: '不填不变；空字符串清除' })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startedOn?: string;

  @Field(() => DateScalar, { nullable: true })
  endedOn?: string | null;
}

@ObjectType({ description: '党建指导员。手机号在这里始终是脱敏的' })
export class Instructor {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: '选派的党组织' })
  organizationId!: string;

  @Field(() => String, { description: '姓名（API 密钥调用时脱敏）' })
  name!: string;

  @Field(() => String, { nullable: true, description: '脱敏的手机号' })
  phone!: string | null;

  @Field(() => ID, { nullable: true, description: '登录控制台的账号' })
  userId!: string | null;

  @Field(() => String, { nullable: true, description: '职务' })
  title!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toInstructorNode(record: InstructorRecord, ctx: GqlContext): Instructor {
  return {
    id: record.id,
    organizationId: record.organizationId,
    name: personName(record.name, ctx.principal),
    phone: record.phoneMasked,
    userId: record.userId,
    title: record.title,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export const InstructorConnection = connectionOf(Instructor, 'Instructor', '党建指导员');

@InputType()
export class InstructorFilter extends SubtreeFilterInput {
  @Field(() => String, { nullable: true, description: '姓名中的文字' })
  search?: string | null;
}

@InputType()
export class CreateInstructorInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@InputType()
export class UpdateInstructorInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@ObjectType({ description: '党建指导员对一个支部的指导分工' })
export class InstructorAssignment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  instructorId!: string;

  @Field(() => ID, { description: '被指导的支部' })
  organizationId!: string;

  @Field(() => DateScalar)
  fromOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '结束日期；仍在指导时为空' })
  toOn!: string | null;

  @Field(() => Boolean, { description: '今天仍在指导' })
  active!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toInstructorAssignmentNode(record: InstructorAssignmentRecord, _ctx: GqlContext, deps: WorkDeps): InstructorAssignment {
  return {
    id: record.id,
    instructorId: record.instructorId,
    organizationId: record.organizationId,
    fromOn: record.fromOn,
    toOn: record.toOn,
    active: compareDays(record.fromOn, deps.today) <= 0 && (record.toOn === null || compareDays(record.toOn, deps.today) >= 0),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export const InstructorAssignmentConnection = connectionOf(InstructorAssignment, 'InstructorAssignment', '指导员分工');

@InputType()
export class InstructorAssignmentFilter extends SubtreeFilterInput {
  @Field(() => ID, { nullable: true })
  instructorId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '这一天仍在指导' })
  activeOn?: string | null;
}

@InputType()
export class CreateInstructorAssignmentInput {
  @Field(() => ID)
  instructorId!: string;

  @Field(() => ID, { description: '被指导的支部（非公企业、社会组织或楼宇党组织）' })
  organizationId!: string;

  @Field(() => DateScalar)
  fromOn!: string;

  @Field(() => DateScalar, { nullable: true })
  toOn?: string | null;
}

@InputType()
export class UpdateInstructorAssignmentInput {
  @Field(() => DateScalar, { nullable: true })
  fromOn?: string;

  @Field(() => DateScalar, { nullable: true })
  toOn?: string | null;
}

import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  allianceResource,
  allianceUnitResource,
  linkageProjectResource,
  type Alliance as AllianceRecord,
  type AllianceSortField,
  type AllianceUnit as AllianceUnitRecord,
  type AllianceUnitSortField,
  type LinkageProject as LinkageProjectRecord,
  type LinkageProjectSortField,
  type LinkageType,
} from '@dangjian/domain';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput } from '../common/crud.js';
import { enumOf, LinkageTypeEnum, registerLabelledEnum } from '../common/enums.js';

export const AllianceSortFieldEnum = enumOf(Object.keys(allianceResource.sortColumns) as AllianceSortField[]);
registerLabelledEnum(AllianceSortFieldEnum, 'AllianceSortField', '联合体的排序字段', { NAME: '名称', CREATED_AT: '登记时间' });
export const AllianceUnitSortFieldEnum = enumOf(Object.keys(allianceUnitResource.sortColumns) as AllianceUnitSortField[]);
registerLabelledEnum(AllianceUnitSortFieldEnum, 'AllianceUnitSortField', '共建单位的排序字段', { NAME: '名称', JOINED_ON_ID: '加入顺序' });
export const LinkageProjectSortFieldEnum = enumOf(Object.keys(linkageProjectResource.sortColumns) as LinkageProjectSortField[]);
registerLabelledEnum(LinkageProjectSortFieldEnum, 'LinkageProjectSortField', '联动项目的排序字段', { HELD_ON: '开展日期' });

@ObjectType({ description: '区域化党建联合体' })
export class Alliance {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: '牵头的党组织' })
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => DateScalar, { nullable: true })
  establishedOn!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toAllianceNode(record: AllianceRecord): Alliance {
  return record;
}

export const AllianceConnection = connectionOf(Alliance, 'Alliance', '区域化党建联合体');

@InputType()
export class AllianceFilter extends SubtreeFilterInput {}

@InputType()
export class CreateAllianceInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => DateScalar, { nullable: true })
  establishedOn?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class UpdateAllianceInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => DateScalar, { nullable: true })
  establishedOn?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@ObjectType({ description: '共建单位：联合体的成员单位' })
export class AllianceUnit {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  allianceId!: string;

  @Field(() => ID, { nullable: true, description: '已登记的单位' })
  unitId!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => DateScalar, { nullable: true })
  joinedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  leftOn!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toAllianceUnitNode(record: AllianceUnitRecord): AllianceUnit {
  return record;
}

export const AllianceUnitConnection = connectionOf(AllianceUnit, 'AllianceUnit', '共建单位');

@InputType()
export class AllianceUnitFilter extends SubtreeFilterInput {
  @Field(() => ID, { nullable: true })
  allianceId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '这一天仍在联合体中' })
  activeOn?: string | null;
}

@InputType()
export class CreateAllianceUnitInput {
  @Field(() => ID)
  allianceId!: string;

  @Field(() => ID, { nullable: true, description: '已登记的单位；不填 name 时用其名称' })
  unitId?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => DateScalar, { nullable: true })
  joinedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  leftOn?: string | null;
}

@InputType()
export class UpdateAllianceUnitInput {
  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => DateScalar, { nullable: true })
  joinedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  leftOn?: string | null;
}

@ObjectType({ description: '联动项目（七项联动之一）' })
export class LinkageProject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  allianceId!: string;

  @Field(() => LinkageTypeEnum)
  linkageType!: LinkageType;

  @Field(() => String)
  title!: string;

  @Field(() => [ID], { description: '参与的共建单位' })
  allianceUnitIds!: string[];

  @Field(() => DateScalar)
  heldOn!: string;

  @Field(() => String, { nullable: true, description: '成效' })
  outcome!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toLinkageProjectNode(record: LinkageProjectRecord): LinkageProject {
  return { ...record, allianceUnitIds: (record.allianceUnitIds ?? []).map(String) };
}

export const LinkageProjectConnection = connectionOf(LinkageProject, 'LinkageProject', '联动项目');

@InputType()
export class LinkageProjectFilter extends SubtreeFilterInput {
  @Field(() => ID, { nullable: true })
  allianceId?: string | null;

  @Field(() => [LinkageTypeEnum], { nullable: true })
  linkageType?: LinkageType[] | null;

  @Field(() => DateScalar, { nullable: true })
  heldFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  heldTo?: string | null;
}

@InputType()
export class CreateLinkageProjectInput {
  @Field(() => ID)
  allianceId!: string;

  @Field(() => LinkageTypeEnum)
  linkageType!: LinkageType;

  @Field(() => String)
  title!: string;

  @Field(() => [ID], { nullable: true })
  allianceUnitIds?: string[] | null;

  @Field(() => DateScalar)
  heldOn!: string;

  @Field(() => String, { nullable: true })
  outcome?: string | null;
}

@InputType()
export class UpdateLinkageProjectInput {
  @Field(() => LinkageTypeEnum, { nullable: true })
  linkageType?: LinkageType;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => [ID], { nullable: true })
  allianceUnitIds?: string[] | null;

  @Field(() => DateScalar, { nullable: true })
  heldOn?: string;

  @Field(() => String, { nullable: true })
  outcome?: string | null;
}

@ObjectType({ description: '一类联动的项目数' })
export class LinkageTotal {
  @Field(() => LinkageTypeEnum)
  linkageType!: LinkageType;

  @Field(() => Int)
  count!: number;
}

import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  communityResource,
  shouldHaveOwnOrganization,
  unitResource,
  type Community as CommunityRecord,
  type CommunitySortField,
  type Unit as UnitRecord,
  type UnitCategory,
  type UnitSortField,
} from '@dangjian/domain';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput } from '../common/crud.js';
import { enumOf, registerLabelledEnum, UnitCategoryEnum } from '../common/enums.js';

export const CommunitySortFieldEnum = enumOf(Object.keys(communityResource.sortColumns) as CommunitySortField[]);
registerLabelledEnum(CommunitySortFieldEnum, 'CommunitySortField', '社区的排序字段', {
  NAME: '名称',
  SORT_ORDER: '排序号',
  CREATED_AT: '登记时间',
});
export const UnitSortFieldEnum = enumOf(Object.keys(unitResource.sortColumns) as UnitSortField[]);
registerLabelledEnum(UnitSortFieldEnum, 'UnitSortField', '单位的排序字段', {
  NAME: '名称',
  STAFF_COUNT: '从业人员数',
  CREATED_AT: '登记时间',
});

@ObjectType({ description: '社区档案（一社区一品牌）；社区党组织来自组织树' })
export class Community {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: '社区党组织' })
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: '简称，如「陇一」' })
  shortName!: string;

  @Field(() => String, { nullable: true, description: '品牌名称' })
  brandName!: string | null;

  @Field(() => String, { nullable: true, description: '品牌类型' })
  brandType!: string | null;

  @Field(() => String, { nullable: true, description: '工作法' })
  workMethod!: string | null;

  @Field(() => String, { nullable: true })
  highlights!: string | null;

  @Field(() => Int, { nullable: true, description: '户数' })
  households!: number | null;

  @Field(() => Int, { nullable: true, description: '居民人数' })
  residentCount!: number | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => Int)
  sortOrder!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toCommunityNode(record: CommunityRecord): Community {
  return record;
}

export const CommunityConnection = connectionOf(Community, 'Community', '社区');

@InputType()
export class CommunityFilter extends SubtreeFilterInput {
  @Field(() => String, { nullable: true, description: '名称、简称或品牌名称中的文字' })
  search?: string | null;

  @Field(() => String, { nullable: true })
  brandType?: string | null;
}

@InputType()
export class CreateCommunityInput {
  @Field(() => ID, { description: '社区党组织（类别为 COMMUNITY）' })
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  shortName!: string;

  @Field(() => String, { nullable: true })
  brandName?: string | null;

  @Field(() => String, { nullable: true })
  brandType?: string | null;

  @Field(() => String, { nullable: true })
  workMethod?: string | null;

  @Field(() => String, { nullable: true })
  highlights?: string | null;

  @Field(() => Int, { nullable: true })
  households?: number | null;

  @Field(() => Int, { nullable: true })
  residentCount?: number | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;
}

@InputType()
export class UpdateCommunityInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  shortName?: string;

  @Field(() => String, { nullable: true })
  brandName?: string | null;

  @Field(() => String, { nullable: true })
  brandType?: string | null;

  @Field(() => String, { nullable: true })
  workMethod?: string | null;

  @Field(() => String, { nullable: true })
  highlights?: string | null;

  @Field(() => Int, { nullable: true })
  households?: number | null;

  @Field(() => Int, { nullable: true })
  residentCount?: number | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;
}

@ObjectType({ description: '单位（非公企业、社会组织、共建单位等）及其排查情况' })
export class Unit {
  @Field(() => ID)
  id!: string;

  @Field(() => UnitCategoryEnum)
  category!: UnitCategory;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: '统一社会信用代码' })
  creditCode!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => Boolean, { description: '有固定场所' })
  hasPremises!: boolean;

  @Field(() => Int, { description: '从业人员数' })
  staffCount!: number;

  @Field(() => Boolean, { description: '有实际经营活动' })
  businessActive!: boolean;

  @Field(() => DateScalar, { nullable: true, description: '最近一次排查日期' })
  surveyedOn!: string | null;

  @Field(() => Int, { description: '正式党员数（排查所得）' })
  fullMemberCount!: number;

  @Field(() => ID, { nullable: true, description: '本单位的党组织' })
  organizationId!: string | null;

  @Field(() => ID, { nullable: true, description: '覆盖本单位的联合党支部' })
  jointBranchOrganizationId!: string | null;

  @Field(() => ID, { nullable: true })
  buildingId!: string | null;

  @Field(() => ID, { description: '所在社区的党组织（数据范围依据）' })
  communityOrganizationId!: string;

  @Field(() => Boolean, { description: '应建未建：正式党员 3 人以上而没有自己的党组织' })
  needsOwnOrganization!: boolean;

  @Field(() => Boolean, { description: '组织覆盖：有自己的党组织或在联合党支部中' })
  organizationCovered!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toUnitNode(record: UnitRecord): Unit {
  return {
    ...record,
    needsOwnOrganization: shouldHaveOwnOrganization(record.fullMemberCount) && record.organizationId === null,
    organizationCovered: record.organizationId !== null || record.jointBranchOrganizationId !== null,
  };
}

export const UnitConnection = connectionOf(Unit, 'Unit', '单位');

@InputType()
export class UnitFilter extends SubtreeFilterInput {
  @Field(() => [UnitCategoryEnum], { nullable: true })
  category?: UnitCategory[] | null;

  @Field(() => String, { nullable: true, description: '名称或统一社会信用代码中的文字' })
  search?: string | null;

  @Field(() => ID, { nullable: true })
  buildingId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否排查过' })
  surveyed?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '应建未建' })
  needsOwnOrganization?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '组织覆盖' })
  organizationCovered?: boolean | null;
}

@InputType()
export class CreateUnitInput {
  @Field(() => UnitCategoryEnum)
  category!: UnitCategory;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: '统一社会信用代码；非公企业和社会组织必填' })
  creditCode?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Boolean, { nullable: true })
  hasPremises?: boolean | null;

  @Field(() => Int, { nullable: true })
  staffCount?: number | null;

  @Field(() => Boolean, { nullable: true })
  businessActive?: boolean | null;

  @Field(() => DateScalar, { nullable: true })
  surveyedOn?: string | null;

  @Field(() => Int, { nullable: true })
  fullMemberCount?: number | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  jointBranchOrganizationId?: string | null;

  @Field(() => ID, { nullable: true })
  buildingId?: string | null;

  @Field(() => ID)
  communityOrganizationId!: string;
}

@InputType()
export class UpdateUnitInput {
  @Field(() => UnitCategoryEnum, { nullable: true })
  category?: UnitCategory;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  creditCode?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Boolean, { nullable: true })
  hasPremises?: boolean | null;

  @Field(() => Int, { nullable: true })
  staffCount?: number | null;

  @Field(() => Boolean, { nullable: true })
  businessActive?: boolean | null;

  @Field(() => DateScalar, { nullable: true })
  surveyedOn?: string | null;

  @Field(() => Int, { nullable: true })
  fullMemberCount?: number | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  jointBranchOrganizationId?: string | null;

  @Field(() => ID, { nullable: true })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true })
  communityOrganizationId?: string;
}

@ObjectType({ description: '“两个覆盖”：排查范围内单位的组织覆盖率和工作覆盖率，以及需要跟进的单位' })
export class CoverageReport {
  @Field(() => Int, { description: '数据范围内排查的单位数（非公企业和社会组织）' })
  unitCount!: number;

  @Field(() => Int, { description: '纳入排查范围（“三有”）的单位数' })
  inScopeCount!: number;

  @Field(() => Int)
  organizationCoveredCount!: number;

  @Field(() => Int)
  workCoveredCount!: number;

  @Field(() => Float, { description: '0..1' })
  organizationCoverageRate!: number;

  @Field(() => Float, { description: '0..1' })
  workCoverageRate!: number;

  @Field(() => Int)
  needingOwnOrganizationCount!: number;

  @Field(() => [Unit], { description: '应建未建的单位' })
  unitsNeedingOwnOrganization!: Unit[];

  @Field(() => [Unit], { description: '在排查范围内、既无组织覆盖也无指导员联系的单位' })
  uncoveredUnits!: Unit[];
}

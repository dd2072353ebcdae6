import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  serviceCenterResource,
  serviceRecordResource,
  type CenterLevel,
  type CenterStage,
  type ServiceCategory,
  type ServiceCenter as ServiceCenterRecord,
  type ServiceCenterSortField,
  type ServiceRecord as ServiceRecordRecord,
  type ServiceRecordSortField,
  type SharingRoute,
} from '@dangjian/domain';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput } from '../common/crud.js';
import {
  CenterLevelEnum,
  CenterStageEnum,
  enumOf,
  registerLabelledEnum,
  ServiceCategoryEnum,
  SharingRouteEnum,
} from '../common/enums.js';

export const ServiceCenterSortFieldEnum = enumOf(Object.keys(serviceCenterResource.sortColumns) as ServiceCenterSortField[]);
registerLabelledEnum(ServiceCenterSortFieldEnum, 'ServiceCenterSortField', '党群服务中心的排序字段', {
  NAME: '名称',
  AREA: '面积',
  CREATED_AT: '登记时间',
});
export const ServiceRecordSortFieldEnum = enumOf(Object.keys(serviceRecordResource.sortColumns) as ServiceRecordSortField[]);
registerLabelledEnum(ServiceRecordSortFieldEnum, 'ServiceRecordSortField', '服务记录的排序字段', { SERVED_ON: '服务日期' });

@ObjectType({ description: '党群服务中心（阵地）' })
export class ServiceCenter {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => CenterLevelEnum)
  level!: CenterLevel;

  @Field(() => Float, { description: '建筑面积，平方米' })
  areaM2!: number;

  @Field(() => CenterStageEnum)
  stage!: CenterStage;

  @Field(() => Int, { nullable: true, description: '服务户数' })
  householdsServed!: number | null;

  @Field(() => Boolean, { description: '面积达标（按保存时的设置）' })
  standardMet!: boolean;

  @Field(() => SharingRouteEnum, { nullable: true, description: '未达标时的共享途径' })
  sharingRoute!: SharingRoute | null;

  @Field(() => [String], { description: '功能室：党员加油站、志愿服务站、矛盾调解室…' })
  facilities!: string[];

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => DateScalar, { nullable: true })
  constructionStartsOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  openedOn!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toServiceCenterNode(record: ServiceCenterRecord): ServiceCenter {
  return { ...record, facilities: record.facilities ?? [] };
}

export const ServiceCenterConnection = connectionOf(ServiceCenter, 'ServiceCenter', '党群服务中心');

@InputType()
export class ServiceCenterFilter extends SubtreeFilterInput {
  @Field(() => CenterLevelEnum, { nullable: true })
  level?: CenterLevel | null;

  @Field(() => [CenterStageEnum], { nullable: true })
  stage?: CenterStage[] | null;

  @Field(() => Boolean, { nullable: true })
  standardMet?: boolean | null;
}

@InputType()
export class CreateServiceCenterInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => CenterLevelEnum)
  level!: CenterLevel;

  @Field(() => Float, { description: '建筑面积，平方米（两位小数）' })
  areaM2!: number;

  @Field(() => CenterStageEnum)
  stage!: CenterStage;

  @Field(() => Int, { nullable: true })
  householdsServed?: number | null;

  @Field(() => SharingRouteEnum, { nullable: true })
  sharingRoute?: SharingRoute | null;

  @Field(() => [String], { nullable: true })
  facilities?: string[] | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => DateScalar, { nullable: true })
  constructionStartsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  openedOn?: string | null;
}

@InputType()
export class UpdateServiceCenterInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => CenterLevelEnum, { nullable: true })
  level?: CenterLevel;

  @Field(() => Float, { nullable: true })
  areaM2?: number;

  @Field(() => CenterStageEnum, { nullable: true })
  stage?: CenterStage;

  @Field(() => Int, { nullable: true })
  householdsServed?: number | null;

  @Field(() => SharingRouteEnum, { nullable: true })
  sharingRoute?: SharingRoute | null;

  @Field(() => [String], { nullable: true })
  facilities?: string[] | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => DateScalar, { nullable: true })
  constructionStartsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  openedOn?: string | null;
}

@ObjectType({ description: '一个中心与现行面积标准的对照' })
export class ServiceCenterStandard {
  @Field(() => ServiceCenter)
  center!: ServiceCenter;

  @Field(() => Float, { description: '按现行设置应有的面积，平方米' })
  requiredAreaM2!: number;

  @Field(() => Float, { description: '差额，平方米；达标时为 0' })
  shortfallM2!: number;
}

@ObjectType({ description: '党群服务中心的一次服务（八大类服务）' })
export class ServiceRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  centerId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => ServiceCategoryEnum)
  category!: ServiceCategory;

  @Field(() => DateScalar)
  servedOn!: string;

  @Field(() => String, { nullable: true, description: '服务对象，始终脱敏（如“张*”）' })
  servedPerson!: string | null;

  @Field(() => String, { nullable: true, description: '经办人' })
  handledBy!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toServiceRecordNode(record: ServiceRecordRecord): ServiceRecord {
  return record;
}

export const ServiceRecordConnection = connectionOf(ServiceRecord, 'ServiceRecord', '服务记录');

@InputType()
export class ServiceRecordFilter extends SubtreeFilterInput {
  @Field(() => ID, { nullable: true })
  centerId?: string | null;

  @Field(() => [ServiceCategoryEnum], { nullable: true })
  category?: ServiceCategory[] | null;

  @Field(() => DateScalar, { nullable: true })
  servedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  servedTo?: string | null;
}

@InputType()
export class CreateServiceRecordInput {
  @Field(() => ID)
  centerId!: string;

  @Field(() => ServiceCategoryEnum)
  category!: ServiceCategory;

  @Field(() => DateScalar)
  servedOn!: string;

  @Field(() => String, { nullable: true, description: '服务对象；保存时脱敏为“张*”' })
  servedPerson?: string | null;

  @Field(() => String, { nullable: true })
  handledBy?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class UpdateServiceRecordInput {
  @Field(() => ID, { nullable: true })
  centerId?: string;

  @Field(() => ServiceCategoryEnum, { nullable: true })
  category?: ServiceCategory;

  @Field(() => DateScalar, { nullable: true })
  servedOn?: string;

  @Field(() => String, { nullable: true })
  servedPerson?: string | null;

  @Field(() => String, { nullable: true })
  handledBy?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType({ description: '一类服务的次数' })
export class ServiceRecordTotal {
  @Field(() => ServiceCategoryEnum)
  category!: ServiceCategory;

  @Field(() => Int)
  count!: number;
}

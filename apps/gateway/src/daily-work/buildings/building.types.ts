import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  buildingResource,
  buildingStationResource,
  type Building as BuildingRecord,
  type BuildingSortField,
  type BuildingStation as BuildingStationRecord,
  type BuildingStationSortField,
} from '@dangjian/domain';
import type { GqlContext } from '../../common/context.js';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput } from '../common/crud.js';
import { enumOf, registerLabelledEnum } from '../common/enums.js';
import { personName } from '../common/loaders.js';

export const BuildingSortFieldEnum = enumOf(Object.keys(buildingResource.sortColumns) as BuildingSortField[]);
registerLabelledEnum(BuildingSortFieldEnum, 'BuildingSortField', '楼宇的排序字段', { NAME: '名称', CREATED_AT: '登记时间' });
export const BuildingStationSortFieldEnum = enumOf(Object.keys(buildingStationResource.sortColumns) as BuildingStationSortField[]);
registerLabelledEnum(BuildingStationSortFieldEnum, 'BuildingStationSortField', '楼宇党建指导站的排序字段', {
  NAME: '名称',
  CREATED_AT: '登记时间',
});

@ObjectType({ description: '楼宇（商务楼宇及其入驻企业）' })
export class Building {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => ID, { description: '所在社区的党组织' })
  communityOrganizationId!: string;

  @Field(() => ID, { nullable: true, description: '楼宇党支部' })
  branchOrganizationId!: string | null;

  @Field(() => ID, { nullable: true, description: '覆盖本楼宇的楼宇党建指导站' })
  stationId!: string | null;

  @Field(() => Int, { nullable: true })
  floors!: number | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toBuildingNode(record: BuildingRecord): Building {
  return record;
}

export const BuildingConnection = connectionOf(Building, 'Building', '楼宇');

@InputType()
export class BuildingFilter extends SubtreeFilterInput {
  @Field(() => String, { nullable: true, description: '名称中的文字' })
  search?: string | null;

  @Field(() => ID, { nullable: true })
  stationId?: string | null;
}

@InputType()
export class CreateBuildingInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => ID)
  communityOrganizationId!: string;

  @Field(() => ID, { nullable: true })
  branchOrganizationId?: string | null;

  @Field(() => ID, { nullable: true })
  stationId?: string | null;

  @Field(() => Int, { nullable: true })
  floors?: number | null;
}

@InputType()
export class UpdateBuildingInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => ID, { nullable: true })
  communityOrganizationId?: string;

  @Field(() => ID, { nullable: true })
  branchOrganizationId?: string | null;

  @Field(() => ID, { nullable: true })
  stationId?: string | null;

  @Field(() => Int, { nullable: true })
  floors?: number | null;
}

@ObjectType({ description: '楼宇党建指导站' })
export class BuildingStation {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID, { description: '指导站所属党组织（其数据范围的根）' })
  organizationId!: string;

  @Field(() => String, { nullable: true, description: '站长（API 密钥调用时脱敏）' })
  headName!: string | null;

  @Field(() => [ID], { description: '指导站工作人员的账号' })
  staffUserIds!: string[];

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => DateScalar, { nullable: true })
  establishedOn!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toBuildingStationNode(record: BuildingStationRecord, ctx: GqlContext): BuildingStation {
  return { ...record, headName: personName(record.headName, ctx.principal), staffUserIds: record.staffUserIds.map(String) };
}

export const BuildingStationConnection = connectionOf(BuildingStation, 'BuildingStation', '楼宇党建指导站');

@InputType()
export class BuildingStationFilter extends SubtreeFilterInput {
  @Field(() => String, { nullable: true, description: '名称中的文字' })
  search?: string | null;
}

@InputType()
export class CreateBuildingStationInput {
  @Field(() => String)
  name!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, { nullable: true })
  headName?: string | null;

  @Field(() => [ID], { nullable: true })
  staffUserIds?: string[] | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => DateScalar, { nullable: true })
  establishedOn?: string | null;
}

@InputType()
export class UpdateBuildingStationInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => String, { nullable: true })
  headName?: string | null;

  @Field(() => [ID], { nullable: true })
  staffUserIds?: string[] | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => DateScalar, { nullable: true })
  establishedOn?: string | null;
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { OrganizationCategory, OrganizationRecord, OrganizationType } from '@dangjian/domain';
import { OrganizationCategoryEnum, OrganizationTypeEnum } from '../common/enums.js';
import { PageInfo } from '../common/pagination.types.js';
import { DateScalar } from '../common/scalars.js';

@ObjectType({ description: '党组织：党组织树的一个节点' })
export class Organization implements Omit<OrganizationRecord, 'path' | 'sortOrder'> {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: '上级组织系统中的组织代码' })
  upstreamId!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => OrganizationTypeEnum)
  type!: OrganizationType;

  @Field(() => OrganizationCategoryEnum)
  category!: OrganizationCategory;

  @Field(() => ID, { nullable: true, description: '上级党组织编号（上级不在数据范围内时 parent 为空）' })
  parentId!: string | null;

  @Field(() => Int, { description: '层级，根为 0' })
  depth!: number;

  @Field(() => DateScalar, { nullable: true })
  establishedOn!: string | null;
}

@ObjectType()
export class OrganizationConnection {
  @Field(() => [Organization])
  nodes!: Organization[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

import { Field, ID, InputType } from '@nestjs/graphql';
import type { OrganizationCategory, OrganizationType } from '@dangjian/domain';
import { OrganizationCategoryEnum, OrganizationTypeEnum } from '../../common/enums.js';

@InputType()
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: '名称中的文字，或完整的上级组织代码' })
  search?: string | null;

  @Field(() => [OrganizationTypeEnum], { nullable: true })
  type?: OrganizationType[] | null;

  @Field(() => [OrganizationCategoryEnum], { nullable: true })
  category?: OrganizationCategory[] | null;

  @Field(() => ID, { nullable: true, description: '此组织之下的全部组织（不含其本身）' })
  ancestorId?: string | null;

  @Field(() => ID, { nullable: true, description: '此组织的直接下级' })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '只要数据范围的顶层组织（用于组织树的根）' })
  rootsOnly?: boolean | null;
}

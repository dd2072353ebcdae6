import { Field, ID, InputType } from '@nestjs/graphql';
import type { Education, Gender, MemberFlag, MemberStatus } from '@dangjian/domain';
import { EducationEnum, GenderEnum, MemberFlagEnum, MemberStatusEnum } from '../../common/enums.js';

@InputType()
export class MemberFilter {
  @Field(() => String, { nullable: true, description: '姓名开头，或完整的 18 位身份证号（按加密摘要精确匹配）' })
  search?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '与 organizationId 同用：包含其全部下级组织的党员' })
  includeDescendants?: boolean | null;

  @Field(() => [MemberStatusEnum], { nullable: true })
  status?: MemberStatus[] | null;

  @Field(() => GenderEnum, { nullable: true })
  gender?: Gender | null;

  @Field(() => [EducationEnum], { nullable: true })
  education?: Education[] | null;

  @Field(() => [MemberFlagEnum], { nullable: true, description: '同时具有这些标记' })
  flags?: MemberFlag[] | null;
}

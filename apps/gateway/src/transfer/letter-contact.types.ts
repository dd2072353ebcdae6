import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: '介绍信上开具党组织的联系方式（联系人、联系电话、通讯地址）' })
export class LetterContact {
  @Field(() => ID, { description: '联系方式所属的党组织（本组织或其最近的上级）' })
  organizationId!: string;

  @Field()
  organizationName!: string;

  @Field(() => String, { nullable: true, description: '联系人' })
  contactPerson!: string | null;

  @Field(() => String, { nullable: true, description: '联系电话' })
  contactPhone!: string | null;

  @Field(() => String, { nullable: true, description: '通讯地址' })
  contactAddress!: string | null;
}

@InputType({ description: '介绍信联系方式；不传的字段不变，空字符串清空' })
export class LetterContactInput {
  @Field(() => String, { nullable: true })
  contactPerson?: string | null;

  @Field(() => String, { nullable: true })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true })
  contactAddress?: string | null;
}

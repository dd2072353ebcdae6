import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { maskName, type Education, type Gender, type MemberFlag, type MemberRecord, type MemberStatus } from '@dangjian/domain';
import { EducationEnum, GenderEnum, MemberFlagEnum, MemberStatusEnum } from '../common/enums.js';
import { PageInfo } from '../common/pagination.types.js';
import type { Principal } from '../common/principal.js';
import { DateScalar } from '../common/scalars.js';

@ObjectType({ description: '党员。身份证号和手机号在这里始终是脱敏的；完整信息只能通过 revealMemberPii 查看并留痕' })
export class Member {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  upstreamId!: string | null;

  @Field(() => String, { description: '姓名（API 密钥调用时脱敏为“张*”）' })
  name!: string;

  @Field(() => GenderEnum)
  gender!: Gender;

  @Field(() => String)
  ethnicity!: string;

  @Field(() => DateScalar)
  birthDate!: string;

  @Field(() => EducationEnum)
  education!: Education;

  @Field(() => MemberStatusEnum)
  status!: MemberStatus;

  @Field(() => DateScalar, { description: '入党时间' })
  joinedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '转正时间' })
  fullMemberOn!: string | null;

  /** Resolved by MemberResolver.organization. */
  organizationId!: string;

  @Field(() => String, { description: '脱敏的身份证号，如 410102********1234' })
  idCardNumber!: string;

  @Field(() => String, { nullable: true, description: '脱敏的手机号，如 138****5678' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: '党费交至（年-月）' })
  duesPaidThrough!: string | null;

  @Field(() => [MemberFlagEnum])
  flags!: MemberFlag[];
}

/**
 * The only way a member record becomes a response: the masked columns under the contract's
 * names, and for another team's service the name masked too.
 */
export function toMemberNode(record: MemberRecord, principal: Principal): Member {
  return {
    id: record.id,
    upstreamId: record.upstreamId,
    name: principal.kind === 'apiKey' ? maskName(record.name) : record.name,
    gender: record.gender,
    ethnicity: record.ethnicity,
    birthDate: record.birthDate,
    education: record.education,
    status: record.status,
    joinedOn: record.joinedOn,
    fullMemberOn: record.fullMemberOn,
    organizationId: record.organizationId,
    idCardNumber: record.idCardMasked,
    phone: record.phoneMasked,
    duesPaidThrough: record.duesPaidThrough,
    flags: record.flags,
  };
}

@ObjectType({ description: '完整的个人信息（每次查看都写入审计日志）' })
export class MemberPii {
  @Field(() => String)
  idCardNumber!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

@ObjectType()
export class MemberConnection {
  @Field(() => [Member])
  nodes!: Member[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../common/scalars.js';

@ObjectType({ description: '班子成员统计（换届结果）' })
export class CadreStatistics {
  @Field(() => DateScalar, { description: '年龄计算所依据的日期（未指定时为最近一次换届的日期）' })
  asOf!: string;

  @Field(() => Int)
  seatCount!: number;

  @Field(() => Float, { description: '按周岁计算的平均年龄，未取整' })
  averageAge!: number;

  @Field(() => Int)
  aged35OrUnderCount!: number;

  @Field(() => Float, { description: '0..1，未取整' })
  aged35OrUnderRatio!: number;

  @Field(() => Int, { description: '大专及以上' })
  collegeOrAboveCount!: number;

  @Field(() => Float)
  collegeOrAboveRatio!: number;

  @Field(() => Float)
  femaleRatio!: number;
}

@ObjectType({ description: '街道党建工作概览（数据范围内）' })
export class SubdistrictOverview {
  @Field(() => Int)
  communityCount!: number;

  @Field(() => Int)
  memberCount!: number;

  @Field(() => Int)
  fullMemberCount!: number;

  @Field(() => Int)
  probationaryMemberCount!: number;

  @Field(() => CadreStatistics, { description: '各社区最近一次换届的班子' })
  committee!: CadreStatistics;

  @Field(() => Int)
  fullTimeStaffCount!: number;

  @Field(() => Int, { description: '非公企业和社会组织党组织数' })
  nonPublicBranchCount!: number;

  @Field(() => Int)
  instructorCount!: number;

  @Field(() => Float)
  organizationCoverageRate!: number;

  @Field(() => Float)
  workCoverageRate!: number;

  @Field(() => Int)
  serviceActivityCount!: number;

  @Field(() => Int)
  themeEducationActivityCount!: number;

  @Field(() => Int)
  wishFulfilledCount!: number;

  @Field(() => Int)
  transfersInTransitCount!: number;

  @Field(() => Int)
  overdueTransferCount!: number;
}

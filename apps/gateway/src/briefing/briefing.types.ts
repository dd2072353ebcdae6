import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BRIEFING_SECTION_KEYS, type BriefingSectionKey } from '@dangjian/domain';
import { DateScalar } from '../common/scalars.js';

/** The parts of a briefing (the domain's list, one place). */
export const BriefingSectionKeyEnum = Object.fromEntries(BRIEFING_SECTION_KEYS.map((key) => [key, key])) as {
  [K in BriefingSectionKey]: K;
};

registerEnumType(BriefingSectionKeyEnum, {
  name: 'BriefingSectionKey',
  description: '简报的部分',
  valuesMap: {
    summary: { description: '总体情况' },
    organization: { description: '支部管理（组织建设）' },
    activities: { description: '活动载体' },
    results: { description: '工作成效' },
    communities: { description: '各社区亮点' },
  },
});

@ObjectType({ description: '数字的出处：打开哪个列表、用什么筛选条件，能看到它背后的记录' })
export class BriefingSource {
  @Field({ description: '记录类型，如 Activity、CommitteeSeat、ChecklistItem、Meeting' })
  entityType!: string;

  @Field({ description: '列表的筛选条件（JSON，字段名与对应列表的 filter 一致）' })
  filter!: string;

  @Field(() => Int, { description: '这个数字背后的记录数' })
  count!: number;
}

@ObjectType({ description: '写进简报正文的一个数字' })
export class BriefingFigure {
  @Field({ description: '它统计的是什么，如「书记、委员人数」' })
  label!: string;

  @Field({ description: '正文中写出的样子，如 27、34.4、96.3%' })
  value!: string;

  @Field(() => BriefingSource)
  source!: BriefingSource;
}

@ObjectType({ description: '简报的一段' })
export class BriefingParagraph {
  @Field(() => String, { nullable: true, description: '段首小标题（如社区名称）；一般段落为空' })
  title!: string | null;

  @Field()
  text!: string;

  @Field(() => [BriefingFigure], { description: '正文中的数字，按出现顺序' })
  figures!: BriefingFigure[];
}

@ObjectType({ description: '简报的一部分：组织建设、活动载体、工作成效、各社区亮点' })
export class BriefingSection {
  @Field(() => BriefingSectionKeyEnum)
  key!: BriefingSectionKey;

  @Field()
  heading!: string;

  @Field(() => [BriefingParagraph])
  paragraphs!: BriefingParagraph[];
}

@ObjectType({ description: '简报的期间' })
export class BriefingPeriod {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => DateScalar, { description: '党员、班子、清单等现状数字的统计日期' })
  asOf!: string;

  @Field({ description: '如「2026年1月1日—2026年11月26日」' })
  label!: string;
}

@ObjectType({ description: '工作简报：由实时数据按街道简报的文风生成，每个数字都能追溯到记录' })
export class WorkBriefing {
  @Field()
  title!: string;

  @Field({ description: '简报的主体，如「陇海马路街道」「新郑路社区」' })
  subject!: string;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => BriefingPeriod)
  period!: BriefingPeriod;

  @Field(() => [BriefingSection])
  sections!: BriefingSection[];
}

@InputType()
export class WorkBriefingInput {
  @Field(() => ID, { nullable: true, description: '只写此党组织及其下级；不填为全部数据范围' })
  organizationId?: string | null;

  @Field(() => DateScalar, { description: '期间的第一天' })
  from!: string;

  @Field(() => DateScalar, { description: '期间的最后一天' })
  to!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: '现状数字的统计日期；默认期间最后一天（晚于今天时为今天）',
  })
  asOf?: string | null;
}

import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  followUpOverdue,
  guidanceVisitResource,
  type GuidanceItem,
  type GuidanceItemState,
  type GuidanceMethod,
  type GuidanceVisit as GuidanceVisitRecord,
  type GuidanceVisitSortField,
} from '@dangjian/domain';
import type { GqlContext } from '../../common/context.js';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput, type WorkDeps } from '../common/crud.js';
import { enumOf, GuidanceItemEnum, GuidanceItemStateEnum, GuidanceMethodEnum, registerLabelledEnum } from '../common/enums.js';

export const GuidanceVisitSortFieldEnum = enumOf(Object.keys(guidanceVisitResource.sortColumns) as GuidanceVisitSortField[]);
registerLabelledEnum(GuidanceVisitSortFieldEnum, 'GuidanceVisitSortField', '指导记录的排序字段', { VISITED_ON: '指导日期' });

@ObjectType({ description: '一次指导中一个指导事项的落实情况' })
export class GuidanceVisitItem {
  @Field(() => GuidanceItemEnum)
  item!: GuidanceItem;

  @Field(() => GuidanceItemStateEnum)
  state!: GuidanceItemState;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({ description: '指导记录：党建指导员对一个支部的一次走访或联系' })
export class GuidanceVisit {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: '被指导的支部' })
  organizationId!: string;

  @Field(() => ID)
  instructorId!: string;

  @Field(() => DateScalar)
  visitedOn!: string;

  @Field(() => GuidanceMethodEnum)
  method!: GuidanceMethod;

  @Field(() => String, { nullable: true, description: '发现的问题' })
  findings!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '整改期限' })
  followUpDueOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '整改完成日期' })
  followUpDoneOn!: string | null;

  @Field(() => Boolean, { description: '整改未完成且已过期限' })
  followUpOverdue!: boolean;

  /** Present when the visit was read with its items; otherwise GuidanceVisitResolver.items loads them. */
  itemRows?: GuidanceVisitItem[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toGuidanceItems(record: GuidanceVisitRecord): GuidanceVisitItem[] | undefined {
  return record.items?.map((row) => ({ item: row.item, state: row.state, note: row.note }));
}

export function toGuidanceVisitNode(record: GuidanceVisitRecord, _ctx: GqlContext, deps: WorkDeps): GuidanceVisit {
  return {
    id: record.id,
    organizationId: record.organizationId,
    instructorId: record.instructorId,
    visitedOn: record.visitedOn,
    method: record.method,
    findings: record.findings,
    followUpDueOn: record.followUpDueOn,
    followUpDoneOn: record.followUpDoneOn,
    followUpOverdue: record.followUpDueOn !== null && followUpOverdue(record.followUpDueOn, record.followUpDoneOn, deps.today),
    itemRows: toGuidanceItems(record),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export const GuidanceVisitConnection = connectionOf(GuidanceVisit, 'GuidanceVisit', '指导记录');

@InputType()
export class GuidanceVisitFilter extends SubtreeFilterInput {
  @Field(() => ID, { nullable: true })
  instructorId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  visitedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  visitedTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: '只看整改逾期的' })
  followUpOverdue?: boolean | null;
}

@InputType()
export class GuidanceItemInput {
  @Field(() => GuidanceItemEnum)
  item!: GuidanceItem;

  @Field(() => GuidanceItemStateEnum)
  state!: GuidanceItemState;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class CreateGuidanceVisitInput {
  @Field(() => ID, { description: '被指导的支部' })
  organizationId!: string;

  @Field(() => ID)
  instructorId!: string;

  @Field(() => DateScalar)
  visitedOn!: string;

  @Field(() => GuidanceMethodEnum, { nullable: true, description: '默认上门走访' })
  method?: GuidanceMethod | null;

  @Field(() => [GuidanceItemInput], { description: '各指导事项的落实情况（每项至多一次）' })
  items!: GuidanceItemInput[];

  @Field(() => String, { nullable: true })
  findings?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '有事项需改进时默认指导日期加设置的天数' })
  followUpDueOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  followUpDoneOn?: string | null;
}

@InputType()
export class UpdateGuidanceVisitInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => ID, { nullable: true })
  instructorId?: string;

  @Field(() => DateScalar, { nullable: true })
  visitedOn?: string;

  @Field(() => GuidanceMethodEnum, { nullable: true })
  method?: GuidanceMethod | null;

  @Field(() => [GuidanceItemInput], { nullable: true, description: '给出时替换全部事项' })
  items?: GuidanceItemInput[];

  @Field(() => String, { nullable: true })
  findings?: string | null;

  @Field(() => DateScalar, { nullable: true })
  followUpDueOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  followUpDoneOn?: string | null;
}

@ObjectType({ description: '指导看板的一格：一个指导事项最近一次指导时的情况' })
export class GuidanceBoardCell {
  @Field(() => GuidanceItemEnum)
  item!: GuidanceItem;

  @Field(() => GuidanceItemStateEnum, { nullable: true, description: '从未指导过时为空' })
  state!: GuidanceItemState | null;

  @Field(() => DateScalar, { nullable: true })
  visitedOn!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({ description: '指导看板的一行：一个受指导的支部' })
export class GuidanceBoardRow {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  organizationName!: string;

  @Field(() => [String], { description: '今天负责指导的指导员' })
  instructorNames!: string[];

  @Field(() => DateScalar, { nullable: true })
  lastVisitedOn!: string | null;

  @Field(() => [GuidanceBoardCell])
  items!: GuidanceBoardCell[];

  @Field(() => Int)
  overdueFollowUpCount!: number;
}

@ObjectType({ description: '逾期未完成的整改' })
export class OverdueFollowUp {
  @Field(() => ID)
  visitId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  organizationName!: string;

  @Field(() => String)
  instructorName!: string;

  @Field(() => DateScalar)
  visitedOn!: string;

  @Field(() => DateScalar)
  followUpDueOn!: string;

  @Field(() => String, { nullable: true })
  findings!: string | null;
}

@ObjectType({ description: '指导看板：受指导支部 × 四项指导事项' })
export class GuidanceBoard {
  @Field(() => DateScalar)
  today!: string;

  @Field(() => [GuidanceBoardRow])
  rows!: GuidanceBoardRow[];

  @Field(() => [OverdueFollowUp])
  overdueFollowUps!: OverdueFollowUp[];
}

import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  allowedChecklistStatuses,
  checklistItemResource,
  evaluationResource,
  isChecklistItemOverdue,
  isPublishableChecklistKind,
  type ChecklistItem as ChecklistItemRecord,
  type ChecklistItemSortField,
  type ChecklistKind,
  type ChecklistStatus,
  type Evaluation as EvaluationRecord,
  type EvaluationSortField,
} from '@dangjian/domain';
import type { GqlContext } from '../../common/context.js';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput, type WorkDeps } from '../common/crud.js';
import { ChecklistKindEnum, ChecklistStatusEnum, enumOf, registerLabelledEnum } from '../common/enums.js';
import { personName } from '../common/loaders.js';

export const ChecklistItemSortFieldEnum = enumOf(Object.keys(checklistItemResource.sortColumns) as ChecklistItemSortField[]);
registerLabelledEnum(ChecklistItemSortFieldEnum, 'ChecklistItemSortField', '清单事项的排序字段', { CREATED_AT: '登记时间', TITLE: '事项名称' });
export const EvaluationSortFieldEnum = enumOf(Object.keys(evaluationResource.sortColumns) as EvaluationSortField[]);
registerLabelledEnum(EvaluationSortFieldEnum, 'EvaluationSortField', '评比结果的排序字段', { MONTH: '月份', RANK: '名次' });

@ObjectType({ description: '附件：已存储文件的名称和地址' })
export class Attachment {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  url!: string;
}

@InputType()
export class AttachmentInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  url!: string;
}

@ObjectType({ description: '清单事项（责任、问题、学习、资源、活动清单的一项）' })
export class ChecklistItem {
  @Field(() => ID)
  id!: string;

  @Field(() => ChecklistKindEnum)
  kind!: ChecklistKind;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, { description: '事项名称' })
  title!: string;

  @Field(() => String, { nullable: true })
  content!: string | null;

  @Field(() => String, { nullable: true, description: '责任人（API 密钥调用时脱敏）' })
  owner!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '完成时限' })
  dueOn!: string | null;

  @Field(() => ChecklistStatusEnum)
  status!: ChecklistStatus;

  @Field(() => String, { nullable: true, description: '整改情况' })
  rectification!: string | null;

  @Field(() => [Attachment])
  attachments!: Attachment[];

  @Field(() => DateScalar, { nullable: true, description: '销号日期' })
  closedOn!: string | null;

  @Field(() => String, { nullable: true, description: '销号人' })
  closedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '公示时间；未公示时为空' })
  publishedAt!: Date | null;

  @Field(() => Boolean, { description: '可以公示（学习、资源、活动清单）' })
  publishable!: boolean;

  @Field(() => Boolean, { description: '未销号且已过完成时限' })
  overdue!: boolean;

  @Field(() => [ChecklistStatusEnum], { description: '现在可以改为的状态' })
  allowedStatuses!: ChecklistStatus[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toChecklistItemNode(record: ChecklistItemRecord, ctx: GqlContext, deps: WorkDeps): ChecklistItem {
  return {
    id: record.id,
    kind: record.kind,
    organizationId: record.organizationId,
    title: record.title,
    content: record.content,
    owner: personName(record.owner, ctx.principal),
    dueOn: record.dueOn,
    status: record.status,
    rectification: record.rectification,
    attachments: record.attachments ?? [],
    closedOn: record.closedOn,
    closedBy: record.closedBy,
    publishedAt: record.publishedAt,
    publishable: isPublishableChecklistKind(record.kind),
    overdue: isChecklistItemOverdue(record, deps.today),
    allowedStatuses: allowedChecklistStatuses(record.kind, record.status),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export const ChecklistItemConnection = connectionOf(ChecklistItem, 'ChecklistItem', '清单事项');

@InputType()
export class ChecklistItemFilter extends SubtreeFilterInput {
  @Field(() => [ChecklistKindEnum], { nullable: true })
  kind?: ChecklistKind[] | null;

  @Field(() => [ChecklistStatusEnum], { nullable: true })
  status?: ChecklistStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: '是否已公示' })
  published?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '未销号且已过完成时限' })
  overdue?: boolean | null;

  @Field(() => String, { nullable: true, description: '名称或内容中的文字' })
  search?: string | null;
}

@InputType()
export class CreateChecklistItemInput {
  @Field(() => ChecklistKindEnum)
  kind!: ChecklistKind;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  content?: string | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueOn?: string | null;

  @Field(() => [AttachmentInput], { nullable: true })
  attachments?: AttachmentInput[] | null;
}

@InputType({ description: '状态只能通过 changeChecklistStatus 改变，公示通过 publishChecklistItem' })
export class UpdateChecklistItemInput {
  @Field(() => ChecklistKindEnum, { nullable: true, description: '创建后不能更改' })
  kind?: ChecklistKind;

  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String, { nullable: true })
  content?: string | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueOn?: string | null;

  @Field(() => [AttachmentInput], { nullable: true })
  attachments?: AttachmentInput[] | null;

  @Field(() => String, { nullable: true })
  rectification?: string | null;
}

@InputType({ description: '认领整改、销号：问题清单 待办 → 整改中 → 已销号（销号须有整改情况或佐证材料），其他清单 待办 → 已销号' })
export class ChangeChecklistStatusInput {
  @Field(() => ChecklistStatusEnum)
  status!: ChecklistStatus;

  @Field(() => String, { nullable: true, description: '整改情况' })
  rectification?: string | null;

  @Field(() => [AttachmentInput], { nullable: true, description: '佐证材料；给出时替换原有附件' })
  attachments?: AttachmentInput[] | null;
}

@ObjectType({ description: '某一状态的事项数' })
export class ChecklistStatusCount {
  @Field(() => ChecklistStatusEnum)
  status!: ChecklistStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '一类清单的事项统计' })
export class ChecklistKindSummary {
  @Field(() => ChecklistKindEnum)
  kind!: ChecklistKind;

  @Field(() => [ChecklistStatusCount])
  byStatus!: ChecklistStatusCount[];

  @Field(() => Int)
  overdueCount!: number;

  @Field(() => Int)
  publishedCount!: number;
}

@ObjectType({ description: '公示的清单事项：只含公开的内容，没有个人信息' })
export class PublishedChecklistItem {
  @Field(() => ID)
  id!: string;

  @Field(() => ChecklistKindEnum)
  kind!: ChecklistKind;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  content!: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueOn!: string | null;

  @Field(() => ChecklistStatusEnum)
  status!: ChecklistStatus;

  @Field(() => DateTimeScalar)
  publishedAt!: Date;
}

export function toPublishedChecklistItem(record: ChecklistItemRecord): PublishedChecklistItem {
  return {
    id: record.id,
    kind: record.kind,
    title: record.title,
    content: record.content,
    dueOn: record.dueOn,
    status: record.status,
    publishedAt: record.publishedAt!,
  };
}

@ObjectType({ description: '公示页所属的社区（无需登录；只有名称）' })
export class PublishedCommunity {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: '社区名称，公示屏的标题用' })
  name!: string;
}

export const PublishedChecklistItemConnection = connectionOf(PublishedChecklistItem, 'PublishedChecklistItem', '公示的清单事项');

@ObjectType({ description: '月度评比名次，如全市精细化管理月评比' })
export class Evaluation {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, { description: '评比名称' })
  name!: string;

  @Field(() => String, { description: '评比月份 YYYY-MM' })
  month!: string;

  @Field(() => Int, { description: '名次' })
  rank!: number;

  @Field(() => Int, { nullable: true, description: '参评数' })
  rankedCount!: number | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toEvaluationNode(record: EvaluationRecord): Evaluation {
  return record;
}

export const EvaluationConnection = connectionOf(Evaluation, 'Evaluation', '评比结果');

@InputType()
export class EvaluationFilter extends SubtreeFilterInput {
  @Field(() => String, { nullable: true, description: '评比名称（完全一致）' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: '名次不低于（如 5 为“前五”）' })
  maxRank?: number | null;

  @Field(() => String, { nullable: true, description: '起始月份 YYYY-MM' })
  monthFrom?: string | null;

  @Field(() => String, { nullable: true, description: '截止月份 YYYY-MM' })
  monthTo?: string | null;
}

@InputType()
export class CreateEvaluationInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int)
  rank!: number;

  @Field(() => Int, { nullable: true })
  rankedCount?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class UpdateEvaluationInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  month?: string;

  @Field(() => Int, { nullable: true })
  rank?: number;

  @Field(() => Int, { nullable: true })
  rankedCount?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  allowedRequestStatuses,
  compareDays,
  requestResource,
  type Request as RequestRecord,
  type RequestCategory,
  type RequestScale,
  type RequestSortField,
  type RequestSource,
  type RequestStatus,
} from '@dangjian/domain';
import type { GqlContext } from '../../common/context.js';
import { DateScalar, DateTimeScalar } from '../../common/scalars.js';
import { connectionOf, SubtreeFilterInput, type WorkDeps } from '../common/crud.js';
import {
  enumOf,
  registerLabelledEnum,
  RequestCategoryEnum,
  RequestScaleEnum,
  RequestSourceEnum,
  RequestStatusEnum,
} from '../common/enums.js';
import { personName } from '../common/loaders.js';

export const RequestSortFieldEnum = enumOf(Object.keys(requestResource.sortColumns) as RequestSortField[]);
registerLabelledEnum(RequestSortFieldEnum, 'RequestSortField', '诉求的排序字段', { RECEIVED_AT: '受理时间', CREATED_AT: '登记时间' });

@ObjectType({ description: '诉求（为企业解难题、办实事；居民的大事小事家务事），件件有回音' })
export class Request {
  @Field(() => ID)
  id!: string;

  @Field(() => RequestSourceEnum)
  source!: RequestSource;

  @Field(() => String, { description: '诉求人（API 密钥调用时脱敏为“张*”）' })
  requesterName!: string;

  @Field(() => String, { nullable: true, description: '脱敏的联系电话，如 138****5678' })
  contact!: string | null;

  @Field(() => ID, { nullable: true, description: '提出诉求的企业' })
  unitId!: string | null;

  @Field(() => ID, { nullable: true })
  buildingId!: string | null;

  @Field(() => ID)
  communityOrganizationId!: string;

  @Field(() => String)
  content!: string;

  @Field(() => RequestCategoryEnum)
  category!: RequestCategory;

  @Field(() => RequestScaleEnum)
  scale!: RequestScale;

  @Field(() => String, { nullable: true, description: '承办人或队伍' })
  handledBy!: string | null;

  @Field(() => ID, { nullable: true, description: '承办的党员' })
  handlerMemberId!: string | null;

  @Field(() => RequestStatusEnum)
  status!: RequestStatus;

  @Field(() => String, { nullable: true, description: '回音：向诉求人反馈的情况' })
  feedback!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  feedbackAt!: Date | null;

  @Field(() => DateTimeScalar)
  receivedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => DateScalar, { nullable: true, description: '办理期限' })
  dueOn!: string | null;

  @Field(() => Boolean, { description: '未办结且已过办理期限' })
  overdue!: boolean;

  @Field(() => [RequestStatusEnum], { description: '现在可以改为的状态' })
  allowedStatuses!: RequestStatus[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toRequestNode(record: RequestRecord, ctx: GqlContext, deps: WorkDeps): Request {
  return {
    id: record.id,
    source: record.source,
    requesterName: personName(record.requesterName, ctx.principal),
    contact: record.contactMasked,
    unitId: record.unitId,
    buildingId: record.buildingId,
    communityOrganizationId: record.communityOrganizationId,
    content: record.content,
    category: record.category,
    scale: record.scale,
    handledBy: record.handledBy,
    handlerMemberId: record.handlerMemberId,
    status: record.status,
    feedback: record.feedback,
    feedbackAt: record.feedbackAt,
    receivedAt: record.receivedAt,
    startedAt: record.startedAt,
    resolvedAt: record.resolvedAt,
    dueOn: record.dueOn,
    overdue: record.status !== 'RESOLVED' && record.dueOn !== null && compareDays(record.dueOn, deps.today) < 0,
    allowedStatuses: allowedRequestStatuses(record.status),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export const RequestConnection = connectionOf(Request, 'Request', '诉求');

@InputType()
export class RequestFilter extends SubtreeFilterInput {
  @Field(() => RequestSourceEnum, { nullable: true })
  source?: RequestSource | null;

  @Field(() => [RequestStatusEnum], { nullable: true })
  status?: RequestStatus[] | null;

  @Field(() => [RequestScaleEnum], { nullable: true })
  scale?: RequestScale[] | null;

  @Field(() => [RequestCategoryEnum], { nullable: true })
  category?: RequestCategory[] | null;

  @Field(() => ID, { nullable: true })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '未办结且已过办理期限' })
  overdue?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: '受理日期不早于' })
  receivedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '受理日期不晚于' })
  receivedTo?: string | null;

  @Field(() => String, { nullable: true, description: '诉求内容中的文字' })
  search?: string | null;
}

@InputType()
export class CreateRequestInput {
  @Field(() => RequestSourceEnum)
  source!: RequestSource;

  @Field(() => String)
  requesterName!: string;

  @Field(() => String, { nullable: true, description: '联系电话（加密保存，只显示脱敏形式）' })
  contact?: string | null;

  @Field(() => ID, { nullable: true, description: '企业诉求必填' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: '不填时取企业所在楼宇' })
  buildingId?: string | null;

  @Field(() => ID)
  communityOrganizationId!: string;

  @Field(() => String)
  content!: string;

  @Field(() => RequestCategoryEnum)
  category!: RequestCategory;

  @Field(() => RequestScaleEnum)
  scale!: RequestScale;

  @Field(() => String, { nullable: true })
  handledBy?: string | null;

  @Field(() => ID, { nullable: true })
  handlerMemberId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '受理时间，默认现在' })
  receivedAt?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: '办理期限，默认受理日期加设置的天数' })
  dueOn?: string | null;
}

@InputType()
export class UpdateRequestInput {
  @Field(() => RequestSourceEnum, { nullable: true })
  source?: RequestSource;

  @Field(() => String, { nullable: true })
  requesterName?: string;

  @Field(() => String, { nullable: true })
  contact?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true })
  communityOrganizationId?: string;

  @Field(() => String, { nullable: true })
  content?: string;

  @Field(() => RequestCategoryEnum, { nullable: true })
  category?: RequestCategory;

  @Field(() => RequestScaleEnum, { nullable: true })
  scale?: RequestScale;

  @Field(() => String, { nullable: true })
  handledBy?: string | null;

  @Field(() => ID, { nullable: true })
  handlerMemberId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  receivedAt?: Date | null;

  @Field(() => DateScalar, { nullable: true })
  dueOn?: string | null;
}

@InputType({ description: '诉求办理的一步：办理中，或办结（须填写反馈）' })
export class AdvanceRequestInput {
  @Field(() => RequestStatusEnum)
  status!: RequestStatus;

  @Field(() => String, { nullable: true, description: '回音：办结时必填' })
  feedback?: string | null;

  @Field(() => String, { nullable: true })
  handledBy?: string | null;

  @Field(() => ID, { nullable: true })
  handlerMemberId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '办理时间，默认现在' })
  at?: Date | null;
}

@ObjectType({ description: '某一状态的诉求数' })
export class RequestStatusCount {
  @Field(() => RequestStatusEnum)
  status!: RequestStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '一个社区（或合计）的诉求办理情况' })
export class RequestStatsRow {
  @Field(() => ID, { nullable: true, description: '合计行为空' })
  communityOrganizationId!: string | null;

  @Field(() => String, { nullable: true })
  communityName!: string | null;

  @Field(() => Int)
  count!: number;

  @Field(() => [RequestStatusCount])
  byStatus!: RequestStatusCount[];

  @Field(() => Int, { description: '已反馈（有回音）的件数' })
  answeredCount!: number;

  @Field(() => Float, { nullable: true, description: '从受理到首次反馈的小时数中位数' })
  medianHoursToFeedback!: number | null;

  @Field(() => Int)
  overdueCount!: number;
}

@ObjectType({ description: '诉求办理统计' })
export class RequestStats {
  @Field(() => DateScalar)
  today!: string;

  @Field(() => [RequestStatsRow])
  rows!: RequestStatsRow[];

  @Field(() => RequestStatsRow)
  total!: RequestStatsRow;
}

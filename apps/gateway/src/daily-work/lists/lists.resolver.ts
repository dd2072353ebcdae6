import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  changeChecklistStatus,
  CHECKLIST_STATUSES,
  countVotingMembers,
  createChecklistItem,
  createEvaluation,
  createMeeting,
  deleteChecklistItem,
  deleteEvaluation,
  deleteMeeting,
  DomainError,
  FULL_SCOPE,
  getChecklistItem,
  getChecklistSummary,
  getCommunity,
  getEvaluation,
  getMeeting,
  getMeetingCompliance,
  listChecklistItems,
  listEvaluations,
  listMeetings,
  Permission,
  PUBLISHABLE_CHECKLIST_KINDS,
  publishChecklistItem,
  updateChecklistItem,
  updateEvaluation,
  updateMeeting,
  type ChecklistKind,
  type Connection,
} from '@dangjian/domain';
import { Allow, Ctx, Public } from '../../common/access.decorators.js';
import type { GqlContext } from '../../common/context.js';
import { Organization } from '../../organization/organization.types.js';
import { DateScalar } from '../../common/scalars.js';
import { crudResolver, WorkResolverBase } from '../common/crud.js';
import { ChecklistKindEnum } from '../common/enums.js';
import { organizationOf } from '../common/loaders.js';
import { PublicThrottle } from '../common/public-throttle.js';
import {
  ChangeChecklistStatusInput,
  ChecklistItem,
  ChecklistItemConnection,
  ChecklistItemFilter,
  ChecklistItemSortFieldEnum,
  ChecklistKindSummary,
  CreateChecklistItemInput,
  CreateEvaluationInput,
  Evaluation,
  EvaluationConnection,
  EvaluationFilter,
  EvaluationSortFieldEnum,
  PublishedChecklistItem,
  PublishedChecklistItemConnection,
  PublishedCommunity,
  toChecklistItemNode,
  toEvaluationNode,
  toPublishedChecklistItem,
  UpdateChecklistItemInput,
  UpdateEvaluationInput,
} from './checklist.types.js';
import {
  CreateMeetingInput,
  Meeting,
  MeetingComplianceReport,
  MeetingConnection,
  MeetingFilter,
  MeetingSortFieldEnum,
  toMeetingNode,
  UpdateMeetingInput,
} from './meeting.types.js';

@Resolver(() => ChecklistItem)
export class ChecklistItemResolver extends crudResolver({
  names: {
    list: 'checklistItems',
    one: 'checklistItem',
    create: 'createChecklistItem',
    update: 'updateChecklistItem',
    remove: 'deleteChecklistItem',
  },
  label: '清单事项',
  node: ChecklistItem,
  connection: ChecklistItemConnection,
  filter: ChecklistItemFilter,
  createInput: CreateChecklistItemInput,
  updateInput: UpdateChecklistItemInput,
  sortEnum: ChecklistItemSortFieldEnum,
  defaultSort: { field: 'CREATED_AT', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toChecklistItemNode,
  list: (deps, scope, args) => listChecklistItems(deps.dataSource, scope, { ...args, filter: { ...args.filter, today: deps.today } }),
  get: (deps, scope, id) => getChecklistItem(deps.dataSource, scope, id),
  create: (deps, caller, input) => createChecklistItem(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateChecklistItem(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteChecklistItem(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Mutation(() => ChecklistItem, { description: '认领整改或销号（问题清单销号须有整改情况或佐证材料）' })
  @Allow(Permission.MANAGE_WORK)
  async changeChecklistStatus(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => ChangeChecklistStatusInput }) input: ChangeChecklistStatusInput,
  ): Promise<ChecklistItem> {
    const deps = this.deps();
    return toChecklistItemNode(await changeChecklistStatus(deps.dataSource, ctx.scope, ctx.actor, id, input), ctx, deps);
  }

  @Mutation(() => ChecklistItem, { description: '公示（或撤回公示）一项学习、资源或活动清单' })
  @Allow(Permission.MANAGE_WORK)
  async publishChecklistItem(
    @Ctx() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('published', { type: () => Boolean, nullable: true, defaultValue: true, description: 'false 为撤回公示' }) published: boolean,
  ): Promise<ChecklistItem> {
    const deps = this.deps();
    return toChecklistItemNode(await publishChecklistItem(deps.dataSource, ctx.scope, ctx.actor, id, published), ctx, deps);
  }

  @Query(() => [ChecklistKindSummary], { description: '各类清单的事项统计：各状态件数、逾期件数、公示件数' })
  @Allow(Permission.READ)
  async checklistSummary(
    @Ctx() ctx: GqlContext,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
  ): Promise<ChecklistKindSummary[]> {
    const deps = this.deps();
    const summary = await getChecklistSummary(deps.dataSource, ctx.scope, {
      today: deps.today,
      ...(organizationId ? { organizationId } : {}),
    });
    return summary.map((row) => ({
      kind: row.kind,
      byStatus: CHECKLIST_STATUSES.map((status) => ({ status, count: row.byStatus[status] })),
      overdueCount: row.overdueCount,
      publishedCount: row.publishedCount,
    }));
  }

  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() item: ChecklistItem, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, item.organizationId);
  }
}

@Resolver(() => Evaluation)
export class EvaluationResolver extends crudResolver({
  names: { list: 'evaluations', one: 'evaluation', create: 'createEvaluation', update: 'updateEvaluation', remove: 'deleteEvaluation' },
  label: '评比结果',
  node: Evaluation,
  connection: EvaluationConnection,
  filter: EvaluationFilter,
  createInput: CreateEvaluationInput,
  updateInput: UpdateEvaluationInput,
  sortEnum: EvaluationSortFieldEnum,
  defaultSort: { field: 'MONTH', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toEvaluationNode,
  list: (deps, scope, args) => listEvaluations(deps.dataSource, scope, args),
  get: (deps, scope, id) => getEvaluation(deps.dataSource, scope, id),
  create: (deps, caller, input) => createEvaluation(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateEvaluation(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteEvaluation(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() evaluation: Evaluation, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, evaluation.organizationId);
  }
}

@Resolver(() => Meeting)
export class MeetingResolver extends crudResolver({
  names: { list: 'meetings', one: 'meeting', create: 'createMeeting', update: 'updateMeeting', remove: 'deleteMeeting' },
  label: '组织生活记录',
  node: Meeting,
  connection: MeetingConnection,
  filter: MeetingFilter,
  createInput: CreateMeetingInput,
  updateInput: UpdateMeetingInput,
  sortEnum: MeetingSortFieldEnum,
  defaultSort: { field: 'HELD_ON', direction: 'DESC' },
  manage: Permission.MANAGE_WORK,
  toNode: toMeetingNode,
  list: (deps, scope, args) => listMeetings(deps.dataSource, scope, args),
  get: (deps, scope, id) => getMeeting(deps.dataSource, scope, id),
  create: (deps, caller, input) => createMeeting(deps.dataSource, caller.scope, caller.actor, input),
  update: (deps, caller, id, input) => updateMeeting(deps.dataSource, caller.scope, caller.actor, id, input),
  remove: (deps, caller, id) => deleteMeeting(deps.dataSource, caller.scope, caller.actor, id),
}) {
  @Query(() => MeetingComplianceReport, {
    description: '组织生活落实情况（默认最近 12 个月）：每个支部每类会议每个考核周期为 绿 已落实 / 黄 周期未结束 / 红 未落实',
  })
  @Allow(Permission.READ)
  async meetingCompliance(
    @Ctx() ctx: GqlContext,
    @Args('from', { type: () => DateScalar, nullable: true }) from: string | null,
    @Args('to', { type: () => DateScalar, nullable: true }) to: string | null,
    @Args('organizationId', { type: () => ID, nullable: true, description: '只看此组织及其下级的支部' }) organizationId: string | null,
  ): Promise<MeetingComplianceReport> {
    const deps = this.deps();
    const report = await getMeetingCompliance(deps.dataSource, ctx.scope, {
      today: deps.today,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(organizationId ? { organizationId } : {}),
    });
    return {
      ...report,
      branches: report.branches.map((branch) => ({
        ...branch,
        entries: branch.entries.map((entry) => ({
          type: entry.type,
          period: entry.key,
          frequency: entry.frequency,
          start: entry.start,
          end: entry.end,
          status: entry.status,
          meetingCount: entry.meetingCount,
        })),
      })),
    };
  }

  @Query(() => Int, { description: '支部现有有表决权的（正式）党员人数：登记支部党员大会时的默认值' })
  @Allow(Permission.READ)
  async votingMemberCount(@Ctx() ctx: GqlContext, @Args('organizationId', { type: () => ID }) organizationId: string): Promise<number> {
    return countVotingMembers(this.database.dataSource, ctx.scope, organizationId);
  }

  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() meeting: Meeting, @Ctx() ctx: GqlContext) {
    return organizationOf(ctx, meeting.organizationId);
  }
}

/** The public 公示 view of a community: no sign-in, published study, resource and activity items only. */
@Resolver(() => PublishedChecklistItem)
export class PublishedChecklistResolver extends WorkResolverBase {
  @Inject(PublicThrottle) private readonly throttle!: PublicThrottle;

  @Query(() => PublishedChecklistItemConnection, {
    description: '一个社区公示的学习、资源、活动清单（无需登录；不含个人信息；按来访地址限流）',
  })
  @Public()
  async publishedChecklist(
    @Ctx() ctx: GqlContext,
    @Args('communityId', { type: () => ID, description: '社区档案的编号（Community.id）' }) communityId: string,
    @Args('kind', { type: () => [ChecklistKindEnum], nullable: true, description: '默认学习、资源、活动清单全部' }) kind: ChecklistKind[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<PublishedChecklistItem>> {
    await this.throttle.check(ctx.info, (name, value) => ctx.req.res?.setHeader(name, value));
    const kinds = kind?.length ? kind : [...PUBLISHABLE_CHECKLIST_KINDS];
    const internal = kinds.filter((k) => !PUBLISHABLE_CHECKLIST_KINDS.includes(k));
    if (internal.length) {
      throw DomainError.badInput([{ field: 'kind', reason: 'CHECKLIST_NOT_PUBLISHABLE', message: '只公示学习清单、资源清单和活动清单' }]);
    }
    const deps = this.deps();
    // The community is looked up over the whole tree: the page is public, the scope of no one.
    const community = await getCommunity(deps.dataSource, FULL_SCOPE, communityId);
    const page = await listChecklistItems(deps.dataSource, FULL_SCOPE, {
      filter: { organizationId: community.organizationId, includeDescendants: true, kind: kinds, published: true },
      first,
      after,
      sort: { field: 'CREATED_AT', direction: 'DESC' },
    });
    return { ...page, nodes: page.nodes.map(toPublishedChecklistItem) };
  }

  @Query(() => PublishedCommunity, { description: '公示页所属社区的名称（无需登录；按来访地址限流）' })
  @Public()
  async publishedCommunity(
    @Ctx() ctx: GqlContext,
    @Args('communityId', { type: () => ID, description: '社区档案的编号（Community.id）' }) communityId: string,
  ): Promise<PublishedCommunity> {
    await this.throttle.check(ctx.info, (name, value) => ctx.req.res?.setHeader(name, value));
    const community = await getCommunity(this.deps().dataSource, FULL_SCOPE, communityId);
    return { id: community.id, name: community.name };
  }
}

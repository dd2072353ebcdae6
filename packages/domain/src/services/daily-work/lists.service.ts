import type { DataSource } from 'typeorm';
import type { Attachment } from '../../entities/daily-work/checklist-item.entity.js';
import { ChecklistItem } from '../../entities/daily-work/checklist-item.entity.js';
import { Evaluation } from '../../entities/daily-work/evaluation.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import {
  CHECKLIST_KINDS,
  CHECKLIST_KIND_LABELS,
  CHECKLIST_STATUSES,
  checkRequiredText,
  isPublishableChecklistKind,
  nextChecklistStatus,
  todayIn,
  type ChecklistKind,
  type ChecklistStatus,
} from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkMonth,
  checkOptionalDay,
  checkOptionalText,
  checkRequiredEnum,
  organizationInScope,
  scopedQuery,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import {
  changeRecord,
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  updateRecord,
  type SubtreeFilter,
  type Resource,
} from './resource.js';

/** Attachments are references to stored files: a name and a URL, a handful per record. */
export function checkAttachments(
  problems: Problems,
  field: string,
  value: Attachment[] | null | undefined,
): Attachment[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 50) {
    problems.add(field, 'ATTACHMENTS_INVALID', '附件最多 50 个');
    return [];
  }
  const result: Attachment[] = [];
  value.forEach((attachment, index) => {
    const name = typeof attachment?.name === 'string' ? attachment.name.trim() : '';
    const url = typeof attachment?.url === 'string' ? attachment.url.trim() : '';
    if (!name || !url || name.length > 200 || url.length > 1000) {
      problems.add(`${field}[${index}]`, 'ATTACHMENT_INVALID', '附件应有文件名和地址');
    } else result.push({ name, url });
  });
  return result;
}

// ---------------------------------------------------------------- checklist items (清单)

export interface CreateChecklistItemInput {
  kind: ChecklistKind;
  organizationId: string;
  title: string;
  content?: string | null;
  /** 责任人 */
  owner?: string | null;
  dueOn?: string | null;
  attachments?: Attachment[] | null;
}
/** The status moves only through changeChecklistStatus; publishing through publishChecklistItem. */
export type UpdateChecklistItemInput = Partial<CreateChecklistItemInput> & { rectification?: string | null };

export interface ChangeChecklistStatusInput {
  status: ChecklistStatus;
  /** 整改情况: required to close a problem (with or without attachments). */
  rectification?: string | null;
  attachments?: Attachment[] | null;
}

export interface ChecklistItemFilter extends SubtreeFilter {
  kind?: ChecklistKind[] | null;
  status?: ChecklistStatus[] | null;
  published?: boolean | null;
  /** Not closed and past its due day on `today`. */
  overdue?: boolean | null;
  today?: string | null;
  search?: string | null;
}
export type ChecklistItemSortField = 'CREATED_AT' | 'TITLE';

export const checklistItemResource: Resource<
  ChecklistItem,
  UpdateChecklistItemInput,
  ChecklistItemFilter,
  ChecklistItemSortField
> = {
  entity: ChecklistItem,
  entityType: 'ChecklistItem',
  label: '清单事项',
  alias: 'item',
  orgIdExpression: 'item.organizationId',
  softDelete: true,
  sortColumns: { CREATED_AT: 'createdAt', TITLE: 'title' },
  defaultSort: { field: 'CREATED_AT', direction: 'DESC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredEnum(problems, 'kind', input.kind, CHECKLIST_KINDS, '清单类别');
    checkRequiredText(problems, 'title', input.title, '事项名称', 200);
    checkOptionalText(problems, 'content', input.content, '内容', 5000);
    checkOptionalText(problems, 'owner', input.owner, '责任人', 50);
    checkOptionalText(problems, 'rectification', input.rectification, '整改情况', 5000);
    checkOptionalDay(problems, 'dueOn', input.dueOn, '完成时限');
    const attachments = checkAttachments(problems, 'attachments', input.attachments);
    if (existing && input.kind !== existing.kind)
      problems.add('kind', 'KIND_FIXED', '清单类别创建后不能更改');
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    return {
      kind: input.kind,
      organizationId: organization.id,
      title: input.title!.trim(),
      content: text(input.content),
      owner: text(input.owner),
      dueOn: input.dueOn ?? null,
      attachments,
      rectification: text(input.rectification),
      ...(existing ? {} : { status: 'OPEN' as const }),
    };
  },
  applyFilter(qb, filter) {
    if (filter.kind?.length) qb.andWhere('item.kind IN (:...kinds)', { kinds: filter.kind });
    if (filter.status?.length) qb.andWhere('item.status IN (:...statuses)', { statuses: filter.status });
    if (filter.published === true) qb.andWhere('item.publishedAt IS NOT NULL');
    if (filter.published === false) qb.andWhere('item.publishedAt IS NULL');
    const today = filter.today ?? todayIn('Asia/Shanghai');
    if (filter.overdue === true)
      qb.andWhere("item.status <> 'CLOSED' AND item.dueOn < :overdueToday", { overdueToday: today });
    if (filter.overdue === false) {
      qb.andWhere("(item.status = 'CLOSED' OR item.dueOn IS NULL OR item.dueOn >= :overdueToday)", {
        overdueToday: today,
      });
    }
    const search = text(filter.search);
    if (search)
      qb.andWhere('(item.title LIKE :search OR item.content LIKE :search)', { search: `%${search}%` });
  },
};

export function createChecklistItem(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateChecklistItemInput,
): Promise<ChecklistItem> {
  return createRecord(dataSource, checklistItemResource, scope, actor, input);
}

export function updateChecklistItem(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateChecklistItemInput,
): Promise<ChecklistItem> {
  return updateRecord(dataSource, checklistItemResource, scope, actor, id, input);
}

/**
 * 认领 / 整改 / 销号: a problem goes OPEN → RECTIFYING → CLOSED and closes only with the evidence of its
 * rectification; the other lists go OPEN → CLOSED.
 */
export function changeChecklistStatus(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: ChangeChecklistStatusInput,
): Promise<ChecklistItem> {
  return changeRecord(dataSource, checklistItemResource, scope, actor, id, (ctx, existing) => {
    const problems = new Problems();
    checkRequiredEnum(problems, 'status', input.status, CHECKLIST_STATUSES, '状态');
    checkOptionalText(problems, 'rectification', input.rectification, '整改情况', 5000);
    const attachments = input.attachments
      ? checkAttachments(problems, 'attachments', input.attachments)
      : existing.attachments;
    problems.throwIfAny();
    const rectification = text(input.rectification) ?? existing.rectification;
    const evidence = rectification ?? (attachments.length ? attachments.map((a) => a.name).join('、') : null);
    const status = nextChecklistStatus(existing.kind, existing.status, input.status, evidence);
    return {
      status,
      rectification,
      attachments,
      closedOn: status === 'CLOSED' ? ctx.today : null,
      closedBy: status === 'CLOSED' ? ctx.actor.username : null,
    };
  });
}

/** 公示: makes a study, resource or activity list item public (or withdraws it). */
export function publishChecklistItem(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  published = true,
): Promise<ChecklistItem> {
  return changeRecord(dataSource, checklistItemResource, scope, actor, id, (_ctx, existing) => {
    if (!isPublishableChecklistKind(existing.kind)) {
      throw DomainError.conflict(
        `${CHECKLIST_KIND_LABELS[existing.kind]}不对外公示`,
        'CHECKLIST_NOT_PUBLISHABLE',
      );
    }
    return { publishedAt: published ? (existing.publishedAt ?? new Date()) : null };
  });
}

export function deleteChecklistItem(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<ChecklistItem> {
  return deleteRecord(dataSource, checklistItemResource, scope, actor, id);
}

export function getChecklistItem(
  dataSource: DataSource,
  scope: DataScope,
  id: string,
): Promise<ChecklistItem> {
  return getRecord(dataSource, checklistItemResource, scope, id);
}

export function listChecklistItems(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<ChecklistItemFilter, ChecklistItemSortField> = {},
): Promise<Connection<ChecklistItem>> {
  return listRecords(dataSource, checklistItemResource, scope, args);
}

/** Items per kind and status, with overdue and published counts, for the lists board. */
export async function getChecklistSummary(
  dataSource: DataSource,
  scope: DataScope,
  options: { organizationId?: string; today?: string } = {},
): Promise<
  Array<{
    kind: ChecklistKind;
    byStatus: Record<ChecklistStatus, number>;
    overdueCount: number;
    publishedCount: number;
  }>
> {
  const today = options.today ?? todayIn('Asia/Shanghai');
  const qb = scopedQuery(dataSource.manager, ChecklistItem, 'item', 'item.organizationId', scope)
    .select('item.kind', 'kind')
    .addSelect('item.status', 'status')
    .addSelect('COUNT(*)', 'count')
    .addSelect("SUM(CASE WHEN item.status <> 'CLOSED' AND item.dueOn < :today THEN 1 ELSE 0 END)", 'overdue')
    .addSelect('SUM(CASE WHEN item.publishedAt IS NOT NULL THEN 1 ELSE 0 END)', 'published')
    .setParameter('today', today)
    .groupBy('item.kind')
    .addGroupBy('item.status');
  if (options.organizationId) {
    const organization = await organizationInScope(dataSource.manager, scope, options.organizationId);
    qb.andWhere('org.path LIKE :subtree', { subtree: `${organization.path}%` });
  }
  const rows = await qb.getRawMany<{
    kind: ChecklistKind;
    status: ChecklistStatus;
    count: string;
    overdue: string;
    published: string;
  }>();
  return CHECKLIST_KINDS.map((kind) => {
    const byStatus = Object.fromEntries(CHECKLIST_STATUSES.map((s) => [s, 0])) as Record<
      ChecklistStatus,
      number
    >;
    let overdueCount = 0;
    let publishedCount = 0;
    for (const row of rows.filter((r) => r.kind === kind)) {
      byStatus[row.status] = Number(row.count);
      overdueCount += Number(row.overdue);
      publishedCount += Number(row.published);
    }
    return { kind, byStatus, overdueCount, publishedCount };
  });
}

// ---------------------------------------------------------------- evaluations (月评比)

export interface CreateEvaluationInput {
  organizationId: string;
  /** e.g. 全市精细化管理月评比 */
  name: string;
  /** YYYY-MM */
  month: string;
  rank: number;
  rankedCount?: number | null;
  note?: string | null;
}
export type UpdateEvaluationInput = Partial<CreateEvaluationInput>;
export interface EvaluationFilter extends SubtreeFilter {
  name?: string | null;
  /** Ranked at or above this place (e.g. 5 for "前五"). */
  maxRank?: number | null;
  monthFrom?: string | null;
  monthTo?: string | null;
}
export type EvaluationSortField = 'MONTH' | 'RANK';

export const evaluationResource: Resource<
  Evaluation,
  CreateEvaluationInput,
  EvaluationFilter,
  EvaluationSortField
> = {
  entity: Evaluation,
  entityType: 'Evaluation',
  label: '评比结果',
  alias: 'evaluation',
  orgIdExpression: 'evaluation.organizationId',
  softDelete: false,
  sortColumns: { MONTH: 'month', RANK: 'rank' },
  defaultSort: { field: 'MONTH', direction: 'DESC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredText(problems, 'name', input.name, '评比名称', 100);
    checkMonth(problems, 'month', input.month, '评比月份');
    if (!Number.isInteger(input.rank) || input.rank < 1)
      problems.add('rank', 'RANK_INVALID', '名次应为正整数');
    if (input.rankedCount !== undefined && input.rankedCount !== null) {
      if (!Number.isInteger(input.rankedCount) || input.rankedCount < 1)
        problems.add('rankedCount', 'RANK_INVALID', '参评数应为正整数');
      else if (Number.isInteger(input.rank) && input.rank > input.rankedCount) {
        problems.add(
          'rank',
          'RANK_BEYOND_COUNT',
          `名次（${input.rank}）不能大于参评数（${input.rankedCount}）`,
        );
      }
    }
    checkOptionalText(problems, 'note', input.note, '备注', 500);
    if (input.month && input.month > ctx.today.slice(0, 7))
      problems.add('month', 'DATE_IN_FUTURE', '评比月份不能晚于本月');
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    const other = await ctx.manager.getRepository(Evaluation).findOneBy({
      organizationId: organization.id,
      name: input.name.trim(),
      month: input.month,
    });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(`${input.month}「${input.name.trim()}」的名次已登记`, 'EVALUATION_EXISTS', {
        id: other.id,
      });
    }
    return {
      organizationId: organization.id,
      name: input.name.trim(),
      month: input.month,
      rank: input.rank,
      rankedCount: input.rankedCount ?? null,
      note: text(input.note),
    };
  },
  applyFilter(qb, filter) {
    if (text(filter.name)) qb.andWhere('evaluation.name = :name', { name: text(filter.name) });
    if (filter.maxRank) qb.andWhere('evaluation.rank <= :maxRank', { maxRank: filter.maxRank });
    if (filter.monthFrom) qb.andWhere('evaluation.month >= :monthFrom', { monthFrom: filter.monthFrom });
    if (filter.monthTo) qb.andWhere('evaluation.month <= :monthTo', { monthTo: filter.monthTo });
  },
};

export function createEvaluation(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateEvaluationInput,
): Promise<Evaluation> {
  return createRecord(dataSource, evaluationResource, scope, actor, input);
}

export function updateEvaluation(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateEvaluationInput,
): Promise<Evaluation> {
  return updateRecord(dataSource, evaluationResource, scope, actor, id, input);
}

export function deleteEvaluation(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Evaluation> {
  return deleteRecord(dataSource, evaluationResource, scope, actor, id);
}

export function getEvaluation(dataSource: DataSource, scope: DataScope, id: string): Promise<Evaluation> {
  return getRecord(dataSource, evaluationResource, scope, id);
}

export function listEvaluations(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<EvaluationFilter, EvaluationSortField> = {},
): Promise<Connection<Evaluation>> {
  return listRecords(dataSource, evaluationResource, scope, args);
}

import type { DataSource, EntityManager } from 'typeorm';
import { Organization } from '../../entities/organization.entity.js';
import {
  GUIDANCE_METHODS,
  GuidanceVisit,
  GuidanceVisitItem,
  type GuidanceMethod,
} from '../../entities/daily-work/guidance-visit.entity.js';
import { Instructor, InstructorAssignment } from '../../entities/daily-work/instructor.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import {
  GUIDANCE_ITEM_STATES,
  GUIDANCE_ITEMS,
  checkDateOrder,
  followUpDueOn,
  followUpOverdue,
  needsFollowUp,
  todayIn,
  type GuidanceItem,
  type GuidanceItemState,
} from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import { writeAudit, type Actor } from '../audit/index.js';
import {
  auditView,
  checkEnum,
  checkNotFuture,
  checkOptionalDay,
  checkOptionalText,
  checkRequiredDay,
  isId,
  scopedQuery,
  organizationInScope,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import {
  changeRecord,
  deleteRecord,
  findInScope,
  listRecords,
  writeContext,
  type SubtreeFilter,
  type Resource,
  type WriteContext,
} from './resource.js';
import { GUIDED_ORGANIZATION_CATEGORIES } from './people.service.js';

export interface GuidanceItemInput {
  item: GuidanceItem;
  state: GuidanceItemState;
  note?: string | null;
}

export interface CreateGuidanceVisitInput {
  /** The branch guided. */
  organizationId: string;
  instructorId: string;
  visitedOn: string;
  method?: GuidanceMethod | null;
  /** The state of each guidance item seen on this visit (each item at most once). */
  items: GuidanceItemInput[];
  findings?: string | null;
  /** Default when an item needs improvement: visitedOn + followUpDueDays (setting). */
  followUpDueOn?: string | null;
  followUpDoneOn?: string | null;
}
export type UpdateGuidanceVisitInput = Partial<CreateGuidanceVisitInput>;

export interface GuidanceVisitFilter extends SubtreeFilter {
  instructorId?: string | null;
  visitedFrom?: string | null;
  visitedTo?: string | null;
  /** Follow-up not done and past its due day (as of `today`). */
  followUpOverdue?: boolean | null;
  today?: string | null;
}
export type GuidanceVisitSortField = 'VISITED_ON';

export const guidanceVisitResource: Resource<
  GuidanceVisit,
  CreateGuidanceVisitInput,
  GuidanceVisitFilter,
  GuidanceVisitSortField
> = {
  entity: GuidanceVisit,
  entityType: 'GuidanceVisit',
  label: '指导记录',
  alias: 'visit',
  orgIdExpression: 'visit.organizationId',
  softDelete: true,
  relations: ['items'],
  sortColumns: { VISITED_ON: 'visitedOn' },
  defaultSort: { field: 'VISITED_ON', direction: 'DESC' },
  async prepare(ctx, input) {
    const problems = new Problems();
    if (!isId(input.instructorId)) problems.add('instructorId', 'REQUIRED', '请选择党建指导员');
    const visitedOk = checkRequiredDay(problems, 'visitedOn', input.visitedOn, '指导日期');
    if (visitedOk) checkNotFuture(problems, 'visitedOn', input.visitedOn, '指导日期', ctx.today);
    checkEnum(problems, 'method', input.method, GUIDANCE_METHODS, '指导方式');
    checkOptionalText(problems, 'findings', input.findings, '发现的问题', 5000);
    checkOptionalDay(problems, 'followUpDueOn', input.followUpDueOn, '整改期限');
    checkOptionalDay(problems, 'followUpDoneOn', input.followUpDoneOn, '整改完成日期');
    if (visitedOk) {
      checkDateOrder(problems, 'visitedOn', input.visitedOn, 'followUpDueOn', input.followUpDueOn, {
        start: '指导日期',
        end: '整改期限',
      });
      checkDateOrder(problems, 'visitedOn', input.visitedOn, 'followUpDoneOn', input.followUpDoneOn, {
        start: '指导日期',
        end: '整改完成日期',
      });
    }
    const items = Array.isArray(input.items) ? input.items : [];
    if (!items.length) problems.add('items', 'REQUIRED', '请至少填写一项指导事项的情况');
    const seen = new Set<string>();
    items.forEach((entry, index) => {
      const okItem = checkEnumRequired(
        problems,
        `items[${index}].item`,
        entry?.item,
        GUIDANCE_ITEMS,
        '指导事项',
      );
      checkEnumRequired(problems, `items[${index}].state`, entry?.state, GUIDANCE_ITEM_STATES, '落实情况');
      checkOptionalText(problems, `items[${index}].note`, entry?.note, '说明', 500);
      if (okItem && seen.has(entry.item))
        problems.add(`items[${index}].item`, 'DUPLICATE', '同一指导事项只能填写一次');
      seen.add(entry?.item);
    });
    problems.throwIfAny();
    const branch = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    if (!(GUIDED_ORGANIZATION_CATEGORIES as readonly string[]).includes(branch.category)) {
      throw DomainError.badInput([
        {
          field: 'organizationId',
          reason: 'NOT_A_GUIDED_BRANCH',
          message: `「${branch.name}」不是非公企业、社会组织或楼宇党组织`,
        },
      ]);
    }
    const instructor = await ctx.manager.getRepository(Instructor).findOneBy({ id: input.instructorId });
    if (!instructor)
      throw DomainError.badInput([
        { field: 'instructorId', reason: 'INSTRUCTOR_NOT_FOUND', message: '所选党建指导员不存在' },
      ]);
    const lacking = items.some((entry) => needsFollowUp(entry.state));
    return {
      organizationId: branch.id,
      instructorId: instructor.id,
      visitedOn: input.visitedOn,
      method: input.method ?? 'VISIT',
      findings: text(input.findings),
      followUpDueOn: input.followUpDueOn ?? (lacking ? followUpDueOn(input.visitedOn, ctx.settings) : null),
      followUpDoneOn: input.followUpDoneOn ?? null,
    };
  },
  applyFilter(qb, filter) {
    if (filter.instructorId)
      qb.andWhere('visit.instructorId = :instructorId', { instructorId: filter.instructorId });
    if (filter.visitedFrom)
      qb.andWhere('visit.visitedOn >= :visitedFrom', { visitedFrom: filter.visitedFrom });
    if (filter.visitedTo) qb.andWhere('visit.visitedOn <= :visitedTo', { visitedTo: filter.visitedTo });
    if (filter.followUpOverdue === true) {
      qb.andWhere('visit.followUpDoneOn IS NULL AND visit.followUpDueOn < :overdueToday', {
        overdueToday: filter.today ?? todayIn('Asia/Shanghai'),
      });
    }
  },
};

function checkEnumRequired(
  problems: Problems,
  field: string,
  value: unknown,
  allowed: readonly string[],
  label: string,
): boolean {
  if (value === undefined || value === null || value === '') {
    problems.add(field, 'REQUIRED', `请选择${label}`);
    return false;
  }
  const before = problems.all.length;
  checkEnum(problems, field, value, allowed, label);
  return problems.all.length === before;
}

async function writeItems(
  manager: EntityManager,
  visit: GuidanceVisit,
  items: GuidanceItemInput[],
): Promise<void> {
  const repository = manager.getRepository(GuidanceVisitItem);
  await repository.delete({ visitId: visit.id });
  await repository.insert(
    items.map((entry) => ({
      visitId: visit.id,
      organizationId: visit.organizationId,
      visitedOn: visit.visitedOn,
      item: entry.item,
      state: entry.state,
      note: text(entry.note),
    })),
  );
}

function visitAudit(visit: GuidanceVisit): Record<string, unknown> {
  return {
    ...auditView(visit),
    items: (visit.items ?? []).map((i) => ({ item: i.item, state: i.state, note: i.note })),
  };
}

async function loadVisit(manager: EntityManager, id: string): Promise<GuidanceVisit> {
  return manager
    .getRepository(GuidanceVisit)
    .findOneOrFail({ where: { id }, relations: { items: true }, order: { items: { id: 'ASC' } } });
}

/** 指导记录: one visit with the state of each guidance item, in one transaction with its audit row. */
export async function createGuidanceVisit(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateGuidanceVisitInput,
): Promise<GuidanceVisit> {
  return dataSource.transaction(async (manager) => {
    const ctx = await writeContext(manager, scope, actor);
    const values = await guidanceVisitResource.prepare(ctx, input, null);
    const repository = manager.getRepository(GuidanceVisit);
    const saved = await repository.save(repository.create(values));
    await writeItems(manager, saved, input.items);
    const visit = await loadVisit(manager, saved.id);
    await writeAudit(manager, actor, {
      action: 'CREATE',
      entityType: 'GuidanceVisit',
      entityId: visit.id,
      after: visitAudit(visit),
    });
    return visit;
  });
}

/** Corrects a visit; `items`, when given, replace the visit's item states. */
export async function updateGuidanceVisit(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateGuidanceVisitInput,
): Promise<GuidanceVisit> {
  return dataSource.transaction(async (manager) => {
    const existing = await findInScope(manager, guidanceVisitResource, scope, id, { lock: true });
    const before = await loadVisit(manager, existing.id);
    const ctx: WriteContext = await writeContext(manager, scope, actor);
    const items: GuidanceItemInput[] =
      input.items ?? before.items!.map((i) => ({ item: i.item, state: i.state, note: i.note }));
    const values = await guidanceVisitResource.prepare(
      ctx,
      {
        organizationId: input.organizationId ?? before.organizationId,
        instructorId: input.instructorId ?? before.instructorId,
        visitedOn: input.visitedOn ?? before.visitedOn,
        method: input.method ?? before.method,
        items,
        findings: input.findings === undefined ? before.findings : input.findings,
        followUpDueOn: input.followUpDueOn === undefined ? before.followUpDueOn : input.followUpDueOn,
        followUpDoneOn: input.followUpDoneOn === undefined ? before.followUpDoneOn : input.followUpDoneOn,
      },
      existing,
    );
    await manager.getRepository(GuidanceVisit).update(existing.id, values);
    const updated = await loadVisit(manager, existing.id);
    await writeItems(manager, updated, items);
    const after = await loadVisit(manager, existing.id);
    await writeAudit(manager, actor, {
      action: 'UPDATE',
      entityType: 'GuidanceVisit',
      entityId: after.id,
      before: visitAudit(before),
      after: visitAudit(after),
    });
    return after;
  });
}

/** Records that the follow-up of a visit's findings was done. */
export function completeGuidanceFollowUp(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  doneOn?: string,
): Promise<GuidanceVisit> {
  return changeRecord(dataSource, guidanceVisitResource, scope, actor, id, (ctx, existing) => {
    const day = doneOn ?? ctx.today;
    const problems = new Problems();
    if (checkRequiredDay(problems, 'followUpDoneOn', day, '整改完成日期')) {
      checkDateOrder(problems, 'visitedOn', existing.visitedOn, 'followUpDoneOn', day, {
        start: '指导日期',
        end: '整改完成日期',
      });
      checkNotFuture(problems, 'followUpDoneOn', day, '整改完成日期', ctx.today);
    }
    problems.throwIfAny();
    if (existing.followUpDoneOn)
      throw DomainError.conflict('该指导记录的整改已经完成', 'FOLLOW_UP_ALREADY_DONE');
    return { followUpDoneOn: day };
  });
}

export function deleteGuidanceVisit(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<GuidanceVisit> {
  return deleteRecord(dataSource, guidanceVisitResource, scope, actor, id);
}

export async function getGuidanceVisit(
  dataSource: DataSource,
  scope: DataScope,
  id: string,
): Promise<GuidanceVisit> {
  const visit = await findInScope(dataSource.manager, guidanceVisitResource, scope, id);
  return loadVisit(dataSource.manager, visit.id);
}

export function listGuidanceVisits(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<GuidanceVisitFilter, GuidanceVisitSortField> = {},
): Promise<Connection<GuidanceVisit>> {
  return listRecords(dataSource, guidanceVisitResource, scope, args);
}

export interface GuidanceBoardCell {
  state: GuidanceItemState;
  visitedOn: string;
  note: string | null;
}

export interface GuidanceBoardRow {
  organizationId: string;
  organizationName: string;
  /** The instructors assigned on `today`. */
  instructorNames: string[];
  lastVisitedOn: string | null;
  /** The latest state of each item (null: never looked at). */
  items: Record<GuidanceItem, GuidanceBoardCell | null>;
  overdueFollowUpCount: number;
}

export interface OverdueFollowUp {
  visitId: string;
  organizationId: string;
  organizationName: string;
  instructorName: string;
  visitedOn: string;
  followUpDueOn: string;
  findings: string | null;
}

export interface GuidanceBoard {
  today: string;
  rows: GuidanceBoardRow[];
  overdueFollowUps: OverdueFollowUp[];
}

/**
 * The board of guided branches × the four items: each item's state at its latest visit, the
 * branch's instructors, and the follow-ups past their due day.
 */
export async function getGuidanceBoard(
  dataSource: DataSource,
  scope: DataScope,
  options: { today?: string } = {},
): Promise<GuidanceBoard> {
  const today = options.today ?? todayIn('Asia/Shanghai');
  const manager = dataSource.manager;
  const branches = await scopedQuery(manager, Organization, 'branch', 'branch.id', scope)
    .andWhere('branch.category IN (:...categories)', { categories: [...GUIDED_ORGANIZATION_CATEGORIES] })
    .andWhere("branch.type <> 'PARTY_GROUP'")
    .orderBy('branch.sortOrder', 'ASC')
    .addOrderBy('branch.name', 'ASC')
    .getMany();
  const ids = branches.map((b) => b.id);
  if (!ids.length) return { today, rows: [], overdueFollowUps: [] };
  // The latest row per (branch, item): the item rows of each pair's latest visit day, newest id last.
  const latest = await manager
    .getRepository(GuidanceVisitItem)
    .createQueryBuilder('item')
    .innerJoin(GuidanceVisit, 'visit', 'visit.id = item.visitId')
    .where('item.organizationId IN (:...ids)', { ids })
    .andWhere(
      `item.visitedOn = (SELECT MAX(later.visited_on) FROM guidance_visit_item later
        INNER JOIN guidance_visit later_visit ON later_visit.id = later.visit_id AND later_visit.deleted_at IS NULL
        WHERE later.organization_id = item.organization_id AND later.item = item.item)`,
    )
    .orderBy('item.id', 'ASC')
    .getMany();
  const assignments = await manager
    .getRepository(InstructorAssignment)
    .createQueryBuilder('assignment')
    .innerJoinAndSelect('assignment.instructor', 'instructor')
    .where('assignment.organizationId IN (:...ids)', { ids })
    .andWhere('assignment.fromOn <= :today AND (assignment.toOn IS NULL OR assignment.toOn >= :today)', {
      today,
    })
    .getMany();
  const overdue = await manager
    .getRepository(GuidanceVisit)
    .createQueryBuilder('visit')
    .innerJoinAndSelect('visit.instructor', 'instructor')
    .where('visit.organizationId IN (:...ids)', { ids })
    .andWhere('visit.followUpDoneOn IS NULL AND visit.followUpDueOn IS NOT NULL')
    .orderBy('visit.followUpDueOn', 'ASC')
    .getMany();
  const lastVisits = await manager
    .getRepository(GuidanceVisit)
    .createQueryBuilder('visit')
    .select('visit.organizationId', 'organizationId')
    .addSelect('MAX(visit.visitedOn)', 'lastVisitedOn')
    .where('visit.organizationId IN (:...ids)', { ids })
    .groupBy('visit.organizationId')
    .getRawMany<{ organizationId: string; lastVisitedOn: string }>();
  const lastVisitOf = new Map(
    lastVisits.map((row) => [String(row.organizationId), String(row.lastVisitedOn)]),
  );
  const names = new Map(branches.map((b) => [b.id, b.name]));
  const overdueFollowUps: OverdueFollowUp[] = overdue
    .filter((visit) => followUpOverdue(visit.followUpDueOn!, visit.followUpDoneOn, today))
    .map((visit) => ({
      visitId: visit.id,
      organizationId: visit.organizationId,
      organizationName: names.get(visit.organizationId) ?? '',
      instructorName: visit.instructor?.name ?? '',
      visitedOn: visit.visitedOn,
      followUpDueOn: visit.followUpDueOn!,
      findings: visit.findings,
    }));
  const rows = branches.map((branch) => {
    const items = Object.fromEntries(GUIDANCE_ITEMS.map((item) => [item, null])) as Record<
      GuidanceItem,
      GuidanceBoardCell | null
    >;
    for (const row of latest) {
      if (row.organizationId !== branch.id) continue;
      items[row.item] = { state: row.state, visitedOn: row.visitedOn, note: row.note };
    }
    return {
      organizationId: branch.id,
      organizationName: branch.name,
      instructorNames: [
        ...new Set(
          assignments.filter((a) => a.organizationId === branch.id).map((a) => a.instructor?.name ?? ''),
        ),
      ].filter(Boolean),
      lastVisitedOn: lastVisitOf.get(branch.id) ?? null,
      items,
      overdueFollowUpCount: overdueFollowUps.filter((f) => f.organizationId === branch.id).length,
    };
  });
  return { today, rows, overdueFollowUps };
}

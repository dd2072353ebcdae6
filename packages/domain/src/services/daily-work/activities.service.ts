import type { DataSource } from 'typeorm';
import { ACTIVITY_KINDS, Activity, type ActivityKind } from '../../entities/daily-work/activity.entity.js';
import {
  WISH_BENEFICIARY_CATEGORIES,
  Wish,
  type WishBeneficiaryCategory,
} from '../../entities/daily-work/wish.entity.js';
import { Problems } from '../../errors/domain-error.js';
import {
  WISH_STATUSES,
  checkDateOrder,
  checkRequiredText,
  maskName,
  nextWishStatus,
  type WishStatus,
} from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkCount,
  checkNotFuture,
  checkOptionalDay,
  checkOptionalText,
  checkRequiredDay,
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

// ---------------------------------------------------------------- activities (活动)

export interface CreateActivityInput {
  kind: ActivityKind;
  organizationId: string;
  heldOn: string;
  title: string;
  place?: string | null;
  /** 人次 */
  participations?: number | null;
  note?: string | null;
}
export type UpdateActivityInput = Partial<CreateActivityInput>;
export interface ActivityFilter extends SubtreeFilter {
  kind?: ActivityKind[] | null;
  heldFrom?: string | null;
  heldTo?: string | null;
  search?: string | null;
}
export type ActivitySortField = 'HELD_ON' | 'PARTICIPATIONS';

export const activityResource: Resource<Activity, CreateActivityInput, ActivityFilter, ActivitySortField> = {
  entity: Activity,
  entityType: 'Activity',
  label: '活动',
  alias: 'activity',
  orgIdExpression: 'activity.organizationId',
  softDelete: true,
  sortColumns: { HELD_ON: 'heldOn', PARTICIPATIONS: 'participations' },
  defaultSort: { field: 'HELD_ON', direction: 'DESC' },
  async prepare(ctx, input) {
    const problems = new Problems();
    checkRequiredEnum(problems, 'kind', input.kind, ACTIVITY_KINDS, '活动类别');
    checkRequiredDay(problems, 'heldOn', input.heldOn, '活动日期');
    checkRequiredText(problems, 'title', input.title, '活动名称', 200);
    checkOptionalText(problems, 'place', input.place, '地点', 100);
    checkCount(problems, 'participations', input.participations, '参与人次');
    checkOptionalText(problems, 'note', input.note, '备注', 1000);
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    return {
      kind: input.kind,
      organizationId: organization.id,
      heldOn: input.heldOn,
      title: input.title.trim(),
      place: text(input.place),
      participations: input.participations ?? 0,
      note: text(input.note),
    };
  },
  applyFilter(qb, filter) {
    if (filter.kind?.length) qb.andWhere('activity.kind IN (:...kinds)', { kinds: filter.kind });
    if (filter.heldFrom) qb.andWhere('activity.heldOn >= :heldFrom', { heldFrom: filter.heldFrom });
    if (filter.heldTo) qb.andWhere('activity.heldOn <= :heldTo', { heldTo: filter.heldTo });
    const search = text(filter.search);
    if (search) qb.andWhere('activity.title LIKE :search', { search: `%${search}%` });
  },
};

export function createActivity(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateActivityInput,
): Promise<Activity> {
  return createRecord(dataSource, activityResource, scope, actor, input);
}

export function updateActivity(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateActivityInput,
): Promise<Activity> {
  return updateRecord(dataSource, activityResource, scope, actor, id, input);
}

export function deleteActivity(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Activity> {
  return deleteRecord(dataSource, activityResource, scope, actor, id);
}

export function getActivity(dataSource: DataSource, scope: DataScope, id: string): Promise<Activity> {
  return getRecord(dataSource, activityResource, scope, id);
}

export function listActivities(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<ActivityFilter, ActivitySortField> = {},
): Promise<Connection<Activity>> {
  return listRecords(dataSource, activityResource, scope, args);
}

export interface ActivityTotal {
  kind: ActivityKind;
  count: number;
  participations: number;
}

/** Activities and participations (人次) per kind, in the order of the kinds. */
export async function getActivityTotals(
  dataSource: DataSource,
  scope: DataScope,
  options: { from?: string; to?: string; organizationId?: string } = {},
): Promise<ActivityTotal[]> {
  const qb = scopedQuery(dataSource.manager, Activity, 'activity', 'activity.organizationId', scope)
    .select('activity.kind', 'kind')
    .addSelect('COUNT(*)', 'count')
    .addSelect('COALESCE(SUM(activity.participations), 0)', 'participations')
    .groupBy('activity.kind');
  if (options.from) qb.andWhere('activity.heldOn >= :from', { from: options.from });
  if (options.to) qb.andWhere('activity.heldOn <= :to', { to: options.to });
  if (options.organizationId) {
    const organization = await organizationInScope(dataSource.manager, scope, options.organizationId);
    qb.andWhere('org.path LIKE :subtree', { subtree: `${organization.path}%` });
  }
  const rows = await qb.getRawMany<{ kind: ActivityKind; count: string; participations: string }>();
  return ACTIVITY_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return { kind, count: Number(row?.count ?? 0), participations: Number(row?.participations ?? 0) };
  });
}

// ---------------------------------------------------------------- wishes (微心愿)

export interface CreateWishInput {
  /** The community organisation that collected it. */
  organizationId: string;
  /** 期 */
  round: number;
  beneficiaryCategory: WishBeneficiaryCategory;
  /** Stored masked (张*): wishes are shown to claimants. */
  beneficiaryName: string;
  content: string;
  collectedOn: string;
}
/** The status moves only through advanceWish. */
export type UpdateWishInput = Partial<CreateWishInput>;

export interface AdvanceWishInput {
  status: WishStatus;
  /** Who claims it (a member, a volunteer); required to claim unless a unit is given. */
  claimantName?: string | null;
  claimantUnit?: string | null;
  /** The day of the claim or fulfilment; default today. */
  on?: string | null;
}

export interface WishFilter extends SubtreeFilter {
  round?: number | null;
  status?: WishStatus[] | null;
  beneficiaryCategory?: WishBeneficiaryCategory[] | null;
}
export type WishSortField = 'COLLECTED_ON' | 'CREATED_AT';

export const wishResource: Resource<Wish, CreateWishInput, WishFilter, WishSortField> = {
  entity: Wish,
  entityType: 'Wish',
  label: '微心愿',
  alias: 'wish',
  orgIdExpression: 'wish.organizationId',
  softDelete: true,
  sortColumns: { COLLECTED_ON: 'collectedOn', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'COLLECTED_ON', direction: 'DESC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    if (!Number.isInteger(input.round) || input.round < 1 || input.round > 999)
      problems.add('round', 'ROUND_INVALID', '期数应为正整数');
    checkRequiredEnum(
      problems,
      'beneficiaryCategory',
      input.beneficiaryCategory,
      WISH_BENEFICIARY_CATEGORIES,
      '圆梦对象类别',
    );
    checkRequiredText(problems, 'beneficiaryName', input.beneficiaryName, '圆梦对象', 50);
    checkRequiredText(problems, 'content', input.content, '心愿内容', 500);
    if (checkRequiredDay(problems, 'collectedOn', input.collectedOn, '征集日期')) {
      checkNotFuture(problems, 'collectedOn', input.collectedOn, '征集日期', ctx.today);
      if (existing?.claimedOn) {
        checkDateOrder(problems, 'collectedOn', input.collectedOn, 'claimedOn', existing.claimedOn, {
          start: '征集日期',
          end: '认领日期',
        });
      }
    }
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    const name = input.beneficiaryName.trim();
    return {
      organizationId: organization.id,
      round: input.round,
      beneficiaryCategory: input.beneficiaryCategory,
      beneficiaryName: name.endsWith('*') ? name : maskName(name),
      content: input.content.trim(),
      collectedOn: input.collectedOn,
      ...(existing ? {} : { status: 'COLLECTED' as const }),
    };
  },
  applyFilter(qb, filter) {
    if (filter.round) qb.andWhere('wish.round = :round', { round: filter.round });
    if (filter.status?.length) qb.andWhere('wish.status IN (:...statuses)', { statuses: filter.status });
    if (filter.beneficiaryCategory?.length) {
      qb.andWhere('wish.beneficiaryCategory IN (:...categories)', { categories: filter.beneficiaryCategory });
    }
  },
};

export function createWish(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateWishInput,
): Promise<Wish> {
  return createRecord(dataSource, wishResource, scope, actor, input);
}

export function updateWish(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateWishInput,
): Promise<Wish> {
  return updateRecord(dataSource, wishResource, scope, actor, id, input);
}

/** 征集 → 认领 (with the claimant) → 圆梦. */
export function advanceWish(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: AdvanceWishInput,
): Promise<Wish> {
  return changeRecord(dataSource, wishResource, scope, actor, id, (ctx, existing) => {
    const problems = new Problems();
    checkRequiredEnum(problems, 'status', input.status, WISH_STATUSES, '心愿状态');
    checkOptionalText(problems, 'claimantName', input.claimantName, '认领人', 50);
    checkOptionalText(problems, 'claimantUnit', input.claimantUnit, '认领单位', 100);
    const on = input.on ?? ctx.today;
    if (checkOptionalDay(problems, 'on', on, '日期')) {
      checkNotFuture(problems, 'on', on, '日期', ctx.today);
      checkDateOrder(problems, 'collectedOn', existing.collectedOn, 'on', on, {
        start: '征集日期',
        end: '办理日期',
      });
      if (existing.claimedOn)
        checkDateOrder(problems, 'claimedOn', existing.claimedOn, 'on', on, {
          start: '认领日期',
          end: '圆梦日期',
        });
    }
    problems.throwIfAny();
    const claimantName = text(input.claimantName) ?? existing.claimantName;
    const claimantUnit = text(input.claimantUnit) ?? existing.claimantUnit;
    const status = nextWishStatus(existing.status, input.status, claimantName ?? claimantUnit);
    return {
      status,
      claimantName,
      claimantUnit,
      claimedOn: status === 'CLAIMED' ? on : existing.claimedOn,
      fulfilledOn: status === 'FULFILLED' ? on : existing.fulfilledOn,
    };
  });
}

export function deleteWish(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Wish> {
  return deleteRecord(dataSource, wishResource, scope, actor, id);
}

export function getWish(dataSource: DataSource, scope: DataScope, id: string): Promise<Wish> {
  return getRecord(dataSource, wishResource, scope, id);
}

export function listWishes(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<WishFilter, WishSortField> = {},
): Promise<Connection<Wish>> {
  return listRecords(dataSource, wishResource, scope, args);
}

export interface WishBoard {
  rounds: number[];
  /** Counts per beneficiary category and status. */
  counts: Record<WishBeneficiaryCategory, Record<WishStatus, number>>;
  /** The same per round. */
  byRound: Array<{ round: number; counts: Record<WishBeneficiaryCategory, Record<WishStatus, number>> }>;
  fulfilledCount: number;
}

function emptyCounts(): Record<WishBeneficiaryCategory, Record<WishStatus, number>> {
  return Object.fromEntries(
    WISH_BENEFICIARY_CATEGORIES.map((c) => [c, Object.fromEntries(WISH_STATUSES.map((s) => [s, 0]))]),
  ) as Record<WishBeneficiaryCategory, Record<WishStatus, number>>;
}

/** The 微心愿 board: counts by beneficiary category × status, overall and per round. */
export async function getWishBoard(
  dataSource: DataSource,
  scope: DataScope,
  options: { round?: number } = {},
): Promise<WishBoard> {
  const qb = scopedQuery(dataSource.manager, Wish, 'wish', 'wish.organizationId', scope)
    .select('wish.round', 'round')
    .addSelect('wish.beneficiaryCategory', 'category')
    .addSelect('wish.status', 'status')
    .addSelect('COUNT(*)', 'count')
    .groupBy('wish.round')
    .addGroupBy('wish.beneficiaryCategory')
    .addGroupBy('wish.status');
  if (options.round) qb.andWhere('wish.round = :round', { round: options.round });
  const rows = await qb.getRawMany<{
    round: string;
    category: WishBeneficiaryCategory;
    status: WishStatus;
    count: string;
  }>();
  const counts = emptyCounts();
  const perRound = new Map<number, Record<WishBeneficiaryCategory, Record<WishStatus, number>>>();
  let fulfilledCount = 0;
  for (const row of rows) {
    const round = Number(row.round);
    const n = Number(row.count);
    if (!perRound.has(round)) perRound.set(round, emptyCounts());
    perRound.get(round)![row.category][row.status] += n;
    counts[row.category][row.status] += n;
    if (row.status === 'FULFILLED') fulfilledCount += n;
  }
  const rounds = [...perRound.keys()].sort((a, b) => a - b);
  return {
    rounds,
    counts,
    byRound: rounds.map((round) => ({ round, counts: perRound.get(round)! })),
    fulfilledCount,
  };
}

import type { DataSource } from 'typeorm';
import { RELIEF_KINDS, ReliefPayment, type ReliefKind } from '../../entities/daily-work/relief-payment.entity.js';
import {
  RENOVATION_KINDS,
  RENOVATION_STATUSES,
  RenovationProject,
  type RenovationKind,
  type RenovationStatus,
} from '../../entities/daily-work/renovation-project.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import { checkDateOrder, checkRequiredText } from '../../rules/index.js';
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
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  updateRecord,
  type SubtreeFilter,
  type Resource,
} from './resource.js';

// ---------------------------------------------------------------- relief payments (民生资金)

export interface CreateReliefPaymentInput {
  kind: ReliefKind;
  /** Integer fen. */
  amountFen: number;
  paidOn: string;
  recipientCount: number;
  communityOrganizationId: string;
  note?: string | null;
}
export type UpdateReliefPaymentInput = Partial<CreateReliefPaymentInput>;
export interface ReliefPaymentFilter extends SubtreeFilter {
  kind?: ReliefKind[] | null;
  paidFrom?: string | null;
  paidTo?: string | null;
}
export type ReliefPaymentSortField = 'PAID_ON' | 'AMOUNT';

export const reliefPaymentResource: Resource<
  ReliefPayment,
  CreateReliefPaymentInput,
  ReliefPaymentFilter,
  ReliefPaymentSortField
> = {
  entity: ReliefPayment,
  entityType: 'ReliefPayment',
  label: '民生资金发放记录',
  alias: 'payment',
  orgIdExpression: 'payment.communityOrganizationId',
  softDelete: false,
  sortColumns: { PAID_ON: 'paidOn', AMOUNT: 'amountFen' },
  defaultSort: { field: 'PAID_ON', direction: 'DESC' },
  async prepare(ctx, input) {
    const problems = new Problems();
    checkRequiredEnum(problems, 'kind', input.kind, RELIEF_KINDS, '资金类别');
    if (
      checkCount(problems, 'amountFen', input.amountFen, '发放金额', true) &&
      !Number.isSafeInteger(input.amountFen)
    ) {
      problems.add('amountFen', 'TOO_LARGE', '发放金额过大');
    }
    checkCount(problems, 'recipientCount', input.recipientCount, '发放人数', true);
    if (checkRequiredDay(problems, 'paidOn', input.paidOn, '发放日期'))
      checkNotFuture(problems, 'paidOn', input.paidOn, '发放日期', ctx.today);
    checkOptionalText(problems, 'note', input.note, '备注', 500);
    problems.throwIfAny();
    const community = await organizationInScope(ctx.manager, ctx.scope, input.communityOrganizationId);
    return {
      kind: input.kind,
      amountFen: input.amountFen,
      paidOn: input.paidOn,
      recipientCount: input.recipientCount,
      communityOrganizationId: community.id,
      note: text(input.note),
    };
  },
  applyFilter(qb, filter) {
    if (filter.kind?.length) qb.andWhere('payment.kind IN (:...kinds)', { kinds: filter.kind });
    if (filter.paidFrom) qb.andWhere('payment.paidOn >= :paidFrom', { paidFrom: filter.paidFrom });
    if (filter.paidTo) qb.andWhere('payment.paidOn <= :paidTo', { paidTo: filter.paidTo });
  },
};

export function createReliefPayment(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateReliefPaymentInput,
): Promise<ReliefPayment> {
  return createRecord(dataSource, reliefPaymentResource, scope, actor, input);
}

export function updateReliefPayment(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateReliefPaymentInput,
): Promise<ReliefPayment> {
  return updateRecord(dataSource, reliefPaymentResource, scope, actor, id, input);
}

export function deleteReliefPayment(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<ReliefPayment> {
  return deleteRecord(dataSource, reliefPaymentResource, scope, actor, id);
}

export function getReliefPayment(
  dataSource: DataSource,
  scope: DataScope,
  id: string,
): Promise<ReliefPayment> {
  return getRecord(dataSource, reliefPaymentResource, scope, id);
}

export function listReliefPayments(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<ReliefPaymentFilter, ReliefPaymentSortField> = {},
): Promise<Connection<ReliefPayment>> {
  return listRecords(dataSource, reliefPaymentResource, scope, args);
}

export interface ReliefTotals {
  byKind: Array<{ kind: ReliefKind; amountFen: number; recipientCount: number; paymentCount: number }>;
  totalAmountFen: number;
  totalRecipientCount: number;
}

/** 低保金、补贴金、慰问金: amounts (fen) and recipients per kind and in total. */
export async function getReliefTotals(
  dataSource: DataSource,
  scope: DataScope,
  options: { from?: string; to?: string; organizationId?: string } = {},
): Promise<ReliefTotals> {
  const qb = scopedQuery(
    dataSource.manager,
    ReliefPayment,
    'payment',
    'payment.communityOrganizationId',
    scope,
  )
    .select('payment.kind', 'kind')
    .addSelect('COALESCE(SUM(payment.amountFen), 0)', 'amountFen')
    .addSelect('COALESCE(SUM(payment.recipientCount), 0)', 'recipientCount')
    .addSelect('COUNT(*)', 'paymentCount')
    .groupBy('payment.kind');
  if (options.from) qb.andWhere('payment.paidOn >= :from', { from: options.from });
  if (options.to) qb.andWhere('payment.paidOn <= :to', { to: options.to });
  if (options.organizationId) {
    const organization = await organizationInScope(dataSource.manager, scope, options.organizationId);
    qb.andWhere('org.path LIKE :subtree', { subtree: `${organization.path}%` });
  }
  const rows = await qb.getRawMany<{
    kind: ReliefKind;
    amountFen: string;
    recipientCount: string;
    paymentCount: string;
  }>();
  const byKind = RELIEF_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return {
      kind,
      amountFen: Number(row?.amountFen ?? 0),
      recipientCount: Number(row?.recipientCount ?? 0),
      paymentCount: Number(row?.paymentCount ?? 0),
    };
  });
  return {
    byKind,
    totalAmountFen: byKind.reduce((sum, k) => sum + k.amountFen, 0),
    totalRecipientCount: byKind.reduce((sum, k) => sum + k.recipientCount, 0),
  };
}

// ---------------------------------------------------------------- renovation projects (无主管楼院整治)

export interface CreateRenovationProjectInput {
  name: string;
  kind: RenovationKind;
  communityOrganizationId: string;
  startedOn?: string | null;
  finishedOn?: string | null;
  status: RenovationStatus;
  note?: string | null;
}
export type UpdateRenovationProjectInput = Partial<CreateRenovationProjectInput>;
export interface RenovationProjectFilter extends SubtreeFilter {
  kind?: RenovationKind | null;
  status?: RenovationStatus[] | null;
}
export type RenovationProjectSortField = 'NAME' | 'CREATED_AT';

export const renovationProjectResource: Resource<
  RenovationProject,
  CreateRenovationProjectInput,
  RenovationProjectFilter,
  RenovationProjectSortField
> = {
  entity: RenovationProject,
  entityType: 'RenovationProject',
  label: '整治项目',
  alias: 'renovation',
  orgIdExpression: 'renovation.communityOrganizationId',
  softDelete: true,
  sortColumns: { NAME: 'name', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'NAME', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredText(problems, 'name', input.name, '项目名称', 100);
    checkRequiredEnum(problems, 'kind', input.kind, RENOVATION_KINDS, '整治类别');
    checkRequiredEnum(problems, 'status', input.status, RENOVATION_STATUSES, '进度');
    checkOptionalDay(problems, 'startedOn', input.startedOn, '开工日期');
    if (checkOptionalDay(problems, 'finishedOn', input.finishedOn, '完工日期')) {
      checkNotFuture(problems, 'finishedOn', input.finishedOn, '完工日期', ctx.today);
    }
    checkDateOrder(problems, 'startedOn', input.startedOn, 'finishedOn', input.finishedOn, {
      start: '开工日期',
      end: '完工日期',
    });
    if (input.status === 'COMPLETED' && !input.finishedOn)
      problems.add('finishedOn', 'REQUIRED', '已完成的项目请填写完工日期');
    if (input.status !== 'COMPLETED' && input.finishedOn)
      problems.add('status', 'STATUS_MISMATCH', '已填写完工日期的项目，进度应为已完成');
    if (input.status === 'IN_PROGRESS' && !input.startedOn)
      problems.add('startedOn', 'REQUIRED', '整治中的项目请填写开工日期');
    checkOptionalText(problems, 'note', input.note, '备注', 1000);
    problems.throwIfAny();
    const community = await organizationInScope(ctx.manager, ctx.scope, input.communityOrganizationId);
    const other = await ctx.manager
      .getRepository(RenovationProject)
      .findOne({ where: { name: input.name.trim() }, withDeleted: true });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(`已有名为「${input.name.trim()}」的整治项目`, 'RENOVATION_EXISTS', {
        id: other.id,
      });
    }
    return {
      name: input.name.trim(),
      kind: input.kind,
      communityOrganizationId: community.id,
      startedOn: input.startedOn ?? null,
      finishedOn: input.finishedOn ?? null,
      status: input.status,
      note: text(input.note),
    };
  },
  applyFilter(qb, filter) {
    if (filter.kind) qb.andWhere('renovation.kind = :kind', { kind: filter.kind });
    if (filter.status?.length)
      qb.andWhere('renovation.status IN (:...statuses)', { statuses: filter.status });
  },
};

export function createRenovationProject(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateRenovationProjectInput,
): Promise<RenovationProject> {
  return createRecord(dataSource, renovationProjectResource, scope, actor, input);
}

export function updateRenovationProject(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateRenovationProjectInput,
): Promise<RenovationProject> {
  return updateRecord(dataSource, renovationProjectResource, scope, actor, id, input);
}

export function deleteRenovationProject(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<RenovationProject> {
  return deleteRecord(dataSource, renovationProjectResource, scope, actor, id);
}

export function getRenovationProject(
  dataSource: DataSource,
  scope: DataScope,
  id: string,
): Promise<RenovationProject> {
  return getRecord(dataSource, renovationProjectResource, scope, id);
}

export function listRenovationProjects(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<RenovationProjectFilter, RenovationProjectSortField> = {},
): Promise<Connection<RenovationProject>> {
  return listRecords(dataSource, renovationProjectResource, scope, args);
}

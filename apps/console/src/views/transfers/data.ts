import {
  TRANSFER_DIRECTIONS,
  TRANSFER_KINDS,
  TRANSFER_STATUSES,
  type SyncState,
  type TransferDirection,
  type TransferKind,
  type TransferStatus,
} from '@/api/types';
import type { QuerySchema, QueryValues } from '@/utils/route-query';
import type { ValidationReason } from '@/utils/validators';
import type { TransferListFilter, TransferRow } from './api';
import { WORK_LISTS, type TransferAction, type WorkList } from './model';

/** The tabs of the page: the three work lists of the national system, then every transfer. */
export const LIST_TABS = [...WORK_LISTS, 'ALL'] as const;
export type ListTab = (typeof LIST_TABS)[number];

export const FILTER_SCHEMA = {
  list: { kind: 'string', default: 'TODO', allowed: LIST_TABS },
  search: { kind: 'string' },
  status: { kind: 'strings', allowed: TRANSFER_STATUSES },
  direction: { kind: 'string', allowed: TRANSFER_DIRECTIONS },
  kind: { kind: 'strings', allowed: TRANSFER_KINDS },
  organizationId: { kind: 'string' },
  overdue: { kind: 'boolean', default: false },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type TransferFilters = QueryValues<typeof FILTER_SCHEMA>;

/** The GraphQL filter of the list shown: the tab's work list plus the filters typed. */
export function toTransferFilter(filters: TransferFilters): TransferListFilter {
  const filter: TransferListFilter = {};
  if ((WORK_LISTS as readonly string[]).includes(filters.list)) filter.workList = filters.list as WorkList;
  if (filters.search.trim()) filter.search = filters.search.trim();
  if (filters.status.length) filter.status = filters.status as TransferStatus[];
  if (filters.direction) filter.direction = filters.direction as TransferDirection;
  if (filters.kind.length) filter.kind = filters.kind as TransferKind[];
  if (filters.organizationId) filter.organizationId = filters.organizationId;
  if (filters.overdue) filter.overdue = true;
  return filter;
}

/** The same filter as query parameters of /export/transfers.xlsx. */
export function exportParams(filter: TransferListFilter): Record<string, string | boolean | string[] | undefined> {
  return {
    workList: filter.workList,
    search: filter.search,
    status: filter.status,
    direction: filter.direction,
    kind: filter.kind,
    organizationId: filter.organizationId,
    overdue: filter.overdue,
  };
}

/** A work list is worked through: what moved last comes first there; the full list is newest first. */
export function sortFor(list: string): 'NEWEST' | 'RECENTLY_UPDATED' {
  return list === 'ALL' ? 'NEWEST' : 'RECENTLY_UPDATED';
}

type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger';

/** In progress → warning colours, finished well → success, stopped → danger/info. */
export const STATUS_TAG: Record<TransferStatus, TagType> = {
  DRAFT: 'info',
  PENDING_APPROVAL: 'warning',
  APPROVED: 'primary',
  IN_TRANSIT: 'warning',
  RECEIVED: 'primary',
  COMPLETED: 'success',
  RETURNED: 'danger',
  WITHDRAWN: 'info',
  REVOKED: 'danger',
  EXPIRED: 'danger',
};

export const SYNC_BADGE: Record<SyncState, TagType> = {
  LOCAL_ONLY: 'info',
  PENDING_PUSH: 'warning',
  SYNCED: 'success',
  CONFLICT: 'danger',
};

export const DIRECTION_TAG: Record<TransferDirection, TagType> = { OUTGOING: 'warning', INCOMING: 'success' };

/** A letter whose validity passed while the member has not been received yet. */
export function letterExpired(transfer: Pick<TransferRow, 'letterExpiresOn' | 'status'>, today: string): boolean {
  return Boolean(transfer.letterExpiresOn && transfer.letterExpiresOn < today && ['APPROVED', 'IN_TRANSIT', 'EXPIRED'].includes(transfer.status));
}

export interface Column {
  key: keyof TransferRow;
  labelKey: string;
  width?: number;
  minWidth?: number;
  fixed?: 'left' | 'right';
}

export const COLUMNS: Column[] = [
  { key: 'memberName', labelKey: 'transfers.memberName', width: 110, fixed: 'left' },
  { key: 'direction', labelKey: 'transfers.direction', width: 80 },
  { key: 'kind', labelKey: 'transfers.kind', width: 150 },
  { key: 'status', labelKey: 'transfers.status', width: 96 },
  { key: 'fromOrganizationName', labelKey: 'transfers.fromOrganization', minWidth: 200 },
  { key: 'toOrganizationName', labelKey: 'transfers.toOrganization', minWidth: 200 },
  { key: 'letterNumber', labelKey: 'transfers.letterNumber', width: 170 },
  { key: 'letterExpiresOn', labelKey: 'transfers.letterExpiresOn', width: 120 },
  { key: 'syncState', labelKey: 'transfers.syncState', width: 100 },
];

/** How each action is presented: its button colour, whether it needs a reason, whether it issues a letter. */
export interface ActionStyle {
  type: TagType;
  /** A return or revocation must say why: organisations may not refuse a transfer without reason. */
  needsReason: boolean;
  issuesLetter: boolean;
  /** Ends or reverses the transfer: asked with a warning. */
  destructive: boolean;
}

export const ACTION_STYLE: Record<TransferAction, ActionStyle> = {
  APPROVE: { type: 'primary', needsReason: false, issuesLetter: false, destructive: false },
  ISSUE_LETTER: { type: 'primary', needsReason: false, issuesLetter: true, destructive: false },
  RECEIVE: { type: 'primary', needsReason: false, issuesLetter: false, destructive: false },
  CONFIRM_RECEIPT: { type: 'success', needsReason: false, issuesLetter: false, destructive: false },
  REISSUE: { type: 'primary', needsReason: false, issuesLetter: true, destructive: false },
  RETURN: { type: 'danger', needsReason: true, issuesLetter: false, destructive: true },
  WITHDRAW: { type: 'warning', needsReason: false, issuesLetter: false, destructive: true },
  REVOKE: { type: 'danger', needsReason: true, issuesLetter: false, destructive: true },
};

/** Forward actions first, then the exits: the order buttons appear in. */
export function orderActions(actions: readonly TransferAction[]): TransferAction[] {
  const order: TransferAction[] = ['APPROVE', 'ISSUE_LETTER', 'REISSUE', 'RECEIVE', 'CONFIRM_RECEIPT', 'RETURN', 'WITHDRAW', 'REVOKE'];
  return order.filter((action) => actions.includes(action));
}

/** The main road of a transfer, for the steps bar. */
export const MAIN_STEPS: TransferStatus[] = ['PENDING_APPROVAL', 'APPROVED', 'IN_TRANSIT', 'RECEIVED', 'COMPLETED'];

/**
 * Where a transfer stands on the main road: the index of the step reached, and whether it left
 * the road there (returned, withdrawn, revoked, expired), judged from its history.
 */
export function stepPosition(status: TransferStatus, history: readonly { status: TransferStatus }[]): { active: number; stopped: boolean } {
  const index = MAIN_STEPS.indexOf(status);
  if (index >= 0) return { active: status === 'COMPLETED' ? MAIN_STEPS.length : index, stopped: false };
  if (status === 'DRAFT') return { active: 0, stopped: false };
  let reached = 0;
  for (const event of history) reached = Math.max(reached, MAIN_STEPS.indexOf(event.status));
  // The exit happened at the step after the last one reached (an expired letter: while in transit).
  return { active: status === 'EXPIRED' ? MAIN_STEPS.indexOf('IN_TRANSIT') : Math.min(reached + 1, MAIN_STEPS.length - 1), stopped: true };
}

// The create-transfer-out checks of the gateway (createTransferOut), repeated before sending.
export const TO_ORGANIZATION_NAME_MAX = 100;
export const REASON_MAX = 500;
export const NOTE_MAX = 500;
export const LETTER_NUMBER_MAX = 40;
export const LETTER_VALID_DAYS_MAX = 180;

export function validateToOrganizationName(value: unknown): ValidationReason | 'TOO_LONG' | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return 'REQUIRED';
  return text.length > TO_ORGANIZATION_NAME_MAX ? 'TOO_LONG' : null;
}

/** 上级组织系统的组织代码: 12–15 digits, optional. */
export function validateUpstreamCode(value: unknown): 'UPSTREAM_CODE_FORMAT' | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  return /^\d{12,15}$/.test(text) ? null : 'UPSTREAM_CODE_FORMAT';
}

export function validateTransferReason(value: unknown, max = REASON_MAX): ValidationReason | 'TOO_LONG' | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return 'REQUIRED';
  return text.length > max ? 'TOO_LONG' : null;
}

/** The steps of the transfer-out wizard and the fields each one holds (server errors go back there). */
export const WIZARD_STEPS = [
  { key: 'member', fields: ['memberId'] },
  { key: 'destination', fields: ['kind', 'toOrganizationName', 'toOrganizationUpstreamId'] },
  { key: 'reason', fields: ['reason'] },
  { key: 'confirm', fields: [] },
] as const;

/** The first step holding one of the fields the server refused, or the last step. */
export function stepOfFields(fields: readonly string[]): number {
  const index = WIZARD_STEPS.findIndex((step) => (step.fields as readonly string[]).some((field) => fields.includes(field)));
  return index >= 0 ? index : WIZARD_STEPS.length - 1;
}

/** Quick choices for the reason; a person may write any other. */
export const REASON_PRESETS = ['workplaceChange', 'residenceChange', 'study', 'awayLong', 'graduation'] as const;

/** "2026年11月26日" for the letter; blanks to write by hand when the day is unknown. */
export function chineseDate(day: string | null | undefined): { year: string; month: string; day: string } {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!match) return { year: '', month: '', day: '' };
  return { year: match[1], month: String(Number(match[2])), day: String(Number(match[3])) };
}

/** 党费交至 "2026-10" → year and month. */
export function duesMonth(value: string | null | undefined): { year: string; month: string } {
  const match = value ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  return match ? { year: match[1], month: String(Number(match[2])) } : { year: '', month: '' };
}

/**
 * The printed 党员组织关系介绍信 is an official Chinese form whatever language the console is shown
 * in: its fixed wording lives here, the filled-in values come from the transfer.
 */
export const LETTER_FORM = {
  stubTitle: '党员组织关系介绍信（存根）',
  letterTitle: '中国共产党党员组织关系介绍信',
  receiptTitle: '党员组织关系介绍信（回执）',
  numberLabel: '编号：',
  cutLine: '沿此线裁开',
  contactLine: '党员联系电话或其他联系方式：',
  addressLine: '党员原所在基层党委通讯地址：',
  phoneLine: ' 联系电话：',
  contactPersonLine: ' 联系人：',
  issuerContactLine: '开具党组织联系电话：',
  receiverSeal: '接收党组织（盖章）',
  status: { FULL: '正式', PROBATIONARY: '预备' },
  gender: { MALE: '男', FEMALE: '女' },
} as const;

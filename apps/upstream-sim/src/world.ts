import {
  DEMO_ROOT_ORGANIZATION_ID,
  demoSubdistrict,
  FAR_SIDE_ORGANIZATIONS,
  farSideMemberFor,
  generatePopulation,
} from '@dangjian/domain/demo';
import { addDays, SimClock } from './clock.js';
import { type BaseSource, type Row, type View, VersionedStore } from './store.js';

export const COLLECTIONS = ['organizations', 'members', 'transfers'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export function isCollection(value: string): value is Collection {
  return (COLLECTIONS as readonly string[]).includes(value);
}

export const TRANSFER_KINDS = ['WITHIN_SYSTEM', 'CROSS_PROVINCE', 'PAPER'] as const;
export const TRANSFER_ACTIONS = ['APPROVE', 'ISSUE_LETTER', 'RECEIVE', 'RETURN', 'WITHDRAW', 'REVOKE', 'CONFIRM_RECEIPT', 'REISSUE'] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];
export type FarSideAction = 'RECEIVE' | 'RETURN' | 'CONFIRM_RECEIPT' | 'APPROVE' | 'ISSUE_LETTER';
export const FAR_SIDE_ACTIONS: readonly FarSideAction[] = ['RECEIVE', 'RETURN', 'CONFIRM_RECEIPT', 'APPROVE', 'ISSUE_LETTER'];

/** The state machine of docs/upstream-api.md. */
const TRANSITIONS: Record<TransferAction, { from: readonly string[]; to: string }> = {
  APPROVE: { from: ['PENDING_APPROVAL'], to: 'APPROVED' },
  ISSUE_LETTER: { from: ['APPROVED'], to: 'IN_TRANSIT' },
  RECEIVE: { from: ['IN_TRANSIT'], to: 'RECEIVED' },
  CONFIRM_RECEIPT: { from: ['RECEIVED'], to: 'COMPLETED' },
  RETURN: { from: ['PENDING_APPROVAL', 'IN_TRANSIT'], to: 'RETURNED' },
  WITHDRAW: { from: ['PENDING_APPROVAL', 'RETURNED'], to: 'WITHDRAWN' },
  REVOKE: { from: ['APPROVED', 'IN_TRANSIT'], to: 'REVOKED' },
  REISSUE: { from: ['EXPIRED'], to: 'IN_TRANSIT' },
};

const STATUS_LABELS: Record<string, string> = {
  PENDING_APPROVAL: '待审批',
  APPROVED: '已审批',
  IN_TRANSIT: '在途',
  RECEIVED: '已接收',
  COMPLETED: '已完成',
  RETURNED: '已退回',
  WITHDRAWN: '已撤回',
  REVOKED: '已撤销',
  EXPIRED: '已过期',
};

const ACTION_LABELS: Record<TransferAction, string> = {
  APPROVE: '审批',
  ISSUE_LETTER: '开具介绍信',
  RECEIVE: '接收',
  RETURN: '退回',
  WITHDRAW: '撤回',
  REVOKE: '撤销',
  CONFIRM_RECEIPT: '确认回执',
  REISSUE: '重新开具介绍信',
};

/** Acts of the sending side's approving organisation rather than of the branch itself. */
const APPROVER_ACTIONS: readonly TransferAction[] = ['APPROVE', 'ISSUE_LETTER', 'REVOKE', 'REISSUE'];
const MAX_LETTER_VALID_DAYS = 180;
/** When the demo's records were last changed upstream, before the simulator started. */
const BASE_UPDATED_AT = '2026-11-25T20:00:00+08:00';

/** An answer in the contract's error shape: `{error, message, details}`. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SimError';
  }
}

export type Population = 'demo' | { members: number; transfers: number; seed: number };

function arraySource(records: readonly object[], updatedAtOf: (record: Row) => string): BaseSource {
  const rows = records as readonly Row[];
  const index = new Map(rows.map((row, i) => [row.id, i]));
  return {
    count: rows.length,
    idAt: (i) => rows[i].id,
    recordAt: (i) => rows[i],
    indexOf: (id) => index.get(id) ?? -1,
    updatedAtOf,
  };
}

const fixedUpdatedAt = () => BASE_UPDATED_AT;
const transferUpdatedAt = (record: Row) => {
  const history = record.history as Array<{ at: string }> | undefined;
  return history?.at(-1)?.at ?? BASE_UPDATED_AT;
};

function baseSources(population: Population): Record<Collection, BaseSource> {
  if (population === 'demo') {
    const demo = demoSubdistrict();
    return {
      organizations: arraySource(demo.organizations, fixedUpdatedAt),
      members: arraySource(demo.members, fixedUpdatedAt),
      transfers: arraySource(demo.transfers, transferUpdatedAt),
    };
  }
  const generated = generatePopulation(population);
  return {
    organizations: arraySource(generated.organizations, fixedUpdatedAt),
    members: {
      count: generated.memberCount,
      idAt: generated.memberIdAt,
      recordAt: (i) => generated.memberAt(i) as unknown as Row,
      indexOf: generated.memberIndexOf,
      updatedAtOf: fixedUpdatedAt,
      fresh: true,
    },
    transfers: {
      count: generated.transferCount,
      idAt: generated.transferIdAt,
      recordAt: (i) => generated.transferAt(i) as unknown as Row,
      indexOf: generated.transferIndexOf,
      updatedAtOf: transferUpdatedAt,
      fresh: true,
    },
  };
}

function optionalString(body: Record<string, unknown>, field: string, problems: string[]): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    problems.push(field);
    return null;
  }
  return value.trim() === '' ? null : value;
}

function invalid(fields: string[], message: string): SimError {
  return new SimError(400, 'VALIDATION_FAILED', message, { fields });
}

/**
 * The upstream organisation system: the three collections, the transfer state machine, the
 * business clock that lets letters expire, and what a received transfer does to the member feed.
 */
export class UpstreamWorld {
  readonly clock: SimClock;
  readonly stores: Record<Collection, VersionedStore>;
  readonly rootOrganizationId = DEMO_ROOT_ORGANIZATION_ID;
  /** IN_TRANSIT transfers and the last day their letter is valid. */
  private readonly inTransit = new Map<string, string>();
  private lastSweptDay = '';
  private transferNumber: number;
  private letterSequence = 500;

  constructor(options: { population?: Population; retentionMs: number; today?: string; wallClock?: () => number }) {
    this.clock = new SimClock(options.today);
    const sources = baseSources(options.population ?? 'demo');
    this.stores = {
      organizations: new VersionedStore(sources.organizations, options.retentionMs, options.wallClock),
      members: new VersionedStore(sources.members, options.retentionMs, options.wallClock),
      transfers: new VersionedStore(sources.transfers, options.retentionMs, options.wallClock),
    };
    this.transferNumber = sources.transfers.count;
    for (let i = 0; i < sources.transfers.count; i++) this.trackLetter(sources.transfers.recordAt(i));
    this.sweepExpiredLetters();
  }

  private trackLetter(transfer: Row): void {
    const issuedOn = transfer.letterIssuedOn;
    const validDays = transfer.letterValidDays;
    if (transfer.status === 'IN_TRANSIT' && typeof issuedOn === 'string' && typeof validDays === 'number') {
      this.inTransit.set(transfer.id, addDays(issuedOn, validDays));
    } else {
      this.inTransit.delete(transfer.id);
    }
  }

  /** Writes a record as upstream does: the next version, now, at the end of the feed. */
  write(collection: Collection, id: string, record: Row | null): View {
    const view = this.stores[collection].write(id, record, this.clock.isoNow());
    if (collection === 'transfers') {
      if (record) this.trackLetter(record);
      else this.inTransit.delete(id);
    }
    return view;
  }

  current(collection: Collection, id: string): Row | null {
    return this.stores[collection].get(id)?.record ?? null;
  }

  currentView(collection: Collection, id: string): View | null {
    const found = this.stores[collection].get(id);
    return found ? { ...found.record, version: found.version, updatedAt: found.updatedAt, deleted: false } : null;
  }

  inScope(organizationId: unknown): organizationId is string {
    return typeof organizationId === 'string' && this.current('organizations', organizationId) !== null;
  }

  /** Moves letters past validity to EXPIRED, once per business day (and after the clock moves). */
  sweepExpiredLetters(): number {
    const today = this.clock.today();
    this.lastSweptDay = today;
    let expired = 0;
    for (const [id, lastValidDay] of [...this.inTransit]) {
      if (lastValidDay >= today) continue;
      const transfer = this.current('transfers', id);
      if (!transfer || transfer.status !== 'IN_TRANSIT') {
        this.inTransit.delete(id);
        continue;
      }
      this.write('transfers', id, {
        ...transfer,
        status: 'EXPIRED',
        history: [
          ...((transfer.history as unknown[]) ?? []),
          { status: 'EXPIRED', at: this.clock.isoNow(), by: null, note: `介绍信有效期至 ${lastValidDay}，已过期未办理接收` },
        ],
      });
      expired++;
    }
    return expired;
  }

  sweepIfDayChanged(): void {
    if (this.clock.today() !== this.lastSweptDay) this.sweepExpiredLetters();
  }

  advanceClock(days: number): void {
    if (!Number.isInteger(days)) throw invalid(['days'], '天数必须是整数');
    this.clock.advance(days);
    this.sweepExpiredLetters();
  }

  getTransfer(id: string): View {
    this.sweepIfDayChanged();
    const view = this.currentView('transfers', id);
    if (!view) throw new SimError(404, 'NOT_FOUND', `转接记录 ${id} 不存在`, { transferId: id });
    return view;
  }

  /** POST /v1/transfers: an outgoing transfer of a member of this scope, PENDING_APPROVAL. */
  createTransfer(raw: unknown): View {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid([], '请求体必须是 JSON 对象');
    const body = raw as Record<string, unknown>;
    const problems: string[] = [];
    const memberId = typeof body.memberId === 'string' && body.memberId.trim() ? body.memberId : (problems.push('memberId'), '');
    const kind = typeof body.kind === 'string' && (TRANSFER_KINDS as readonly string[]).includes(body.kind) ? body.kind : (problems.push('kind'), '');
    const toOrganizationName =
      typeof body.toOrganizationName === 'string' && body.toOrganizationName.trim() ? body.toOrganizationName.trim() : (problems.push('toOrganizationName'), '');
    const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : (problems.push('reason'), '');
    const toOrganizationId = optionalString(body, 'toOrganizationId', problems);
    if (toOrganizationId !== null && !/^\d{12,15}$/.test(toOrganizationId)) problems.push('toOrganizationId');
    if (problems.length) throw invalid(problems, `请求字段有误: ${problems.join(', ')}`);

    const member = this.current('members', memberId);
    if (!member) throw new SimError(404, 'NOT_FOUND', `党员 ${memberId} 不存在或不在本辖区`, { memberId });
    const fromOrganizationId = member.organizationId as string;
    if (toOrganizationId === fromOrganizationId) throw invalid(['toOrganizationId'], '转入组织不能是党员当前所在组织');
    const from = this.current('organizations', fromOrganizationId);

    const id = this.nextTransferId();
    const record: Row = {
      id,
      memberId,
      memberName: member.name,
      kind,
      fromOrganizationId,
      fromOrganizationName: (from?.name as string | undefined) ?? fromOrganizationId,
      toOrganizationId,
      toOrganizationName,
      status: 'PENDING_APPROVAL',
      reason,
      letterNumber: null,
      letterIssuedOn: null,
      letterValidDays: null,
      receivedOn: null,
      receiptOn: null,
      history: [{ status: 'PENDING_APPROVAL', at: this.clock.isoNow(), by: from?.name ?? null, note: reason }],
    };
    return this.write('transfers', id, record);
  }

  private nextTransferId(): string {
    for (;;) {
      const id = `T${String(++this.transferNumber).padStart(8, '0')}`;
      if (this.stores.transfers.get(id) === null) return id;
    }
  }

  private actorName(transfer: Row, action: TransferAction, side: 'LOCAL' | 'FAR'): string | null {
    const outgoing = this.inScope(transfer.fromOrganizationId);
    if (side === 'FAR') return (outgoing ? transfer.toOrganizationName : transfer.fromOrganizationName) as string;
    if (outgoing && APPROVER_ACTIONS.includes(action)) {
      return (this.current('organizations', this.rootOrganizationId)?.name as string | undefined) ?? null;
    }
    return (outgoing ? transfer.fromOrganizationName : transfer.toOrganizationName) as string;
  }

  private letterPrefix(transfer: Row, side: 'LOCAL' | 'FAR'): string {
    if (side === 'LOCAL' && this.inScope(transfer.fromOrganizationId)) return '管陇';
    return FAR_SIDE_ORGANIZATIONS.find((o) => o.id === transfer.fromOrganizationId)?.letterPrefix ?? '外';
  }

  /** POST /v1/transfers/{id}/actions (side LOCAL), or the far organisation acting (FAR). */
  act(id: string, raw: unknown, side: 'LOCAL' | 'FAR'): View {
    this.sweepIfDayChanged();
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid([], '请求体必须是 JSON 对象');
    const body = raw as Record<string, unknown>;
    const problems: string[] = [];
    const action = body.action as TransferAction;
    if (typeof action !== 'string' || !(TRANSFER_ACTIONS as readonly string[]).includes(action)) problems.push('action');
    const note = optionalString(body, 'note', problems);
    const letterNumber = optionalString(body, 'letterNumber', problems);
    let letterValidDays: number | null = null;
    if (body.letterValidDays !== undefined && body.letterValidDays !== null) {
      const days = body.letterValidDays;
      if (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_LETTER_VALID_DAYS) letterValidDays = days;
      else problems.push('letterValidDays');
    }
    if (letterNumber !== null && letterNumber.length > 40) problems.push('letterNumber');
    if (problems.length) throw invalid(problems, `请求字段有误: ${problems.join(', ')}`);
    if ((action === 'RETURN' || action === 'REVOKE') && !note) {
      throw invalid(['note'], `${ACTION_LABELS[action]}必须填写理由`);
    }

    const transfer = this.current('transfers', id);
    if (!transfer) throw new SimError(404, 'NOT_FOUND', `转接记录 ${id} 不存在`, { transferId: id });
    const status = transfer.status as string;
    const transition = TRANSITIONS[action];
    if (!transition.from.includes(status)) {
      throw new SimError(409, 'INVALID_TRANSITION', `该转接当前为「${STATUS_LABELS[status] ?? status}」，不能${ACTION_LABELS[action]}`, {
        currentStatus: status,
        action,
        transferId: id,
      });
    }

    const today = this.clock.today();
    const next: Row = { ...transfer, status: transition.to };
    let historyNote = note;
    if (action === 'ISSUE_LETTER' || action === 'REISSUE') {
      const toId = typeof transfer.toOrganizationId === 'string' ? transfer.toOrganizationId : '';
      const inCity = transfer.kind === 'WITHIN_SYSTEM' && toId.startsWith('4101');
      next.letterNumber = letterNumber ?? `${this.letterPrefix(transfer, side)}组介〔${today.slice(0, 4)}〕${++this.letterSequence}号`;
      next.letterIssuedOn = today;
      next.letterValidDays = letterValidDays ?? (inCity ? 30 : 90);
      historyNote = note ?? `${action === 'REISSUE' ? '重新开具' : '开具'}介绍信 ${next.letterNumber}`;
    } else if (action === 'RECEIVE') {
      next.receivedOn = today;
    } else if (action === 'CONFIRM_RECEIPT') {
      next.receiptOn = today;
    }
    next.history = [
      ...((transfer.history as unknown[]) ?? []),
      { status: transition.to, at: this.clock.isoNow(), by: this.actorName(transfer, action, side), note: historyNote },
    ];
    const view = this.write('transfers', id, next);
    if (action === 'RECEIVE') this.moveMember(next);
    return view;
  }

  /**
   * A received transfer changes the member feed: the member moves to the receiving organisation,
   * arrives in scope, or leaves it (a tombstone).
   */
  private moveMember(transfer: Row): void {
    const memberId = transfer.memberId as string;
    const toId = transfer.toOrganizationId;
    const member = this.current('members', memberId);
    if (this.inScope(toId)) {
      const record =
        member ?? this.lastKnownMember(memberId) ?? (farSideMemberFor(memberId, { name: transfer.memberName as string, today: this.clock.today() }) as unknown as Row);
      this.write('members', memberId, { ...record, organizationId: toId });
    } else if (member) {
      this.write('members', memberId, null);
    }
  }

  private lastKnownMember(memberId: string): Row | null {
    const previous = this.stores.members.previousView(memberId);
    if (!previous || previous.deleted) return null;
    const { version: _version, updatedAt: _updatedAt, deleted: _deleted, ...record } = previous;
    return record as Row;
  }

  /** The organisation on the other side of a transfer acts (it is not in this scope). */
  farSide(transferId: string, action: string, note?: string | null): View {
    if (!(FAR_SIDE_ACTIONS as readonly string[]).includes(action)) {
      throw invalid(['action'], `对方组织只能执行 ${FAR_SIDE_ACTIONS.join('、')}`);
    }
    return this.act(transferId, { action, note: note ?? null }, 'FAR');
  }

  upsert(collection: Collection, raw: unknown): View {
    if (raw === null || typeof raw !== 'object' || typeof (raw as Row).id !== 'string' || !(raw as Row).id) {
      throw invalid(['id'], '记录必须有字符串 id');
    }
    const record = raw as Row;
    const { version: _version, updatedAt: _updatedAt, deleted: _deleted, ...fields } = record;
    const current = this.current(collection, record.id);
    return this.write(collection, record.id, { ...(current ?? {}), ...fields } as Row);
  }

  remove(collection: Collection, id: string): View {
    if (!this.current(collection, id)) throw new SimError(404, 'NOT_FOUND', `记录 ${id} 不存在`, { id });
    return this.write(collection, id, null);
  }
}

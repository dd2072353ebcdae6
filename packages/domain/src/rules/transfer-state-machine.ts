import type { TransferAction, TransferStatus } from '../entities/transfer.entity.js';
import { DomainError } from '../errors/domain-error.js';

/**
 * 组织关系转接: the states of one transfer and the actions that move it, exactly as the table in
 * docs/upstream-api.md, so that a local action is refused with the same answer upstream would give.
 */

/** Who acts: the sending or receiving organisation, the applicant's branch, the approving organisation. */
export type TransferSide = 'SENDER' | 'RECEIVER' | 'APPLICANT' | 'APPROVER';

export interface TransferTransition {
  from: readonly TransferStatus[];
  to: TransferStatus;
  /** A return or revocation needs a reason: organisations may not refuse a transfer without one. */
  needsNote: boolean;
  /** The side that acts when the transfer is in `from[0]`; `sideByStatus` names the others. */
  side: TransferSide;
  sideByStatus: Partial<Record<TransferStatus, TransferSide>>;
}

export const TRANSFER_TRANSITIONS: Record<TransferAction, TransferTransition> = {
  APPROVE: { from: ['PENDING_APPROVAL'], to: 'APPROVED', needsNote: false, side: 'APPROVER', sideByStatus: {} },
  ISSUE_LETTER: { from: ['APPROVED'], to: 'IN_TRANSIT', needsNote: false, side: 'SENDER', sideByStatus: {} },
  RECEIVE: { from: ['IN_TRANSIT'], to: 'RECEIVED', needsNote: false, side: 'RECEIVER', sideByStatus: {} },
  // The receiving organisation returns the receipt (回执); the overdue-receipt flag chases it.
  CONFIRM_RECEIPT: { from: ['RECEIVED'], to: 'COMPLETED', needsNote: false, side: 'RECEIVER', sideByStatus: {} },
  // Before approval the approving organisation sends it back for correction; in transit the
  // receiving organisation refuses it. Either way with a reason.
  RETURN: {
    from: ['PENDING_APPROVAL', 'IN_TRANSIT'],
    to: 'RETURNED',
    needsNote: true,
    side: 'APPROVER',
    sideByStatus: { IN_TRANSIT: 'RECEIVER' },
  },
  WITHDRAW: { from: ['PENDING_APPROVAL', 'RETURNED'], to: 'WITHDRAWN', needsNote: false, side: 'APPLICANT', sideByStatus: {} },
  REVOKE: { from: ['APPROVED', 'IN_TRANSIT'], to: 'REVOKED', needsNote: true, side: 'APPROVER', sideByStatus: {} },
  REISSUE: { from: ['EXPIRED'], to: 'IN_TRANSIT', needsNote: false, side: 'SENDER', sideByStatus: {} },
};

/** Upstream's time-driven move: the letter's validity ran out before the member was received. */
export const TRANSFER_EXPIRY = { from: ['IN_TRANSIT'] as readonly TransferStatus[], to: 'EXPIRED' as TransferStatus };

/** A draft, or a transfer returned for correction, is (re)submitted for approval. */
export const TRANSFER_SUBMISSION = {
  from: ['DRAFT', 'RETURNED'] as readonly TransferStatus[],
  to: 'PENDING_APPROVAL' as TransferStatus,
};

export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = {
  DRAFT: '草稿',
  PENDING_APPROVAL: '待审批',
  APPROVED: '已批准',
  IN_TRANSIT: '在途',
  RECEIVED: '已接收',
  COMPLETED: '已完成',
  RETURNED: '已退回',
  WITHDRAWN: '已撤回',
  REVOKED: '已撤销',
  EXPIRED: '已过期',
};

export const TRANSFER_ACTION_LABELS: Record<TransferAction, string> = {
  APPROVE: '批准',
  ISSUE_LETTER: '开具介绍信',
  RECEIVE: '接收',
  RETURN: '退回',
  WITHDRAW: '撤回',
  REVOKE: '撤销',
  CONFIRM_RECEIPT: '确认回执',
  REISSUE: '重新开具介绍信',
};

export const TRANSFER_SIDE_LABELS: Record<TransferSide, string> = {
  SENDER: '转出党组织',
  RECEIVER: '接收党组织',
  APPLICANT: '申请方',
  APPROVER: '审批党组织',
};

const TERMINAL: readonly TransferStatus[] = ['COMPLETED', 'WITHDRAWN', 'REVOKED'];

/** Completed, withdrawn and revoked transfers never move again; returned and expired ones can. */
export function isTerminalTransferStatus(status: TransferStatus): boolean {
  return TERMINAL.includes(status);
}

/** The actions a transfer in `status` accepts, in the order of the table. */
export function allowedTransferActions(status: TransferStatus): TransferAction[] {
  return (Object.keys(TRANSFER_TRANSITIONS) as TransferAction[]).filter((action) =>
    TRANSFER_TRANSITIONS[action].from.includes(status),
  );
}

/** The side that acts for `action` on a transfer in `status`. */
export function transferActionSide(action: TransferAction, status: TransferStatus): TransferSide {
  const transition = TRANSFER_TRANSITIONS[action];
  return transition.sideByStatus[status] ?? transition.side;
}

function invalidTransition(status: TransferStatus, actionLabel: string, action: string): DomainError {
  const label = TRANSFER_STATUS_LABELS[status] ?? status;
  return DomainError.conflict(`当前状态为「${label}」，不能执行「${actionLabel}」`, 'TRANSFER_INVALID_TRANSITION', {
    currentStatus: status,
    action,
    allowedActions: TRANSFER_STATUS_LABELS[status] ? allowedTransferActions(status) : [],
  });
}

/**
 * The status after `action`. Throws CONFLICT (TRANSFER_INVALID_TRANSITION, details.currentStatus)
 * when the action does not fit the current status, and BAD_USER_INPUT (TRANSFER_NOTE_REQUIRED)
 * when a return or revocation comes without a reason.
 */
export function nextTransferStatus(status: TransferStatus, action: TransferAction, note?: string | null): TransferStatus {
  const transition = TRANSFER_TRANSITIONS[action];
  if (!transition) {
    throw DomainError.badInput([{ field: 'action', reason: 'TRANSFER_UNKNOWN_ACTION', message: `未知的转接操作「${action}」` }]);
  }
  if (!transition.from.includes(status)) {
    throw invalidTransition(status, TRANSFER_ACTION_LABELS[action], action);
  }
  if (transition.needsNote && !note?.trim()) {
    throw DomainError.badInput([
      {
        field: 'note',
        reason: 'TRANSFER_NOTE_REQUIRED',
        message: `「${TRANSFER_ACTION_LABELS[action]}」必须填写原因，党组织不得无故拒绝转接`,
      },
    ]);
  }
  return transition.to;
}

/** IN_TRANSIT → EXPIRED when the letter ran out; CONFLICT from any other status. */
export function expireTransfer(status: TransferStatus): TransferStatus {
  if (!TRANSFER_EXPIRY.from.includes(status)) throw invalidTransition(status, '介绍信过期', 'EXPIRE');
  return TRANSFER_EXPIRY.to;
}

/** DRAFT or RETURNED → PENDING_APPROVAL; CONFLICT from any other status. */
export function submitTransfer(status: TransferStatus): TransferStatus {
  if (!TRANSFER_SUBMISSION.from.includes(status)) throw invalidTransition(status, '提交审批', 'SUBMIT');
  return TRANSFER_SUBMISSION.to;
}

/** True when `action` fits `status` (the reason is not checked). */
export function canApplyTransferAction(status: TransferStatus, action: TransferAction): boolean {
  return TRANSFER_TRANSITIONS[action]?.from.includes(status) ?? false;
}

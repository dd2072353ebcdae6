import { describe, expect, it } from 'vitest';
import { TRANSFER_ACTIONS, TRANSFER_STATUSES, type TransferAction, type TransferStatus } from '../entities/transfer.entity.js';
import { DomainError } from '../errors/domain-error.js';
import {
  TRANSFER_ACTION_LABELS,
  TRANSFER_SIDE_LABELS,
  TRANSFER_STATUS_LABELS,
  TRANSFER_TRANSITIONS,
  allowedTransferActions,
  canApplyTransferAction,
  expireTransfer,
  isTerminalTransferStatus,
  nextTransferStatus,
  submitTransfer,
  transferActionSide,
} from './transfer-state-machine.js';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

/** The table of docs/upstream-api.md, written out once more so that a drift in either fails here. */
const UPSTREAM_TABLE: Array<[TransferAction, TransferStatus[], TransferStatus, boolean]> = [
  ['APPROVE', ['PENDING_APPROVAL'], 'APPROVED', false],
  ['ISSUE_LETTER', ['APPROVED'], 'IN_TRANSIT', false],
  ['RECEIVE', ['IN_TRANSIT'], 'RECEIVED', false],
  ['CONFIRM_RECEIPT', ['RECEIVED'], 'COMPLETED', false],
  ['RETURN', ['PENDING_APPROVAL', 'IN_TRANSIT'], 'RETURNED', true],
  ['WITHDRAW', ['PENDING_APPROVAL', 'RETURNED'], 'WITHDRAWN', false],
  ['REVOKE', ['APPROVED', 'IN_TRANSIT'], 'REVOKED', true],
  ['REISSUE', ['EXPIRED'], 'IN_TRANSIT', false],
];

describe('the transfer state machine is identical to the table in docs/upstream-api.md', () => {
  it('has one transition per action of the contract', () => {
    expect(Object.keys(TRANSFER_TRANSITIONS).sort()).toEqual([...TRANSFER_ACTIONS].sort());
  });

  it.each(UPSTREAM_TABLE)('%s: from %j to %s (needs a note: %s)', (action, from, to, needsNote) => {
    expect([...TRANSFER_TRANSITIONS[action].from].sort()).toEqual([...from].sort());
    expect(TRANSFER_TRANSITIONS[action].to).toBe(to);
    expect(TRANSFER_TRANSITIONS[action].needsNote).toBe(needsNote);
    for (const status of from) expect(nextTransferStatus(status, action, 'reason given')).toBe(to);
  });

  it('refuses every action from every status the table does not list, with CONFLICT TRANSFER_INVALID_TRANSITION', () => {
    let refused = 0;
    for (const [action, from] of UPSTREAM_TABLE) {
      for (const status of TRANSFER_STATUSES.filter((s) => !from.includes(s))) {
        const error = errorOf(() => nextTransferStatus(status, action, 'note'));
        expect(error.code).toBe('CONFLICT');
        expect(error.reason).toBe('TRANSFER_INVALID_TRANSITION');
        expect(error.details.currentStatus).toBe(status);
        refused++;
      }
    }
    expect(refused).toBe(TRANSFER_ACTIONS.length * TRANSFER_STATUSES.length - 11);
  });

  it('says in Chinese why: “当前状态为「已批准」，不能执行「接收」”', () => {
    const error = errorOf(() => nextTransferStatus('APPROVED', 'RECEIVE'));
    expect(error.message).toBe('当前状态为「已批准」，不能执行「接收」');
    expect(error.details).toMatchObject({ currentStatus: 'APPROVED', action: 'RECEIVE', allowedActions: ['ISSUE_LETTER', 'REVOKE'] });
  });

  it('organisations may not refuse a transfer without reason: a return needs a note', () => {
    for (const note of [undefined, null, '', '   ']) {
      const error = errorOf(() => nextTransferStatus('IN_TRANSIT', 'RETURN', note));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.reason).toBe('TRANSFER_NOTE_REQUIRED');
      expect(error.fields[0].field).toBe('note');
      expect(error.message).toContain('退回');
    }
    expect(nextTransferStatus('IN_TRANSIT', 'RETURN', '接收党组织信息有误')).toBe('RETURNED');
  });

  it('a revocation needs a note too; other actions do not', () => {
    expect(errorOf(() => nextTransferStatus('APPROVED', 'REVOKE')).reason).toBe('TRANSFER_NOTE_REQUIRED');
    expect(nextTransferStatus('PENDING_APPROVAL', 'APPROVE')).toBe('APPROVED');
    expect(nextTransferStatus('PENDING_APPROVAL', 'WITHDRAW')).toBe('WITHDRAWN');
  });

  it('an invalid transition is reported before a missing note', () => {
    expect(errorOf(() => nextTransferStatus('COMPLETED', 'RETURN')).reason).toBe('TRANSFER_INVALID_TRANSITION');
  });

  it('refuses an action that is not in the contract', () => {
    expect(errorOf(() => nextTransferStatus('IN_TRANSIT', 'DELETE' as TransferAction)).reason).toBe('TRANSFER_UNKNOWN_ACTION');
  });

  it('walks the whole happy path: pending → approved → in transit → received → completed', () => {
    let status: TransferStatus = 'PENDING_APPROVAL';
    for (const action of ['APPROVE', 'ISSUE_LETTER', 'RECEIVE', 'CONFIRM_RECEIPT'] as const) status = nextTransferStatus(status, action);
    expect(status).toBe('COMPLETED');
    expect(isTerminalTransferStatus(status)).toBe(true);
  });
});

describe('time-driven expiry and resubmission', () => {
  it('an IN_TRANSIT transfer expires when its letter ran out, and can be reissued', () => {
    expect(expireTransfer('IN_TRANSIT')).toBe('EXPIRED');
    expect(nextTransferStatus('EXPIRED', 'REISSUE')).toBe('IN_TRANSIT');
  });

  it('no other status expires', () => {
    for (const status of TRANSFER_STATUSES.filter((s) => s !== 'IN_TRANSIT')) {
      const error = errorOf(() => expireTransfer(status));
      expect(error.reason).toBe('TRANSFER_INVALID_TRANSITION');
      expect(error.details.currentStatus).toBe(status);
    }
  });

  it('a draft or a returned transfer is (re)submitted for approval; nothing else is', () => {
    expect(submitTransfer('DRAFT')).toBe('PENDING_APPROVAL');
    expect(submitTransfer('RETURNED')).toBe('PENDING_APPROVAL');
    expect(errorOf(() => submitTransfer('APPROVED')).message).toBe('当前状态为「已批准」，不能执行「提交审批」');
  });
});

describe('what a transfer in each status allows', () => {
  it('lists the allowed actions per status', () => {
    expect(allowedTransferActions('PENDING_APPROVAL').sort()).toEqual(['APPROVE', 'RETURN', 'WITHDRAW']);
    expect(allowedTransferActions('APPROVED').sort()).toEqual(['ISSUE_LETTER', 'REVOKE']);
    expect(allowedTransferActions('IN_TRANSIT').sort()).toEqual(['RECEIVE', 'RETURN', 'REVOKE']);
    expect(allowedTransferActions('RECEIVED')).toEqual(['CONFIRM_RECEIPT']);
    expect(allowedTransferActions('RETURNED')).toEqual(['WITHDRAW']);
    expect(allowedTransferActions('EXPIRED')).toEqual(['REISSUE']);
    expect(allowedTransferActions('DRAFT')).toEqual([]);
    expect(canApplyTransferAction('IN_TRANSIT', 'RECEIVE')).toBe(true);
    expect(canApplyTransferAction('RECEIVED', 'RECEIVE')).toBe(false);
  });

  it('completed, withdrawn and revoked are terminal; returned and expired are not', () => {
    for (const status of TRANSFER_STATUSES) {
      expect(isTerminalTransferStatus(status)).toBe(allowedTransferActions(status).length === 0 && status !== 'DRAFT');
    }
    expect(isTerminalTransferStatus('RETURNED')).toBe(false);
    expect(isTerminalTransferStatus('EXPIRED')).toBe(false);
  });

  it('names the side that acts: approval by the approver, receipt by the receiver, a return in transit by the receiver', () => {
    expect(transferActionSide('APPROVE', 'PENDING_APPROVAL')).toBe('APPROVER');
    expect(transferActionSide('ISSUE_LETTER', 'APPROVED')).toBe('SENDER');
    expect(transferActionSide('RECEIVE', 'IN_TRANSIT')).toBe('RECEIVER');
    expect(transferActionSide('RETURN', 'PENDING_APPROVAL')).toBe('APPROVER');
    expect(transferActionSide('RETURN', 'IN_TRANSIT')).toBe('RECEIVER');
    expect(transferActionSide('WITHDRAW', 'RETURNED')).toBe('APPLICANT');
    expect(transferActionSide('REVOKE', 'IN_TRANSIT')).toBe('APPROVER');
  });

  it('has a Chinese label for every status, action and side', () => {
    for (const s of TRANSFER_STATUSES) expect(TRANSFER_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fa5]/);
    for (const a of TRANSFER_ACTIONS) expect(TRANSFER_ACTION_LABELS[a]).toMatch(/[\u4e00-\u9fa5]/);
    for (const label of Object.values(TRANSFER_SIDE_LABELS)) expect(label).toMatch(/[\u4e00-\u9fa5]/);
    expect(TRANSFER_STATUS_LABELS.IN_TRANSIT).toBe('在途');
  });
});

import {
  TRANSFER_DIRECTIONS,
  TRANSFER_STATUSES,
  type TransferAction,
  type TransferDirection,
  type TransferStatus,
} from '../../entities/transfer.entity.js';
import { addDays, type DayDate } from '../../rules/dates.js';
import type { Settings } from '../../rules/settings.js';
import {
  allowedTransferActions,
  isTerminalTransferStatus,
  transferActionSide,
  type TransferSide,
} from '../../rules/transfer-state-machine.js';

/**
 * The three work lists of the national system:
 * - TODO (待办): the next step is ours;
 * - UNFINISHED (未办结): our step is done, the transfer is not finished (waiting for the far side);
 * - UPCOMING (即将办理): a letter expiring within 7 days, or a receipt falling due within 7 days.
 */
export const TRANSFER_WORK_LISTS = ['TODO', 'UNFINISHED', 'UPCOMING'] as const;
export type TransferWorkList = (typeof TRANSFER_WORK_LISTS)[number];

/** How far ahead 即将办理 looks. */
export const UPCOMING_DAYS = 7;

/** The sides this subdistrict plays: the sender's (and its applicant and approver) or the receiver's. */
export function ourSides(direction: TransferDirection): readonly TransferSide[] {
  return direction === 'OUTGOING' ? ['SENDER', 'APPLICANT', 'APPROVER'] : ['RECEIVER'];
}

/** The actions we may take on a transfer: those the state allows whose side is ours. */
export function actionsForUs(direction: TransferDirection, status: TransferStatus): TransferAction[] {
  const sides = ourSides(direction);
  return allowedTransferActions(status).filter((action) => sides.includes(transferActionSide(action, status)));
}

/** Actions that move a transfer forward, as opposed to exits (return, withdraw, revoke). */
const FORWARD_ACTIONS: readonly TransferAction[] = ['APPROVE', 'ISSUE_LETTER', 'RECEIVE', 'CONFIRM_RECEIPT', 'REISSUE'];

/**
 * Whether the next step of a transfer is ours (待办): a forward action of ours is possible, or it
 * is our own application waiting to be written or corrected (a draft, or returned to us).
 */
export function isOurTurn(direction: TransferDirection, status: TransferStatus): boolean {
  if (isTerminalTransferStatus(status)) return false;
  if (direction === 'OUTGOING' && (status === 'DRAFT' || status === 'RETURNED')) return true;
  return actionsForUs(direction, status).some((action) => FORWARD_ACTIONS.includes(action));
}

/** The (direction, status) pairs of a list that depends on status alone (TODO, UNFINISHED). */
export function workListPairs(list: Exclude<TransferWorkList, 'UPCOMING'>): Array<[TransferDirection, TransferStatus]> {
  const pairs: Array<[TransferDirection, TransferStatus]> = [];
  for (const direction of TRANSFER_DIRECTIONS) {
    for (const status of TRANSFER_STATUSES) {
      if (isTerminalTransferStatus(status)) continue;
      const ours = isOurTurn(direction, status);
      if ((list === 'TODO' && ours) || (list === 'UNFINISHED' && !ours)) pairs.push([direction, status]);
    }
  }
  return pairs;
}

/** The day range of 即将办理 on `today`: letters expiring in [today, today+7], receipts received on or before this day. */
export function upcomingWindow(today: DayDate, settings: Settings): { lettersUntil: DayDate; receivedOnOrBefore: DayDate } {
  return {
    lettersUntil: addDays(today, UPCOMING_DAYS),
    // A receipt is due `receiptDueDays` after receipt: due within 7 days ⇔ received on or before
    // today + 7 − receiptDueDays (overdue ones included: they are due all the more).
    receivedOnOrBefore: addDays(today, UPCOMING_DAYS - settings.receiptDueDays),
  };
}

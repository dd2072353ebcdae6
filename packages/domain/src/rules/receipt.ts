import type { TransferStatus } from '../entities/transfer.entity.js';
import { addDays, compareDays, type DayDate } from './dates.js';
import type { Settings } from './settings.js';

/** 回执: goes back within `receiptDueDays` of the member being received; this is the last day. */
export function receiptDueOn(receivedOn: DayDate, settings: Settings): DayDate {
  return addDays(receivedOn, settings.receiptDueDays);
}

export interface ReceiptState {
  status: TransferStatus;
  receivedOn: DayDate | null | undefined;
  receiptOn: DayDate | null | undefined;
}

/** A RECEIVED transfer whose receipt has not come back by the day after its due day. */
export function isReceiptOverdue(transfer: ReceiptState, today: DayDate, settings: Settings): boolean {
  if (transfer.status !== 'RECEIVED' || !transfer.receivedOn || transfer.receiptOn) return false;
  return compareDays(today, receiptDueOn(transfer.receivedOn, settings)) > 0;
}

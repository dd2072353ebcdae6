import { describe, expect, it } from 'vitest';
import { isReceiptOverdue, receiptDueOn } from './receipt.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

describe('the receipt goes back within one month of receipt of the member', () => {
  it('is due 30 days after the member was received', () => {
    expect(receiptDueOn('2025-03-01', DEFAULT_SETTINGS)).toBe('2025-03-31');
    expect(receiptDueOn('2024-02-15', DEFAULT_SETTINGS)).toBe('2024-03-16');
  });

  it('flags a RECEIVED transfer with no receipt after 30 days, not on the 30th day', () => {
    const transfer = { status: 'RECEIVED' as const, receivedOn: '2025-03-01', receiptOn: null };
    expect(isReceiptOverdue(transfer, '2025-03-31', DEFAULT_SETTINGS)).toBe(false);
    expect(isReceiptOverdue(transfer, '2025-04-01', DEFAULT_SETTINGS)).toBe(true);
  });

  it('does not flag a transfer whose receipt came back, or that is not RECEIVED', () => {
    expect(isReceiptOverdue({ status: 'RECEIVED', receivedOn: '2025-03-01', receiptOn: '2025-03-05' }, '2025-06-01', DEFAULT_SETTINGS)).toBe(false);
    expect(isReceiptOverdue({ status: 'COMPLETED', receivedOn: '2025-03-01', receiptOn: null }, '2025-06-01', DEFAULT_SETTINGS)).toBe(false);
    expect(isReceiptOverdue({ status: 'IN_TRANSIT', receivedOn: null, receiptOn: null }, '2025-06-01', DEFAULT_SETTINGS)).toBe(false);
    expect(isReceiptOverdue({ status: 'RECEIVED', receivedOn: null, receiptOn: null }, '2025-06-01', DEFAULT_SETTINGS)).toBe(false);
  });

  it('follows the district setting for the number of days', () => {
    const settings = resolveSettings({ receiptDueDays: 10 });
    expect(isReceiptOverdue({ status: 'RECEIVED', receivedOn: '2025-03-01', receiptOn: null }, '2025-03-12', settings)).toBe(true);
  });
});

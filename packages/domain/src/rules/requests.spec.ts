import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import {
  REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  allowedRequestStatuses,
  isRequestOverdue,
  nextRequestStatus,
  requestDueOn,
} from './requests.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('a request goes 受理 → 办理中 → 已办结, with feedback (件件有回音)', () => {
  it('has the three statuses with Chinese labels', () => {
    expect([...REQUEST_STATUSES]).toEqual(['RECEIVED', 'IN_PROGRESS', 'RESOLVED']);
    expect(Object.values(REQUEST_STATUS_LABELS)).toEqual(['已受理', '办理中', '已办结']);
  });

  it('moves forward, and may be settled at once', () => {
    expect(nextRequestStatus('RECEIVED', 'IN_PROGRESS')).toBe('IN_PROGRESS');
    expect(nextRequestStatus('IN_PROGRESS', 'RESOLVED', '已协调银行办理贷款')).toBe('RESOLVED');
    expect(nextRequestStatus('RECEIVED', 'RESOLVED', '当场解答')).toBe('RESOLVED');
    expect(allowedRequestStatuses('RESOLVED')).toEqual([]);
  });

  it('closing needs the feedback text', () => {
    for (const feedback of [undefined, '', '  ']) {
      const error = errorOf(() => nextRequestStatus('IN_PROGRESS', 'RESOLVED', feedback));
      expect(error.reason).toBe('REQUEST_FEEDBACK_REQUIRED');
      expect(error.fields[0].field).toBe('feedback');
    }
  });

  it('never goes back, nor moves from RESOLVED', () => {
    const error = errorOf(() => nextRequestStatus('RESOLVED', 'IN_PROGRESS'));
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('REQUEST_INVALID_TRANSITION');
    expect(error.message).toBe('诉求当前状态为「已办结」，不能改为「办理中」');
    expect(errorOf(() => nextRequestStatus('IN_PROGRESS', 'RECEIVED')).code).toBe('CONFLICT');
    expect(errorOf(() => nextRequestStatus('IN_PROGRESS', 'IN_PROGRESS')).code).toBe('CONFLICT');
  });
});

describe('a request must get feedback within 7 days', () => {
  it('is due 7 days after it was received', () => {
    expect(requestDueOn('2026-05-28', DEFAULT_SETTINGS)).toBe('2026-06-04');
  });

  it('is overdue the day after its due day unless resolved', () => {
    const request = { status: 'IN_PROGRESS' as const, receivedOn: '2026-05-28' };
    expect(isRequestOverdue(request, '2026-06-04', DEFAULT_SETTINGS)).toBe(false);
    expect(isRequestOverdue(request, '2026-06-05', DEFAULT_SETTINGS)).toBe(true);
    expect(isRequestOverdue({ ...request, status: 'RECEIVED' }, '2026-06-05', DEFAULT_SETTINGS)).toBe(true);
    expect(isRequestOverdue({ ...request, status: 'RESOLVED' }, '2026-07-01', DEFAULT_SETTINGS)).toBe(false);
    expect(isRequestOverdue(request, '2026-06-01', resolveSettings({ requestDueDays: 3 }))).toBe(true);
  });
});

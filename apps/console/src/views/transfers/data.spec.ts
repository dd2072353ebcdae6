import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  duesMonth,
  exportParams,
  letterExpired,
  orderActions,
  stepOfFields,
  stepPosition,
  toTransferFilter,
  validateToOrganizationName,
  validateTransferReason,
  validateUpstreamCode,
} from './data';

const blank = { list: 'TODO', search: '', status: [], direction: '', kind: [], organizationId: '', overdue: false, size: 20 };

describe('transfer lists and filters', () => {
  it('sends the tab as the work list, and nothing for all transfers', () => {
    expect(toTransferFilter(blank)).toEqual({ workList: 'TODO' });
    expect(toTransferFilter({ ...blank, list: 'ALL', search: ' 王 ', kind: ['PAPER'], overdue: true })).toEqual({
      search: '王',
      kind: ['PAPER'],
      overdue: true,
    });
  });

  it('exports what the list shows', () => {
    expect(exportParams(toTransferFilter({ ...blank, list: 'UPCOMING', direction: 'INCOMING' }))).toMatchObject({ workList: 'UPCOMING', direction: 'INCOMING' });
  });
});

describe('the state of a transfer', () => {
  it('shows the forward steps before the exits', () => {
    expect(orderActions(['RETURN', 'WITHDRAW', 'APPROVE'])).toEqual(['APPROVE', 'RETURN', 'WITHDRAW']);
  });

  it('places a transfer on the main road, and marks where it left it', () => {
    expect(stepPosition('IN_TRANSIT', [])).toEqual({ active: 2, stopped: false });
    expect(stepPosition('COMPLETED', [])).toEqual({ active: 5, stopped: false });
    expect(stepPosition('RETURNED', [{ status: 'PENDING_APPROVAL' }])).toEqual({ active: 1, stopped: true });
    expect(stepPosition('EXPIRED', [{ status: 'PENDING_APPROVAL' }, { status: 'APPROVED' }, { status: 'IN_TRANSIT' }])).toEqual({ active: 2, stopped: true });
  });

  it('calls a letter expired only after its last valid day and while the member is not received', () => {
    expect(letterExpired({ letterExpiresOn: '2026-11-25', status: 'IN_TRANSIT' }, '2026-11-26')).toBe(true);
    expect(letterExpired({ letterExpiresOn: '2026-11-26', status: 'IN_TRANSIT' }, '2026-11-26')).toBe(false);
    expect(letterExpired({ letterExpiresOn: '2026-11-25', status: 'RECEIVED' }, '2026-11-26')).toBe(false);
  });
});

describe('the transfer-out wizard', () => {
  it('checks as createTransferOut does', () => {
    expect(validateToOrganizationName('  ')).toBe('REQUIRED');
    expect(validateToOrganizationName('某'.repeat(101))).toBe('TOO_LONG');
    expect(validateToOrganizationName('郑州市金水区文化路街道北林路社区党委')).toBeNull();
    expect(validateUpstreamCode('')).toBeNull();
    expect(validateUpstreamCode('41010200600')).toBe('UPSTREAM_CODE_FORMAT');
    expect(validateUpstreamCode('410102006008')).toBeNull();
    expect(validateTransferReason('')).toBe('REQUIRED');
    expect(validateTransferReason('x'.repeat(501))).toBe('TOO_LONG');
  });

  it('sends the person back to the step of the field the server refused', () => {
    expect(stepOfFields(['toOrganizationUpstreamId'])).toBe(1);
    expect(stepOfFields(['reason', 'memberId'])).toBe(0);
    expect(stepOfFields(['something'])).toBe(3);
  });
});

describe('the printed letter', () => {
  it('writes dates the Chinese way and leaves blanks when unknown', () => {
    expect(chineseDate('2026-03-07')).toEqual({ year: '2026', month: '3', day: '7' });
    expect(chineseDate(null)).toEqual({ year: '', month: '', day: '' });
    expect(duesMonth('2026-10')).toEqual({ year: '2026', month: '10' });
    expect(duesMonth(undefined)).toEqual({ year: '', month: '' });
  });
});

import { describe, expect, it } from 'vitest';
import { placeTransfer, transferLetterExpiresOn } from './transfers.js';

const ours = new Map([
  ['410104001000', '1'],
  ['410104001003', '7'],
]);

describe('placeTransfer', () => {
  it('is OUTGOING and owned by the sender when the sender is in our tree', () => {
    expect(
      placeTransfer({ fromOrganizationId: '410104001003', toOrganizationId: '410105000001' }, ours),
    ).toEqual({
      direction: 'OUTGOING',
      organizationId: '7',
    });
  });

  it('is INCOMING and owned by the receiver otherwise', () => {
    expect(
      placeTransfer({ fromOrganizationId: '410105000001', toOrganizationId: '410104001003' }, ours),
    ).toEqual({
      direction: 'INCOMING',
      organizationId: '7',
    });
    expect(placeTransfer({ fromOrganizationId: '410105000001', toOrganizationId: null }, ours)).toEqual({
      direction: 'INCOMING',
      organizationId: null,
    });
  });
});

describe('transferLetterExpiresOn', () => {
  it('is the last valid day of an issued letter, counting the issue day', () => {
    expect(transferLetterExpiresOn({ letterIssuedOn: '2026-06-01', letterValidDays: 30 })).toBe('2026-06-30');
  });

  it('is empty until a letter is issued', () => {
    expect(transferLetterExpiresOn({ letterIssuedOn: null, letterValidDays: null })).toBeNull();
    expect(transferLetterExpiresOn({ letterIssuedOn: '2026-06-01', letterValidDays: null })).toBeNull();
  });
});

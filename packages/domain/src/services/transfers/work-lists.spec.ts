import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../rules/settings.js';
import { actionsForUs, isOurTurn, upcomingWindow, workListPairs } from './work-lists.js';

describe('the transfer work lists', () => {
  it('待办: our next step — approving and issuing for our members leaving, receiving and the receipt for those arriving', () => {
    expect(workListPairs('TODO')).toEqual(
      expect.arrayContaining([
        ['OUTGOING', 'PENDING_APPROVAL'],
        ['OUTGOING', 'APPROVED'],
        ['OUTGOING', 'RETURNED'],
        ['OUTGOING', 'EXPIRED'],
        ['INCOMING', 'IN_TRANSIT'],
        ['INCOMING', 'RECEIVED'],
      ]),
    );
    expect(isOurTurn('OUTGOING', 'IN_TRANSIT')).toBe(false);
    expect(isOurTurn('INCOMING', 'PENDING_APPROVAL')).toBe(false);
  });

  it('未办结: our step is done and the far side has not finished — an outgoing letter in transit', () => {
    const unfinished = workListPairs('UNFINISHED');
    expect(unfinished).toContainEqual(['OUTGOING', 'IN_TRANSIT']);
    expect(unfinished).toContainEqual(['INCOMING', 'APPROVED']);
    expect(unfinished).not.toContainEqual(['OUTGOING', 'COMPLETED']);
    const todo = workListPairs('TODO').map((pair) => pair.join());
    expect(unfinished.some((pair) => todo.includes(pair.join()))).toBe(false);
  });

  it('即将办理: letters expiring within 7 days, receipts due within 7 days', () => {
    expect(upcomingWindow('2026-03-01', DEFAULT_SETTINGS)).toEqual({ lettersUntil: '2026-03-08', receivedOnOrBefore: '2026-02-06' });
  });

  it('offers only the actions of our side', () => {
    expect(actionsForUs('OUTGOING', 'IN_TRANSIT')).toEqual(['REVOKE']);
    expect(actionsForUs('INCOMING', 'IN_TRANSIT')).toEqual(['RECEIVE', 'RETURN']);
    expect(actionsForUs('INCOMING', 'PENDING_APPROVAL')).toEqual([]);
  });
});

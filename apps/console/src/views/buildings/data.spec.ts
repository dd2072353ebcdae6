import { describe, expect, it } from 'vitest';
import { canMove, durationParts, elapsedMinutes, toRequestFilter } from './data';

describe('the requests board', () => {
  it('lets a card go only where its request can go next', () => {
    expect(canMove({ status: 'RECEIVED', allowedStatuses: ['IN_PROGRESS', 'RESOLVED'] }, 'IN_PROGRESS')).toBe(true);
    expect(canMove({ status: 'IN_PROGRESS', allowedStatuses: ['RESOLVED'] }, 'RECEIVED')).toBe(false);
    expect(canMove({ status: 'RESOLVED', allowedStatuses: [] }, 'RESOLVED')).toBe(false);
  });

  it('says how long a request took in its two largest units', () => {
    expect(elapsedMinutes('2026-11-23T01:00:00Z', '2026-11-26T07:30:00Z')).toBe(3 * 24 * 60 + 6 * 60 + 30);
    expect(durationParts(3 * 24 * 60 + 6 * 60 + 30)).toEqual({ unit: 'days', a: 3, b: 6 });
    expect(durationParts(125)).toEqual({ unit: 'hours', a: 2, b: 5 });
    expect(durationParts(42)).toEqual({ unit: 'minutes', a: 42, b: 0 });
    expect(elapsedMinutes('2026-11-23T01:00:00Z', null, Date.parse('2026-11-23T01:10:00Z'))).toBe(10);
  });

  it('keeps the filters of the board in the request filter', () => {
    expect(toRequestFilter({ buildingId: '2', category: [], search: '', from: '', to: '', overdue: true })).toEqual({ buildingId: '2', overdue: true });
  });
});

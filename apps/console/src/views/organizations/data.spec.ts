import { describe, expect, it } from 'vitest';
import { complianceRows, tabFrom, termState } from './data';

describe('an organisation’s page', () => {
  it('opens the tab the link names, the overview otherwise', () => {
    expect(tabFrom('elections')).toBe('elections');
    expect(tabFrom('nonsense')).toBe('overview');
    expect(tabFrom(undefined)).toBe('overview');
  });

  it('warns before a term ends and says when it has', () => {
    expect(termState('2026-12-18', '2026-11-26')).toEqual({ state: 'ENDING', days: 22 });
    expect(termState('2027-12-18', '2026-11-26').state).toBe('RUNNING');
    expect(termState('2026-11-25', '2026-11-26').state).toBe('ENDED');
  });

  it('lists each meeting type it is assessed on, its periods in time order', () => {
    const rows = complianceRows(
      [
        { type: 'PARTY_LECTURE', period: '2026-Q2', start: '2026-04-01', status: 'MET', meetingCount: 1 },
        { type: 'BRANCH_ASSEMBLY', period: '2026-Q1', start: '2026-01-01', status: 'MISSED', meetingCount: 0 },
        { type: 'PARTY_LECTURE', period: '2026-Q1', start: '2026-01-01', status: 'MET', meetingCount: 2 },
      ],
      ['BRANCH_ASSEMBLY', 'BRANCH_COMMITTEE_MEETING', 'PARTY_LECTURE'],
    );
    expect(rows.map((row) => [row.type, row.cells.map((cell) => cell.period)])).toEqual([
      ['BRANCH_ASSEMBLY', ['2026-Q1']],
      ['PARTY_LECTURE', ['2026-Q1', '2026-Q2']],
    ]);
  });
});

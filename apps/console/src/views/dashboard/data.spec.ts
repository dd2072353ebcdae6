import { describe, expect, it } from 'vitest';
import { ageBands, complianceHeatmap, latestCommunityElections, monthsBetween } from './data';

describe('the dashboard charts', () => {
  it('takes each community organisation’s latest election, not its branches’', () => {
    const community = { id: '2', category: 'COMMUNITY', parent: { category: 'SUBDISTRICT' } };
    const branch = { id: '30', category: 'COMMUNITY', parent: { category: 'COMMUNITY' } };
    const elections = [
      { id: 'a', electedOn: '2016-12-01', organization: community },
      { id: 'b', electedOn: '2021-12-18', organization: community },
      { id: 'c', electedOn: '2022-01-05', organization: branch },
    ];
    expect(latestCommunityElections(elections).map((election) => election.id)).toEqual(['b']);
  });

  it('bands ages as the cadre reports do', () => {
    expect(ageBands([30, 31, 35, 36, 51]).map((band) => band.count)).toEqual([1, 2, 1, 0, 0, 1]);
  });

  it('judges each obligation in the month its period ends; red beats amber beats green', () => {
    expect(monthsBetween('2025-11-27', '2026-02-03')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    const data = complianceHeatmap({
      from: '2025-12-01',
      to: '2026-01-31',
      branches: [
        {
          organizationName: '甲支部',
          missedCount: 0,
          entries: [
            { end: '2025-12-31', status: 'MET' },
            { end: '2026-01-31', status: 'OPEN' },
          ],
        },
        {
          organizationName: '乙支部',
          missedCount: 1,
          entries: [
            { end: '2025-12-31', status: 'MET' },
            { end: '2025-12-31', status: 'MISSED' },
          ],
        },
      ],
    });
    expect(data.branches).toEqual(['乙支部', '甲支部']);
    expect(data.cells).toEqual([
      [0, 0, 0, 1, 0, 1],
      [0, 1, 2, 1, 0, 0],
      [1, 1, 1, 0, 1, 0],
    ]);
  });
});

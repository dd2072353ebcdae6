import { describe, expect, it } from 'vitest';
import { exportParams, partyStanding, searchProblem, toMemberFilter } from './data';

const blank = { search: '', organizationId: '', includeDescendants: true, status: [], gender: '', education: [], flags: [], size: 20 };

describe('members filters', () => {
  it('sends only what is set; descendants only with an organisation', () => {
    expect(toMemberFilter({ ...blank, search: ' 张 ' })).toEqual({ search: '张' });
    expect(toMemberFilter({ ...blank, organizationId: '17', includeDescendants: false, status: ['FULL'] })).toEqual({
      organizationId: '17',
      includeDescendants: false,
      status: ['FULL'],
    });
  });

  it('passes gender, education and flags on to the list and to the export', () => {
    const filter = toMemberFilter({ ...blank, gender: 'FEMALE', education: ['UNDERGRADUATE', 'POSTGRADUATE'], flags: ['MOBILE'] });
    expect(filter).toEqual({ gender: 'FEMALE', education: ['UNDERGRADUATE', 'POSTGRADUATE'], flags: ['MOBILE'] });
    expect(exportParams(filter)).toMatchObject({ gender: 'FEMALE', education: ['UNDERGRADUATE', 'POSTGRADUATE'], flags: ['MOBILE'] });
    // Without an organisation the export must not narrow by descendants.
    expect(exportParams(toMemberFilter(blank)).includeDescendants).toBeUndefined();
  });

  it('checks a whole id card number before searching for it', () => {
    expect(searchProblem('410102199003071231')).toBe('ID_CARD_CHECK_DIGIT');
    expect(searchProblem('410102199003071230')).toBeNull();
    expect(searchProblem('张三')).toBeNull();
    expect(searchProblem('1234')).toBeNull();
  });

  it('counts Party standing in whole years from becoming a full member', () => {
    expect(partyStanding('2015-07-01', '2026-06-30')).toBe(10);
    expect(partyStanding('2015-07-01', '2026-07-01')).toBe(11);
    expect(partyStanding(null, '2026-07-01')).toBeNull();
  });
});

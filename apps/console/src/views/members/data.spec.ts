import { describe, expect, it } from 'vitest';
import { searchProblem, toMemberFilter } from './data';

describe('members filters', () => {
  it('sends only what is set; descendants only with an organisation', () => {
    expect(toMemberFilter({ search: ' 张 ', organizationId: '', includeDescendants: true, status: [], size: 20 })).toEqual({ search: '张' });
    expect(toMemberFilter({ search: '', organizationId: '17', includeDescendants: false, status: ['FULL'], size: 20 })).toEqual({
      organizationId: '17',
      includeDescendants: false,
      status: ['FULL'],
    });
  });

  it('checks a whole id card number before searching for it', () => {
    expect(searchProblem('410102199003071231')).toBe('ID_CARD_CHECK_DIGIT');
    expect(searchProblem('410102199003071230')).toBeNull();
    expect(searchProblem('张三')).toBeNull();
    expect(searchProblem('1234')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { blankItems, itemProblems, isXlsxFile, needsFollowUp, problemsByRow, toUnitFilter, toVisitFilter, unitCoverage, visitItems } from './data';

describe('the survey of units', () => {
  const blank = { search: '', category: [], organizationId: '', surveyed: '', coverage: '', needsOwn: false, size: 20 };

  it('turns the list filters into the gateway filter', () => {
    expect(toUnitFilter(blank)).toEqual({});
    expect(toUnitFilter({ ...blank, surveyed: 'no', coverage: 'covered', needsOwn: true, category: ['SOCIAL_ORGANIZATION'] })).toEqual({
      surveyed: false,
      organizationCovered: true,
      needsOwnOrganization: true,
      category: ['SOCIAL_ORGANIZATION'],
    });
  });

  it('says how a unit is covered, "应建未建" first', () => {
    expect(unitCoverage({ organizationId: null, jointBranchOrganizationId: null, needsOwnOrganization: true })).toBe('NEEDS_OWN');
    expect(unitCoverage({ organizationId: '7', jointBranchOrganizationId: null, needsOwnOrganization: false })).toBe('OWN');
    expect(unitCoverage({ organizationId: null, jointBranchOrganizationId: '8', needsOwnOrganization: false })).toBe('JOINT');
    expect(unitCoverage({ organizationId: null, jointBranchOrganizationId: null, needsOwnOrganization: false })).toBe('UNCOVERED');
  });

  it('groups an import report by row, in row order', () => {
    const problems = [
      { row: 5, column: '单位名称', field: 'name', reason: 'REQUIRED', message: 'a' },
      { row: 3, column: '统一社会信用代码', field: 'creditCode', reason: 'X', message: 'b' },
      { row: 5, column: null, field: null, reason: 'Y', message: 'c' },
    ];
    expect(problemsByRow(problems).map((row) => [row.row, row.problems.length])).toEqual([
      [3, 1],
      [5, 2],
    ]);
    expect(isXlsxFile('单位排查.XLSX')).toBe(true);
    expect(isXlsxFile('单位排查.xls')).toBe(false);
  });
});

describe('a guidance visit', () => {
  it('records only the items looked at, in the order of the four', () => {
    const drafts = blankItems();
    drafts[2].state = 'NOT_DONE';
    drafts[2].note = ' 制度未上墙 ';
    drafts[0].state = 'GOOD';
    expect(visitItems(drafts)).toEqual([
      { item: 'RELATION_TRANSFER', state: 'GOOD', note: null },
      { item: 'RULES_POSTED', state: 'NOT_DONE', note: '制度未上墙' },
    ]);
    expect(needsFollowUp(drafts)).toBe(true);
  });

  it('shows an item the server refused at that item, whatever its place in what was sent', () => {
    const sent = [{ item: 'RELATION_TRANSFER' as const }, { item: 'RULES_POSTED' as const }];
    expect(itemProblems({ 'items[1].note': '太长', visitedOn: 'x' }, sent)).toEqual({ RULES_POSTED: '太长' });
  });

  it('filters visits by date range and overdue follow-ups', () => {
    expect(toVisitFilter({ instructorId: '', organizationId: '3', from: '2026-01-01', to: '2026-03-31', overdue: true, size: 20 })).toEqual({
      organizationId: '3',
      visitedFrom: '2026-01-01',
      visitedTo: '2026-03-31',
      followUpOverdue: true,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { exportQuery, fileNameFrom } from './export-query';

describe('export downloads', () => {
  it('writes only the filters that are set, lists comma-joined and flags as 1/0', () => {
    expect(exportQuery({ search: '王', status: ['FULL', 'PROBATIONARY'], overdue: true, includeDescendants: false, organizationId: '', kind: [] })).toBe(
      '?search=%E7%8E%8B&status=FULL%2CPROBATIONARY&overdue=1&includeDescendants=0',
    );
    expect(exportQuery({})).toBe('');
  });

  it('keeps the Chinese file name the gateway gives', () => {
    const header = `attachment; filename="export-2026-11-26.xlsx"; filename*=UTF-8''${encodeURIComponent('党员名单-2026-11-26.xlsx')}`;
    expect(fileNameFrom(header, 'x.xlsx')).toBe('党员名单-2026-11-26.xlsx');
    expect(fileNameFrom('attachment; filename="plain.xlsx"', 'x.xlsx')).toBe('plain.xlsx');
    expect(fileNameFrom(null, 'x.xlsx')).toBe('x.xlsx');
  });
});

import { describe, expect, it } from 'vitest';
import { newestById } from './records.js';
import { caseUpdate, chunks, guardedUpsert } from './sql.js';

describe('guardedUpsert', () => {
  const { sql, params } = guardedUpsert(
    'member',
    ['upstream_id', 'upstream_version', 'name', 'sync_state'],
    [
      ['m1', 3, '张三', 'SYNCED'],
      ['m2', 1, '李四', 'SYNCED'],
    ],
    { keep: ['sync_state'], extraGuard: "`sync_state` <> 'PENDING_PUSH'" },
  );

  it('is one statement for all rows', () => {
    expect(sql.match(/\(\?, \?, \?, \?\)/g)).toHaveLength(2);
    expect(params).toEqual(['m1', 3, '张三', 'SYNCED', 'm2', 1, '李四', 'SYNCED']);
  });

  it('changes a row only for a newer version, and assigns the version last', () => {
    const update = sql.slice(sql.indexOf('ON DUPLICATE KEY UPDATE'));
    expect(update).toContain('`upstream_version` < VALUES(`upstream_version`)');
    expect(update).toContain("`sync_state` <> 'PENDING_PUSH'");
    expect(update.lastIndexOf('`upstream_version` = IF(')).toBeGreaterThan(update.indexOf('`name` = IF('));
    expect(update).not.toContain('`sync_state` = IF(');
    expect(update).not.toContain('`upstream_id` = IF(');
  });

  it('refuses a table without a version column', () => {
    expect(() => guardedUpsert('member', ['upstream_id', 'name'], [['m1', 'x']])).toThrow(/upstream_version/);
  });
});

describe('helpers', () => {
  it('caseUpdate sets each row its own value', () => {
    const { sql, params } = caseUpdate('organization', ['1', '2'], { path: ['/1/', '/1/2/'] });
    expect(sql).toContain('CASE `id` WHEN ? THEN ? WHEN ? THEN ?');
    expect(params).toEqual(['1', '/1/', '2', '/1/2/', '1', '2']);
  });

  it('chunks splits without losing items', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('newestById keeps the highest version of a repeated record', () => {
    const newest = newestById([
      { id: 'a', version: 2 },
      { id: 'b', version: 1 },
      { id: 'a', version: 5 },
      { id: 'a', version: 3 },
    ]);
    expect(newest).toEqual([
      { id: 'a', version: 5 },
      { id: 'b', version: 1 },
    ]);
  });
});

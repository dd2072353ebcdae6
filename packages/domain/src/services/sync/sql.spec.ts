import { describe, expect, it } from 'vitest';
import { newestById } from './records.js';
import { caseUpdate, chunks, guardedUpsert, keyedUpdate } from './sql.js';

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

  it('builds the text of a shape once, and keeps shapes of other row counts or guards apart', () => {
    const columns = ['upstream_id', 'upstream_version', 'name'];
    const a = guardedUpsert('member', columns, [['m1', 1, '甲']]);
    const b = guardedUpsert('member', columns, [['m2', 2, '乙']]);
    expect(b.sql).toBe(a.sql);
    expect(b.params).toEqual(['m2', 2, '乙']);
    const two = guardedUpsert('member', columns, [
      ['m1', 1, '甲'],
      ['m2', 2, '乙'],
    ]);
    expect(two.sql.match(/\(\?, \?, \?\)/g)).toHaveLength(2);
    const guarded = guardedUpsert('member', columns, [['m1', 1, '甲']], { extraGuard: "`name` <> 'x'" });
    expect(guarded.sql).toContain("`name` <> 'x'");
    expect(guardedUpsert('member', columns, [['m1', 1, '甲']]).sql).not.toContain("`name` <> 'x'");
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

  it('keyedUpdate joins each row to its own values by a numeric key', () => {
    const { sql, params } = keyedUpdate('organization', ['7', '12'], {
      path: ['/7/', '/7/12/'],
      depth: [0, 1],
    });
    expect(sql).toBe(
      'UPDATE `organization` `t` JOIN (SELECT ? AS `id`, ? AS `path`, ? AS `depth` UNION ALL SELECT ?, ?, ?) `v` ' +
        'ON `t`.`id` = `v`.`id` SET `t`.`path` = `v`.`path`, `t`.`depth` = `v`.`depth`',
    );
    expect(params).toEqual([7, '/7/', 0, 12, '/7/12/', 1]);
    expect(() => keyedUpdate('organization', ['x1'], { depth: [0] })).toThrow(/integer key/);
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

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors/domain-error.js';
import { normalizeScope, scopeSql } from './data-scope.js';
import { checkPageSize, decodeCursor, encodeCursor, keysetCondition, type Ordering } from './pagination.js';
import { checkPasswordRules } from './password-rules.js';
import { API_KEY_PERMISSIONS, Permission, ROLE_PERMISSIONS } from './permissions.js';
import { normalizeId, scopedSelect, scopedSource } from './scoped-query.js';
import { sql, sqlList } from './sql.js';

describe('the SQL helper', () => {
  it('turns every interpolated value into a parameter', () => {
    const statement = sql`SELECT * FROM member m WHERE m.name = ${"x' OR 1=1 --"} AND m.id IN (${sqlList(['1', '2'])})`;
    expect(statement.text).toBe('SELECT * FROM member m WHERE m.name = ? AND m.id IN (?, ?)');
    expect(statement.params).toEqual(["x' OR 1=1 --", '1', '2']);
    expect(sqlList([]).text).toBe('NULL');
  });
});

describe('the data scope', () => {
  it('keeps only the tops of overlapping subtrees', () => {
    expect(normalizeScope({ all: false, organizationPaths: ['/1/4/17/', '/1/4/', '/1/5/', '/1/4/'] })).toEqual({
      all: false,
      organizationPaths: ['/1/4/', '/1/5/'],
    });
  });

  it('filters every scoped table through the organisation path, with parameters', () => {
    const scoped = scopedSource('member', 'm', { all: false, organizationPaths: ['/1/4/'] });
    expect(scoped.from.text).toBe('`member` m JOIN organization m_scope ON m_scope.id = m.organization_id');
    expect(scoped.where.text).toBe('(m.deleted_at IS NULL) AND ((m_scope.path LIKE ?))');
    expect(scoped.where.params).toEqual(['/1/4/%']);
    // The whole district needs no join.
    expect(scopedSource('transfer', 't', { all: true }).from.text).toBe('`transfer` t');
    // No scope at all sees nothing.
    expect(scopeSql('o.path', { all: false, organizationPaths: [] }).text).toBe('1=0');
    const select = scopedSelect({ table: 'organization', alias: 'o', scope: { all: true }, columns: sql`o.id`, limit: 1, forUpdate: true });
    expect(select.text).toBe('SELECT o.id FROM `organization` o WHERE ((o.deleted_at IS NULL) AND (1=1)) LIMIT 1 FOR UPDATE');
  });

  it('refuses anything that is not an id without asking the database', () => {
    expect(normalizeId('42')).toBe('42');
    expect(normalizeId('042')).toBeNull();
    expect(normalizeId('1 OR 1=1')).toBeNull();
    expect(normalizeId('99999999999999999999999')).toBeNull();
  });
});

describe('pagination', () => {
  const ordering: Ordering<{ name: string; id: string }> = {
    name: 'NAME',
    keys: [
      { column: 'm.name', property: 'name', direction: 'ASC' },
      { column: 'm.id', property: 'id', direction: 'ASC' },
    ],
  };

  it('allows pages of 0 to 100 rows', () => {
    expect(checkPageSize(undefined)).toBe(20);
    expect(checkPageSize(100)).toBe(100);
    expect(() => checkPageSize(101)).toThrow(DomainError);
    expect(() => checkPageSize(-1)).toThrow(/每页条数/);
  });

  it('round-trips a cursor and refuses one of another ordering', () => {
    const cursor = encodeCursor(ordering, { name: '张三', id: '7' });
    expect(decodeCursor(ordering, cursor)).toEqual(['张三', '7']);
    expect(() => decodeCursor({ ...ordering, name: 'ID' }, cursor)).toThrow(/分页游标无效/);
    expect(() => decodeCursor(ordering, 'not base64 json')).toThrow(/分页游标无效/);
  });

  it('continues strictly after the last row', () => {
    const condition = keysetCondition(ordering, ['张三', '7']);
    expect(condition.text).toBe('((m.name > ?)) OR ((m.name = ?) AND (m.id > ?))');
    expect(condition.params).toEqual(['张三', '张三', '7']);
  });
});

describe('password rules', () => {
  it('want ten characters of three kinds, not built on the username', () => {
    expect(checkPasswordRules('Strong-Passw0rd', 'alice')).toEqual([]);
    expect(checkPasswordRules('short1A', 'alice').map((p) => p.reason)).toEqual(['PASSWORD_TOO_SHORT']);
    expect(checkPasswordRules('alllowercase', 'alice').map((p) => p.reason)).toEqual(['PASSWORD_TOO_SIMPLE']);
    expect(checkPasswordRules('Alice-2024-xyz', 'alice').map((p) => p.reason)).toEqual(['PASSWORD_CONTAINS_USERNAME']);
  });
});

describe('the permission table', () => {
  it('never lets an API key or a viewer see full personal data or change anything', () => {
    for (const permissions of [API_KEY_PERMISSIONS, ROLE_PERMISSIONS.VIEWER]) {
      expect(permissions).not.toContain(Permission.REVEAL_PII);
      expect(permissions).not.toContain(Permission.MANAGE_TRANSFERS);
    }
    expect(ROLE_PERMISSIONS.COMMUNITY_ADMIN).toContain(Permission.REVEAL_PII);
    expect(ROLE_PERMISSIONS.COMMUNITY_ADMIN).not.toContain(Permission.READ_AUDIT_LOG);
    expect(ROLE_PERMISSIONS.DISTRICT_ADMIN).toContain(Permission.MANAGE_API_KEYS);
  });
});

import { describe, expect, it } from 'vitest';
import { buildMenu, can, type MenuSource } from './access';

const routes: MenuSource[] = [
  { path: 'members', name: 'members', meta: { titleKey: 'menu.members', order: 3 } },
  { path: 'dashboard', name: 'dashboard', meta: { titleKey: 'menu.dashboard', order: 1 } },
  { path: 'sync', name: 'sync', meta: { titleKey: 'menu.sync', access: 'READ_SYNC', order: 5 } },
  { path: '403', name: 'forbidden', meta: { titleKey: 'menu.forbidden', hideInMenu: true } },
  {
    path: 'system',
    name: 'system',
    meta: { titleKey: 'menu.system', order: 9 },
    children: [
      { path: 'users', name: 'users', meta: { titleKey: 'menu.users', access: 'MANAGE_USERS' } },
      { path: 'audit-logs', name: 'audit-logs', meta: { titleKey: 'menu.auditLogs', access: ['DISTRICT_ADMIN'] } },
    ],
  },
];

describe('role-based menu', () => {
  it('gives a district admin everything, in order, with full paths', () => {
    const menu = buildMenu(routes, 'DISTRICT_ADMIN');
    expect(menu.map((entry) => entry.path)).toEqual(['/dashboard', '/members', '/sync', '/system']);
    expect(menu[3].children.map((entry) => entry.path)).toEqual(['/system/users', '/system/audit-logs']);
  });

  it('hides what a community admin may not open, and an empty group with it', () => {
    const menu = buildMenu(routes, 'COMMUNITY_ADMIN');
    expect(menu.map((entry) => entry.name)).toEqual(['dashboard', 'members', 'sync']);
  });

  it('a viewer sees only the open pages', () => {
    expect(buildMenu(routes, 'VIEWER').map((entry) => entry.name)).toEqual(['dashboard', 'members']);
  });

  it('can() accepts a permission name or a role list; no role, no access', () => {
    expect(can('COMMUNITY_ADMIN', 'REVEAL_PII')).toBe(true);
    expect(can('VIEWER', 'REVEAL_PII')).toBe(false);
    expect(can('INSTRUCTOR', ['INSTRUCTOR'])).toBe(true);
    expect(can(undefined, 'REVEAL_PII')).toBe(false);
    expect(can(undefined, undefined)).toBe(true);
  });
});

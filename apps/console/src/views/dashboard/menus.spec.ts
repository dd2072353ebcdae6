import { describe, expect, it } from 'vitest';
import { appRoutes } from '@/router/routes';
import { buildMenu, type MenuSource } from '@/utils/access';
import type { Role } from '@/api/types';

// Whose daily work each area is: the menu a role sees (the gateway still checks every request).
const AREAS = ['transfers', 'non-public', 'buildings', 'sync', 'system'];
const EXPECTED: Record<Role, string[]> = {
  DISTRICT_ADMIN: ['transfers', 'sync', 'non-public', 'buildings', 'system'],
  COMMUNITY_ADMIN: ['transfers', 'sync', 'non-public', 'buildings'],
  INSTRUCTOR: ['non-public'],
  STATION_STAFF: ['buildings'],
  VIEWER: ['transfers', 'non-public', 'buildings'],
};

describe.each(Object.entries(EXPECTED) as [Role, string[]][])('the menu of %s', (role, expected) => {
  it('shows the areas of the role and no others', () => {
    const names = buildMenu(appRoutes as MenuSource[], role).map((entry) => entry.name);
    expect(names.filter((name) => AREAS.includes(name))).toEqual(expected);
    expect(names).toEqual(expect.arrayContaining(['dashboard', 'organizations', 'members']));
  });
});

it('lists the pages of the non-public and buildings areas in their order', () => {
  const menu = buildMenu(appRoutes as MenuSource[], 'DISTRICT_ADMIN');
  expect(menu.find((entry) => entry.name === 'non-public')?.children.map((entry) => entry.path)).toEqual([
    '/non-public/units',
    '/non-public/branches',
    '/non-public/instructors',
    '/non-public/guidance',
    '/non-public/board',
  ]);
  expect(menu.find((entry) => entry.name === 'buildings')?.children.map((entry) => entry.path)).toEqual(['/buildings/list', '/buildings/requests']);
});

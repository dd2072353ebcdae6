import type { Role } from '@/api/types';

/**
 * Who sees which menu entries and buttons. This only shapes the screen: the gateway checks every
 * request again, so a button shown by mistake still cannot do what the role may not.
 */
export const PERMISSIONS = {
  REVEAL_PII: ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN'],
  READ_SYNC: ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN'],
  REQUEST_SYNC: ['DISTRICT_ADMIN'],
  MANAGE_USERS: ['DISTRICT_ADMIN'],
  MANAGE_API_KEYS: ['DISTRICT_ADMIN'],
  READ_AUDIT_LOG: ['DISTRICT_ADMIN'],
  // The gateway's permission table (ROLE_PERMISSIONS), for the buttons that change things.
  MANAGE_TRANSFERS: ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN'],
  MANAGE_WORK: ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN', 'INSTRUCTOR', 'STATION_STAFF'],
  MANAGE_ELECTIONS: ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN'],
  EXPORT: ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN', 'INSTRUCTOR', 'STATION_STAFF'],
  // Whose daily work a menu area is: instructors guide branches, station staff serve buildings.
  VIEW_TRANSFERS: ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN', 'VIEWER'],
  VIEW_NON_PUBLIC: ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN', 'INSTRUCTOR', 'VIEWER'],
  VIEW_BUILDINGS: ['DISTRICT_ADMIN', 'COMMUNITY_ADMIN', 'STATION_STAFF', 'VIEWER'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What `v-access` and route meta accept: a permission name, or the roles that may. */
export type AccessRequirement = Permission | readonly Role[] | undefined;

export function rolesFor(requirement: AccessRequirement): readonly Role[] | undefined {
  if (requirement === undefined) return undefined;
  return typeof requirement === 'string' ? PERMISSIONS[requirement] : requirement;
}

export function can(role: Role | undefined | null, requirement: AccessRequirement): boolean {
  const roles = rolesFor(requirement);
  if (!roles) return true;
  return role ? roles.includes(role) : false;
}

export interface MenuSource {
  path: string;
  name?: string | symbol;
  meta?: { titleKey?: string; hideInMenu?: boolean; access?: AccessRequirement; order?: number };
  children?: MenuSource[];
}

export interface MenuEntry {
  path: string;
  name: string;
  titleKey: string;
  children: MenuEntry[];
}

function join(parent: string, path: string): string {
  if (path.startsWith('/')) return path;
  return `${parent.replace(/\/$/, '')}/${path}`;
}

/**
 * The side menu for a role: entries the role may open, in order; a group without any visible
 * child disappears with them.
 */
export function buildMenu(routes: readonly MenuSource[], role: Role | undefined, parentPath = '/'): MenuEntry[] {
  const entries: MenuEntry[] = [];
  const sorted = [...routes].sort((a, b) => (a.meta?.order ?? 0) - (b.meta?.order ?? 0));
  for (const route of sorted) {
    const meta = route.meta ?? {};
    if (meta.hideInMenu || !meta.titleKey || !can(role, meta.access)) continue;
    const path = join(parentPath, route.path);
    const children = route.children?.length ? buildMenu(route.children, role, path) : [];
    if (route.children?.length && children.length === 0) continue;
    entries.push({ path, name: String(route.name ?? path), titleKey: meta.titleKey, children });
  }
  return entries;
}

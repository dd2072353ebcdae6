import type { Role } from '../../entities/user.entity.js';

/**
 * What a caller may do. Roles map to permissions here and nowhere else; the gateway checks a
 * permission on every operation (`@Allow(Permission.X)`), and the data scope decides which rows.
 */
export const Permission = {
  /** Read organisations, members (masked), transfers, the overview and the work records. */
  READ: 'READ',
  /** See a member's full id card number and phone, with a reason, audited. */
  REVEAL_PII: 'REVEAL_PII',
  /** Create outgoing transfers and act on transfers in scope. */
  MANAGE_TRANSFERS: 'MANAGE_TRANSFERS',
  /** Record elections and committee seats. */
  MANAGE_ELECTIONS: 'MANAGE_ELECTIONS',
  /** Record daily work in scope: lists, meetings, activities, wishes, requests, guidance. */
  MANAGE_WORK: 'MANAGE_WORK',
  /** Download .xlsx exports (personal data masked). */
  EXPORT: 'EXPORT',
  /** See sync runs and their counts. */
  READ_SYNC: 'READ_SYNC',
  /** Start a sync run. */
  REQUEST_SYNC: 'REQUEST_SYNC',
  /** Create users, change their roles, lock and unlock them. */
  MANAGE_USERS: 'MANAGE_USERS',
  /** Create and revoke other teams' API keys. */
  MANAGE_API_KEYS: 'MANAGE_API_KEYS',
  /** Search the audit log. */
  READ_AUDIT_LOG: 'READ_AUDIT_LOG',
  /** Change the local values of the rules (settings). */
  MANAGE_SETTINGS: 'MANAGE_SETTINGS',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
export const PERMISSIONS = Object.values(Permission) as Permission[];

/** The permission table: one row per role. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  DISTRICT_ADMIN: PERMISSIONS,
  COMMUNITY_ADMIN: [
    Permission.READ,
    Permission.REVEAL_PII,
    Permission.MANAGE_TRANSFERS,
    Permission.MANAGE_ELECTIONS,
    Permission.MANAGE_WORK,
    Permission.EXPORT,
    Permission.READ_SYNC,
  ],
  INSTRUCTOR: [Permission.READ, Permission.MANAGE_WORK, Permission.EXPORT],
  STATION_STAFF: [Permission.READ, Permission.MANAGE_WORK, Permission.EXPORT],
  VIEWER: [Permission.READ],
};

/** Another team's service: read-only, personal data always masked (no REVEAL_PII, ever). */
export const API_KEY_PERMISSIONS: readonly Permission[] = [Permission.READ, Permission.EXPORT];

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** 中文 names of the roles, for messages and the console. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  DISTRICT_ADMIN: '区级管理员',
  COMMUNITY_ADMIN: '社区管理员',
  INSTRUCTOR: '党建指导员',
  STATION_STAFF: '楼宇党建指导站工作人员',
  VIEWER: '只读用户',
};

import type { DataSource } from 'typeorm';
import { ROLES, type Role } from '../../entities/user.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import { writeAudit, type Actor } from '../audit/audit.service.js';
import { EMPTY_SCOPE, FULL_SCOPE, inScope, normalizeScope, type DataScope } from './data-scope.js';
import { listInScope, type Connection, type ConnectionNeeds, type CountCache, type Ordering, type PageRequest } from './pagination.js';
import { checkPasswordRules } from './password-rules.js';
import { findInScope, normalizeId } from './scoped-query.js';
import { escapeLike, sqlList, sqlRaw, runSql, sql, type Queryable, type Sql } from './sql.js';

/** A console account as the gateway shows it (never the password hash). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  organizationId: string | null;
  disabled: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  tokenVersion: number;
}

/** The account with what signing in needs. */
export interface LoginRecord extends UserRecord {
  passwordHash: string;
  failedLoginCount: number;
}

const USER_COLUMNS = sqlRaw(
  [
    'u.id AS id',
    'u.username AS username',
    'u.display_name AS displayName',
    'u.role AS role',
    'u.organization_id AS organizationId',
    'u.disabled AS disabled',
    'u.locked_until AS lockedUntil',
    'u.last_login_at AS lastLoginAt',
    'u.created_at AS createdAt',
    'u.token_version AS tokenVersion',
  ].join(', '),
);

function toUser(row: Record<string, unknown>): UserRecord {
  return {
    id: String(row.id),
    username: String(row.username),
    displayName: (row.displayName as string | null) ?? null,
    role: row.role as Role,
    organizationId: row.organizationId === null || row.organizationId === undefined ? null : String(row.organizationId),
    disabled: Boolean(Number(row.disabled)),
    lockedUntil: (row.lockedUntil as Date | null) ?? null,
    lastLoginAt: (row.lastLoginAt as Date | null) ?? null,
    createdAt: row.createdAt as Date,
    tokenVersion: Number(row.tokenVersion ?? 0),
  };
}

/**
 * The data scope of a console user, from their role:
 * - DISTRICT_ADMIN: everything;
 * - COMMUNITY_ADMIN: the subtree of their organisation (their community);
 * - INSTRUCTOR: the branches assigned to them today (instructor_assignment);
 * - STATION_STAFF: the branches of their station's buildings and the organisations of the
 *   enterprises in those buildings;
 * - VIEWER: the subtree of their organisation, or everything when they have none (district level).
 * A user whose organisation is gone sees nothing.
 */
export async function resolveDataScope(
  db: Queryable,
  user: Pick<UserRecord, 'id' | 'role' | 'organizationId'>,
  today: string,
): Promise<DataScope> {
  switch (user.role) {
    case 'DISTRICT_ADMIN':
      return FULL_SCOPE;
    case 'VIEWER':
      if (user.organizationId === null) return FULL_SCOPE;
      return pathsScope(await organizationPaths(db, [user.organizationId]));
    case 'COMMUNITY_ADMIN':
      if (user.organizationId === null) return EMPTY_SCOPE;
      return pathsScope(await organizationPaths(db, [user.organizationId]));
    case 'INSTRUCTOR': {
      const rows = await runSql<{ path: string }>(
        db,
        sql`SELECT DISTINCT o.path AS path
              FROM instructor i
              JOIN instructor_assignment a ON a.instructor_id = i.id
              JOIN organization o ON o.id = a.organization_id AND o.deleted_at IS NULL
             WHERE i.user_id = ${user.id} AND i.deleted_at IS NULL
               AND a.from_on <= ${today} AND (a.to_on IS NULL OR a.to_on >= ${today})`,
      );
      return pathsScope(rows.map((row) => row.path));
    }
    case 'STATION_STAFF': {
      const staffOf = sql`(JSON_CONTAINS(s.staff_user_ids, JSON_QUOTE(${user.id})) OR JSON_CONTAINS(s.staff_user_ids, ${user.id}))`;
      const rows = await runSql<{ path: string }>(
        db,
        sql`SELECT o.path AS path
              FROM building_station s
              JOIN building b ON b.station_id = s.id AND b.deleted_at IS NULL
              JOIN organization o ON o.id = b.branch_organization_id AND o.deleted_at IS NULL
             WHERE s.deleted_at IS NULL AND ${staffOf}
            UNION
            SELECT o.path AS path
              FROM building_station s
              JOIN building b ON b.station_id = s.id AND b.deleted_at IS NULL
              JOIN unit un ON un.building_id = b.id AND un.deleted_at IS NULL
              JOIN organization o ON (o.id = un.organization_id OR o.id = un.joint_branch_organization_id) AND o.deleted_at IS NULL
             WHERE s.deleted_at IS NULL AND ${staffOf}`,
      );
      return pathsScope(rows.map((row) => row.path));
    }
  }
}

function pathsScope(paths: string[]): DataScope {
  return normalizeScope({ all: false, organizationPaths: paths });
}

async function organizationPaths(db: Queryable, ids: string[]): Promise<string[]> {
  const valid = ids.map(normalizeId).filter((id): id is string => id !== null);
  const rows = await runSql<{ path: string }>(
    db,
    sql`SELECT path FROM organization WHERE deleted_at IS NULL AND id IN (${sqlList(valid)})`,
  );
  return rows.map((row) => row.path);
}

export async function getUser(db: Queryable, scope: DataScope, id: string): Promise<UserRecord> {
  const row = await findInScope<Record<string, unknown>>(db, {
    table: 'user',
    alias: 'u',
    scope,
    columns: USER_COLUMNS,
    id,
    what: '用户',
  });
  return toUser(row);
}

/** The account by id, ignoring scope: for the signed-in user themselves (tokens, `me`). */
export async function findUserById(db: Queryable, id: string): Promise<UserRecord | null> {
  const valid = normalizeId(id);
  if (valid === null) return null;
  const [row] = await runSql<Record<string, unknown>>(db, sql`SELECT ${USER_COLUMNS} FROM \`user\` u WHERE u.id = ${valid}`);
  return row ? toUser(row) : null;
}

export async function findLoginRecord(db: Queryable, username: string): Promise<LoginRecord | null> {
  const [row] = await runSql<Record<string, unknown>>(
    db,
    sql`SELECT ${USER_COLUMNS}, u.password_hash AS passwordHash, u.failed_login_count AS failedLoginCount
          FROM \`user\` u WHERE u.username = ${username}`,
  );
  if (!row) return null;
  return { ...toUser(row), passwordHash: String(row.passwordHash), failedLoginCount: Number(row.failedLoginCount) };
}

export interface UserFilter {
  search?: string | null;
  role?: Role[] | null;
  organizationId?: string | null;
}

const USER_ORDERING: Ordering<UserRecord> = {
  name: 'USERNAME',
  keys: [
    { column: 'u.username', property: 'username', direction: 'ASC' },
    { column: 'u.id', property: 'id', direction: 'ASC' },
  ],
};

export async function listUsers(
  db: Queryable,
  scope: DataScope,
  filter: UserFilter,
  page: PageRequest,
  needs?: ConnectionNeeds,
  counts?: CountCache,
): Promise<Connection<UserRecord>> {
  const where: Sql[] = [];
  if (filter.search?.trim()) {
    const text = `${escapeLike(filter.search.trim())}%`;
    where.push(sql`(u.username LIKE ${text} OR u.display_name LIKE ${text})`);
  }
  if (filter.role?.length) where.push(sql`u.role IN (${sqlList(filter.role)})`);
  if (filter.organizationId) where.push(sql`u.organization_id = ${normalizeId(filter.organizationId) ?? '0'}`);
  return listInScope(db, {
    table: 'user',
    alias: 'u',
    scope,
    columns: USER_COLUMNS,
    where,
    ordering: USER_ORDERING,
    page,
    needs,
    counts,
    map: toUser,
  });
}

const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;
const ROLES_NEEDING_ORGANIZATION: readonly Role[] = ['COMMUNITY_ADMIN'];

export interface NewUser {
  username: string;
  /** argon2id PHC string, hashed by the caller (the gateway owns the hashing library). */
  passwordHash: string;
  /** The plain password, only to check the rules; never stored. */
  password: string;
  displayName?: string | null;
  role: Role;
  organizationId?: string | null;
}

/** Checks a new account's fields; throws BAD_USER_INPUT with every problem at once. */
export function checkNewUser(input: Omit<NewUser, 'passwordHash'>, options: { passwordRules?: boolean } = {}): void {
  const problems = new Problems();
  if (!USERNAME.test(input.username)) {
    problems.add('username', 'USERNAME_FORMAT', '用户名应为 3–64 位字母、数字、下划线、点或短横线');
  }
  const passwordProblems = options.passwordRules === false ? [] : checkPasswordRules(input.password, input.username);
  for (const problem of passwordProblems) problems.add(problem.field, problem.reason, problem.message);
  if (!ROLES.includes(input.role)) problems.add('role', 'ROLE_UNKNOWN', '角色无效');
  if (ROLES_NEEDING_ORGANIZATION.includes(input.role) && !input.organizationId) {
    problems.add('organizationId', 'ORGANIZATION_REQUIRED', '社区管理员必须指定所属党组织');
  }
  if (input.displayName && input.displayName.length > 50) {
    problems.add('displayName', 'DISPLAY_NAME_TOO_LONG', '姓名不能超过 50 个字符');
  }
  problems.throwIfAny();
}

/**
 * Creates a console account in one transaction with its audit row (GRANT: a role was given).
 * The organisation must lie inside the creator's scope; a creator with a partial scope cannot
 * create accounts without an organisation (they would reach beyond the creator).
 */
export async function createUserRecord(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: NewUser,
  /** `passwordRules: false` only for a password an operator configured (the first administrator). */
  options: { passwordRules?: boolean } = {},
): Promise<UserRecord> {
  checkNewUser(input, options);
  return dataSource.transaction(async (manager) => {
    if (input.organizationId) {
      await findInScope(manager, {
        table: 'organization',
        alias: 'o',
        scope,
        columns: sqlRaw('o.id'),
        id: input.organizationId,
        what: '党组织',
      });
    } else if (!scope.all) {
      throw DomainError.forbidden('只能在自己管辖的党组织范围内创建用户');
    }
    const [existing] = await runSql(manager, sql`SELECT id FROM \`user\` WHERE username = ${input.username}`);
    if (existing) {
      throw new DomainError('CONFLICT', `用户名「${input.username}」已被使用`, 'USERNAME_TAKEN', [
        { field: 'username', reason: 'USERNAME_TAKEN', message: `用户名「${input.username}」已被使用` },
      ]);
    }
    const result = (await manager.query(
      'INSERT INTO `user` (username, password_hash, display_name, role, organization_id, password_changed_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3))',
      [input.username, input.passwordHash, input.displayName ?? null, input.role, input.organizationId ?? null],
    )) as { insertId: number | string };
    const id = String(result.insertId);
    await writeAudit(manager, actor, {
      action: 'GRANT',
      entityType: 'User',
      entityId: id,
      after: { username: input.username, role: input.role, organizationId: input.organizationId ?? null },
    });
    const created = await findUserById(manager, id);
    if (!created) throw new Error('the new user vanished inside its own transaction');
    return created;
  });
}

export interface UserChanges {
  displayName?: string | null;
  role?: Role | null;
  organizationId?: string | null;
  disabled?: boolean | null;
}

/**
 * Changes an account. A change of role, organisation or the disabled flag is a permission change
 * (audited as GRANT) and raises the token version, so tokens issued before stop working at once.
 */
export async function updateUserRecord(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  changes: UserChanges,
): Promise<UserRecord> {
  return dataSource.transaction(async (manager) => {
    const before = toUser(
      await findInScope<Record<string, unknown>>(manager, {
        table: 'user',
        alias: 'u',
        scope,
        columns: USER_COLUMNS,
        id,
        what: '用户',
        forUpdate: true,
      }),
    );
    const next = {
      displayName: changes.displayName === undefined ? before.displayName : changes.displayName,
      role: changes.role ?? before.role,
      organizationId: changes.organizationId === undefined ? before.organizationId : changes.organizationId,
      disabled: changes.disabled ?? before.disabled,
    };
    const problems = new Problems();
    if (!ROLES.includes(next.role)) problems.add('role', 'ROLE_UNKNOWN', '角色无效');
    if (ROLES_NEEDING_ORGANIZATION.includes(next.role) && !next.organizationId) {
      problems.add('organizationId', 'ORGANIZATION_REQUIRED', '社区管理员必须指定所属党组织');
    }
    if (next.displayName && next.displayName.length > 50) {
      problems.add('displayName', 'DISPLAY_NAME_TOO_LONG', '姓名不能超过 50 个字符');
    }
    problems.throwIfAny();
    if (actor.userId === before.id && (next.role !== before.role || next.disabled)) {
      throw DomainError.forbidden('不能修改自己的角色或停用自己的账号');
    }
    if (next.organizationId && next.organizationId !== before.organizationId) {
      await findInScope(manager, {
        table: 'organization',
        alias: 'o',
        scope,
        columns: sqlRaw('o.id'),
        id: next.organizationId,
        what: '党组织',
      });
    } else if (!next.organizationId && before.organizationId && !scope.all) {
      throw DomainError.forbidden('只能在自己管辖的党组织范围内管理用户');
    }
    const permissionChange =
      next.role !== before.role || next.organizationId !== before.organizationId || next.disabled !== before.disabled;
    await manager.query(
      `UPDATE \`user\` SET display_name = ?, role = ?, organization_id = ?, disabled = ?${
        permissionChange ? ', token_version = token_version + 1' : ''
      } WHERE id = ?`,
      [next.displayName, next.role, next.organizationId, next.disabled ? 1 : 0, before.id],
    );
    await writeAudit(manager, actor, {
      action: permissionChange ? 'GRANT' : 'UPDATE',
      entityType: 'User',
      entityId: before.id,
      before: pick(before),
      after: next,
    });
    const updated = await findUserById(manager, before.id);
    if (!updated) throw new Error('the user vanished inside its own transaction');
    return updated;
  });
}

function pick(user: UserRecord) {
  return {
    displayName: user.displayName,
    role: user.role,
    organizationId: user.organizationId,
    disabled: user.disabled,
  };
}

/** Replaces the password hash and revokes every token issued before (audited as UPDATE). */
export async function setUserPassword(
  dataSource: DataSource,
  actor: Actor,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(
      'UPDATE `user` SET password_hash = ?, password_changed_at = CURRENT_TIMESTAMP(3), token_version = token_version + 1, failed_login_count = 0, locked_until = NULL WHERE id = ?',
      [passwordHash, userId],
    );
    await writeAudit(manager, actor, { action: 'UPDATE', entityType: 'User', entityId: userId, reason: '修改密码' });
  });
}

export interface LockPolicy {
  /** Consecutive failures that lock the account. */
  maxFailures: number;
  lockMinutes: number;
}

export const DEFAULT_LOCK_POLICY: LockPolicy = { maxFailures: 5, lockMinutes: 15 };

/**
 * Counts a failed sign-in (LOGIN_FAILED audit row) and locks the account after too many in a row.
 * Returns when the account is locked until, if it now is.
 */
export async function recordFailedLogin(
  dataSource: DataSource,
  actor: Actor,
  user: Pick<LoginRecord, 'id' | 'failedLoginCount'> | null,
  reason: string,
  policy: LockPolicy = DEFAULT_LOCK_POLICY,
): Promise<Date | null> {
  return dataSource.transaction(async (manager) => {
    let lockedUntil: Date | null = null;
    if (user) {
      const failures = user.failedLoginCount + 1;
      if (failures >= policy.maxFailures) lockedUntil = new Date(Date.now() + policy.lockMinutes * 60_000);
      await manager.query('UPDATE `user` SET failed_login_count = ?, locked_until = COALESCE(?, locked_until) WHERE id = ?', [
        lockedUntil ? 0 : failures,
        lockedUntil,
        user.id,
      ]);
    }
    await writeAudit(manager, actor, {
      action: 'LOGIN_FAILED',
      entityType: 'User',
      entityId: user?.id ?? null,
      reason: lockedUntil ? `${reason}; locked` : reason,
    });
    return lockedUntil;
  });
}

export async function recordSuccessfulLogin(dataSource: DataSource, actor: Actor, userId: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(
      'UPDATE `user` SET failed_login_count = 0, locked_until = NULL, last_login_at = CURRENT_TIMESTAMP(3) WHERE id = ?',
      [userId],
    );
    await writeAudit(manager, actor, { action: 'LOGIN', entityType: 'User', entityId: userId });
  });
}

/** Sign-out everywhere: every token issued before stops working. Returns the new token version. */
export async function revokeUserTokens(dataSource: DataSource, actor: Actor, userId: string): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query('UPDATE `user` SET token_version = token_version + 1 WHERE id = ?', [userId]);
    await writeAudit(manager, actor, { action: 'LOGOUT', entityType: 'User', entityId: userId });
    const [row] = await runSql<{ v: number }>(manager, sql`SELECT token_version AS v FROM \`user\` WHERE id = ${userId}`);
    return Number(row?.v ?? 0);
  });
}

/** Whether an organisation path lies inside a user's scope (for checks on already-loaded rows). */
export function userCanReach(scope: DataScope, organizationPath: string | null): boolean {
  if (organizationPath === null) return scope.all;
  return inScope(organizationPath, scope);
}

/** Whether any account with this role exists (the first district admin is created at start). */
export async function countUsersWithRole(db: Queryable, role: Role): Promise<number> {
  const [row] = await runSql<{ n: number | string }>(db, sql`SELECT COUNT(*) AS n FROM \`user\` WHERE role = ${role}`);
  return Number(row?.n ?? 0);
}

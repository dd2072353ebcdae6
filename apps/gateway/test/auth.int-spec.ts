import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from './support/expect.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startGateway, type Gateway } from './support/harness.js';
import { Seeder } from './support/seed.js';

const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken refreshToken expiresAt user { username role } } }';
const PASSWORD = 'Strong-Passw0rd';

interface Payload {
  login: { accessToken: string; refreshToken: string; expiresAt: string; user: { username: string; role: string } };
}

describe('signing in', () => {
  let gw: Gateway;
  let admin: string;
  let seeder: Seeder;
  let address = 0;
  /** A distinct client address per call (the gateway trusts X-Forwarded-For from loopback). */
  const from = () => ({ headers: { 'x-forwarded-for': `10.0.${Math.floor(++address / 250)}.${address % 250}` } });
  const login = (username: string, password: string, credentials = from()) => gw.gql<Payload>(LOGIN, { u: username, p: password }, credentials);
  const auditRows = async (action: string, actor: string) =>
    (await gw.db.dataSource.query('SELECT reason, ip FROM audit_log WHERE action = ? AND actor = ? ORDER BY id', [action, actor])) as Array<{
      reason: string | null;
      ip: string | null;
    }>;

  beforeAll(async () => {
    gw = await startGateway('auth', {
      throttle: { loginAttemptsPerUser: 8, loginAttemptsPerAddress: 12, lockAfterFailures: 5, lockMinutes: 15 },
    });
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    seeder = new Seeder(gw.db.dataSource, gw.config.PII_ENCRYPTION_KEY);
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) await seeder.user(name, PASSWORD, 'VIEWER');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('signs in with the right password and audits it', async () => {
    const data = expectOk(await login('alice', PASSWORD));
    expect(data.login.user).toEqual({ username: 'alice', role: 'VIEWER' });
    const lifetime = new Date(data.login.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(10 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
    expect(expectOk(await gw.gql<{ me: { username: string } }>('{ me { username } }', {}, { token: data.login.accessToken })).me.username).toBe('alice');
    expect((await auditRows('LOGIN', 'alice')).length).toBe(1);
    const stored = (await gw.db.dataSource.query("SELECT password_hash AS h FROM `user` WHERE username = 'alice'")) as Array<{ h: string }>;
    expect(stored[0]?.h).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password or an unknown name with the same answer, audited', async () => {
    const wrong = expectError(await login('bob', 'Wrong-Passw0rd'), 'UNAUTHENTICATED', 'BAD_CREDENTIALS');
    const unknown = expectError(await login('nobody', 'Wrong-Passw0rd'), 'UNAUTHENTICATED', 'BAD_CREDENTIALS');
    expect(wrong.message).toBe(unknown.message);
    expect(await auditRows('LOGIN_FAILED', 'bob')).toEqual([{ reason: 'BAD_PASSWORD', ip: expect.stringMatching(/^10\.0\./) }]);
    expect(await auditRows('LOGIN_FAILED', 'nobody')).toEqual([{ reason: 'UNKNOWN_USER', ip: expect.stringMatching(/^10\.0\./) }]);
  });

  it('locks an account after five wrong passwords in a row, even against the right one', async () => {
    for (let i = 1; i <= 4; i++) expectError(await login('carol', `Wrong-${i}-Passw0rd`), 'UNAUTHENTICATED');
    const locked = expectError(await login('carol', 'Wrong-5-Passw0rd'), 'FORBIDDEN', 'ACCOUNT_LOCKED');
    expect(locked.message).toMatch(/已锁定/);
    expectError(await login('carol', PASSWORD), 'FORBIDDEN', 'ACCOUNT_LOCKED');
    expect((await auditRows('LOGIN_FAILED', 'carol')).at(-1)?.reason).toBe('ACCOUNT_LOCKED');
  });

  it('throttles attempts per username and per client address (RATE_LIMITED)', async () => {
    for (let i = 0; i < 8; i++) expectError(await login('ghost', 'Wrong-Passw0rd'), 'UNAUTHENTICATED');
    expectError(await login('ghost', 'Wrong-Passw0rd'), 'RATE_LIMITED');

    const one = { headers: { 'x-forwarded-for': '192.0.2.77' } };
    for (let i = 0; i < 12; i++) expectError(await login(`visitor${i}`, 'Wrong-Passw0rd', one), 'UNAUTHENTICATED');
    const limited = expectError(await login('dave', PASSWORD, one), 'RATE_LIMITED');
    expect(limited.message).toMatch(/分钟后再试/);
    // Another address still signs in.
    expectOk(await login('dave', PASSWORD));
  });

  it('counts only failed attempts: many successful sign-ins from one address to one account go through', async () => {
    const office = { headers: { 'x-forwarded-for': '192.0.2.88' } };
    for (let i = 0; i < 20; i++) expectOk(await login('erin', PASSWORD, office));
  });

  it('refreshes tokens once per refresh token', async () => {
    const first = expectOk(await login('erin', PASSWORD)).login;
    const refresh = 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }';
    const second = expectOk(await gw.gql<{ refreshToken: { accessToken: string; refreshToken: string } }>(refresh, { t: first.refreshToken }));
    expect(second.refreshToken.accessToken).not.toBe(first.accessToken);
    expectOk(await gw.gql('{ me { username } }', {}, { token: second.refreshToken.accessToken }));
    expectError(await gw.gql(refresh, { t: first.refreshToken }), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
    // An access token is not a refresh token.
    expectError(await gw.gql(refresh, { t: first.accessToken }), 'UNAUTHENTICATED', 'TOKEN_INVALID');
  });

  it('revokes every earlier token at logout', async () => {
    const session = expectOk(await login('erin', PASSWORD)).login;
    expect(expectOk(await gw.gql<{ logout: boolean }>('mutation { logout }', {}, { token: session.accessToken })).logout).toBe(true);
    expectError(await gw.gql('{ me { username } }', {}, { token: session.accessToken }), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
    expectError(
      await gw.gql('mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', { t: session.refreshToken }),
      'UNAUTHENTICATED',
    );
    expect((await auditRows('LOGOUT', 'erin')).length).toBe(1);
  });

  it('refuses an expired token with its reason', async () => {
    const [row] = (await gw.db.dataSource.query("SELECT id, token_version AS tv FROM `user` WHERE username = 'alice'")) as Array<{ id: string; tv: number }>;
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await new SignJWT({ typ: 'access', usr: 'alice', role: 'VIEWER', org: null, scp: 'all', tv: row?.tv })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(row?.id))
      .setIssuer('dangjian')
      .setAudience('dangjian-gateway')
      .setIssuedAt(past - 900)
      .setExpirationTime(past)
      .sign(new TextEncoder().encode(gw.config.JWT_SECRET));
    const error = expectError(await gw.gql('{ me { username } }', {}, { token: expired }), 'UNAUTHENTICATED', 'TOKEN_EXPIRED');
    expect(error.message).toMatch(/过期/);
  });

  it('applies the password rules when an account is created', async () => {
    const create = (username: string, password: string) =>
      gw.gql('mutation ($input: CreateUserInput!) { createUser(input: $input) { id username role } }', { input: { username, password, role: 'VIEWER' } }, { token: admin });
    const weak = expectError(await create('frank', 'frank12345'), 'BAD_USER_INPUT');
    const reasons = (weak.extensions?.fields as Array<{ field: string; reason: string }>).map((f) => f.reason).sort();
    expect(reasons).toEqual(['PASSWORD_CONTAINS_USERNAME', 'PASSWORD_TOO_SIMPLE']);
    expectOk(await create('frank', PASSWORD));
    expectError(await create('frank', PASSWORD), 'CONFLICT', 'USERNAME_TAKEN');
    const grants = (await gw.db.dataSource.query("SELECT actor FROM audit_log WHERE action = 'GRANT' AND entity_type = 'User'")) as Array<{ actor: string }>;
    expect(grants.map((g) => g.actor)).toContain(ADMIN_USERNAME);
  });

  it('changes a password: the old sessions end, the new password works', async () => {
    const session = expectOk(await login('frank', PASSWORD)).login;
    const change = 'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }';
    expectError(await gw.gql(change, { c: 'Not-The-Passw0rd', n: 'Newer-Passw0rd!' }, { token: session.accessToken }), 'BAD_USER_INPUT', 'BAD_PASSWORD');
    const changed = expectOk(await gw.gql<{ changePassword: { accessToken: string } }>(change, { c: PASSWORD, n: 'Newer-Passw0rd!' }, { token: session.accessToken }));
    expectError(await gw.gql('{ me { username } }', {}, { token: session.accessToken }), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
    expectOk(await gw.gql('{ me { username } }', {}, { token: changed.changePassword.accessToken }));
    expectOk(await login('frank', 'Newer-Passw0rd!'));
  });

  it('ends the sessions of a user whose role changes or who is disabled (GRANT)', async () => {
    const session = expectOk(await login('dave', PASSWORD)).login;
    const [row] = (await gw.db.dataSource.query("SELECT id FROM `user` WHERE username = 'dave'")) as Array<{ id: string }>;
    const update = 'mutation ($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { role disabled } }';
    expect(expectOk(await gw.gql<{ updateUser: { role: string } }>(update, { id: String(row?.id), input: { role: 'DISTRICT_ADMIN' } }, { token: admin })).updateUser.role).toBe(
      'DISTRICT_ADMIN',
    );
    expectError(await gw.gql('{ me { username } }', {}, { token: session.accessToken }), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
    const grant = (await gw.db.dataSource.query("SELECT `before`, `after` FROM audit_log WHERE action = 'GRANT' AND entity_id = ?", [String(row?.id)])) as Array<{
      before: unknown;
      after: unknown;
    }>;
    expect(JSON.stringify(grant.at(-1))).toContain('DISTRICT_ADMIN');
    expectOk(await gw.gql(update, { id: String(row?.id), input: { disabled: true } }, { token: admin }));
    expectError(await login('dave', PASSWORD), 'FORBIDDEN', 'ACCOUNT_DISABLED');
  });

  it('lets district admins search the audit log, newest first, page by page', async () => {
    const query = 'query ($after: String) { auditLogs(filter: { action: ["LOGIN_FAILED"] }, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id action actor at } } }';
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page: { auditLogs: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string; action: string; at: string }> } } =
        expectOk(await gw.gql(query, { after }, { token: admin }));
      total = page.auditLogs.totalCount;
      for (const node of page.auditLogs.nodes) {
        expect(node.action).toBe('LOGIN_FAILED');
        seen.push(node.id);
      }
      if (!page.auditLogs.pageInfo.hasNextPage) break;
      after = page.auditLogs.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(20);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
  });
});

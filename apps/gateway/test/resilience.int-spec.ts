import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLoginRecord } from '@dangjian/domain';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@dangjian/domain/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayApp } from '../src/app.js';
import { verifyPassword } from '../src/auth/password-hasher.js';
import { ensureFirstAdmin } from '../src/user/first-admin.js';
import { expectError, expectOk } from './support/expect.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, deleteRedisKeys, testConfig, waitFor, type GraphQLResult } from './support/harness.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A TCP proxy in front of MariaDB that the test cuts and restores: a database outage. */
class Proxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      upstream.connect(this.targetPort, '127.0.0.1', () => {
        client.pipe(upstream).pipe(client);
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

async function gql(url: string, query: string, token?: string): Promise<GraphQLResult> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as GraphQLResult;
  return { ...body, status: response.status, headers: response.headers };
}

describe('when MySQL is away', () => {
  let db: TestDatabase;
  let proxy: Proxy;
  let app: NestExpressApplication;
  let url: string;
  let queuePrefix: string;

  beforeAll(async () => {
    db = await createTestDatabase('gw_outage');
    const target = new URL(db.url);
    proxy = new Proxy(await freePort(), Number(target.port || 3306));
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    queuePrefix = `${testQueuePrefix('gw-outage')}:{gw}`;
    const config = testConfig({ DATABASE_URL: viaProxy.toString(), QUEUE_PREFIX: queuePrefix });
    // The proxy is down: the gateway must start anyway.
    app = await createGatewayApp(config, { logger: false, consoleDir: null, databaseRetryMs: { initial: 50, max: 200 } });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.down();
    await db?.drop();
    if (queuePrefix) await deleteRedisKeys('redis://127.0.0.1:6379/0', queuePrefix);
  });

  const readiness = async () => {
    const response = await fetch(`${url}/readyz`);
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, { ok: boolean; error: string | null }> } };
  };

  it('starts without MySQL: alive, not ready with the reason, clean errors', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await readiness();
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database).toMatchObject({ ok: false, error: expect.stringContaining('DATABASE_URL') });
    expect(ready.body.checks.redis).toEqual({ ok: true, error: null });
    const login = await gql(url, `mutation { login(username: "${ADMIN_USERNAME}", password: "${ADMIN_PASSWORD}") { accessToken } }`);
    expect(expectError(login, 'INTERNAL_SERVER_ERROR', 'DATABASE_UNAVAILABLE').message).toMatch(/数据库暂时无法访问/);
  });

  it('connects by itself once MySQL answers, and creates the first administrator', async () => {
    await proxy.up();
    await waitFor(async () => (await readiness()).status === 200, 15_000, 'readiness');
    const token = await waitFor(async () => {
      const login = await gql(url, `mutation { login(username: "${ADMIN_USERNAME}", password: "${ADMIN_PASSWORD}") { accessToken } }`);
      return (login.data as { login?: { accessToken: string } } | null)?.login?.accessToken;
    }, 15_000, 'the first administrator');
    expectOk(await gql(url, '{ members { totalCount } }', token));
  });

  it('survives an outage while running and recovers when MySQL is back', async () => {
    const token = ((await gql(url, `mutation { login(username: "${ADMIN_USERNAME}", password: "${ADMIN_PASSWORD}") { accessToken } }`)).data as {
      login: { accessToken: string };
    }).login.accessToken;
    await proxy.down();
    await waitFor(async () => (await readiness()).status === 503, 15_000, 'readiness to drop');
    const during = await gql(url, '{ members { totalCount } }', token);
    const error = expectError(during, 'INTERNAL_SERVER_ERROR', 'DATABASE_UNAVAILABLE');
    expect(JSON.stringify(error)).not.toMatch(/SELECT|ECONNREFUSED|3306/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await proxy.up();
    await waitFor(async () => (await readiness()).status === 200, 15_000, 'readiness to return');
    await waitFor(async () => !(await gql(url, '{ members { totalCount } }', token)).errors, 15_000, 'queries to work again');
  });
});

describe('when Redis is away', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('gw_redis');
    const config = testConfig({ DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${await freePort()}/0`, QUEUE_PREFIX: `${testQueuePrefix('gw-redis')}:{gw}` });
    app = await createGatewayApp(config, { logger: false, consoleDir: null });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('is not ready, says why, and refuses to sign in unthrottled', async () => {
    const ready = await waitFor(async () => {
      const response = await fetch(`${url}/readyz`);
      const body = (await response.json()) as { checks: { database: { ok: boolean }; redis: { ok: boolean; error: string } } };
      return response.status === 503 && body.checks.database.ok ? body : null;
    }, 15_000, 'the database check');
    expect(ready.checks.redis.ok).toBe(false);
    expect(ready.checks.redis.error).toMatch(/REDIS_URL|Redis/);
    const login = await gql(url, `mutation { login(username: "${ADMIN_USERNAME}", password: "${ADMIN_PASSWORD}") { accessToken } }`);
    expectError(login, 'INTERNAL_SERVER_ERROR', 'REDIS_UNAVAILABLE');
  });
});

describe('the first administrator in development', () => {
  let db: TestDatabase;
  let dataDir: string;
  const previous = process.env.DANGJIAN_DATA_DIR;

  beforeAll(async () => {
    db = await createTestDatabase('gw_first_admin');
    dataDir = mkdtempSync(join(tmpdir(), 'dangjian-data-'));
    process.env.DANGJIAN_DATA_DIR = dataDir;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.DANGJIAN_DATA_DIR;
    else process.env.DANGJIAN_DATA_DIR = previous;
    rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  });

  it('gets a generated password, written to .data/admin-password.txt, once', async () => {
    const config = { ...testConfig({ NODE_ENV: 'development', DATABASE_URL: db.url }), DANGJIAN_ADMIN_PASSWORD: undefined };
    await ensureFirstAdmin(db.dataSource, config);
    const [username, password] = readFileSync(join(dataDir, 'admin-password.txt'), 'utf8').trim().split('\n');
    expect(username).toBe(ADMIN_USERNAME);
    const record = await findLoginRecord(db.dataSource, ADMIN_USERNAME);
    expect(record?.role).toBe('DISTRICT_ADMIN');
    expect(await verifyPassword(record!.passwordHash, password!)).toBe(true);
    // A second start leaves the account and its password alone.
    await ensureFirstAdmin(db.dataSource, config);
    expect((await findLoginRecord(db.dataSource, ADMIN_USERNAME))?.passwordHash).toBe(record?.passwordHash);
  });
});

import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '@dangjian/config';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@dangjian/domain/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import { createGatewayApp, type GatewayLogInput } from '../../src/app.js';
import type { GatewayOptionsInput } from '../../src/gateway-options.js';

export const ADMIN_USERNAME = 'admin';
export const ADMIN_PASSWORD = 'Admin-Passw0rd!';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface Credentials {
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

export interface Gateway {
  url: string;
  app: NestExpressApplication;
  db: TestDatabase;
  config: Config;
  queuePrefix: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, credentials?: Credentials): Promise<GraphQLResult<T>>;
  /** Signs in and returns the access token (fails the test if sign-in fails). */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/dangjian',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    DANGJIAN_ADMIN_USERNAME: ADMIN_USERNAME,
    DANGJIAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TZ: 'Asia/Shanghai',
    ...overrides,
  });
}

/** Waits for a condition, polling, until a deadline (never a blind sleep). */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/**
 * A gateway of its own for one test file: a fresh migrated database, a unique Redis prefix, the
 * app listening on a free port, ready (MySQL and Redis answer, the first admin exists).
 */
export async function startGateway(
  label: string,
  options: GatewayOptionsInput & GatewayLogInput = {},
  configOverrides: Record<string, string> = {},
): Promise<Gateway> {
  const db = await createTestDatabase(`gw_${label}`);
  // The hash tag keeps BullMQ's keys under the test's own prefix too (BullMQ adds one otherwise).
  const queuePrefix = `${testQueuePrefix(`gw-${label}`)}:{gw}`;
  const config = testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: queuePrefix, ...configOverrides });
  let app: NestExpressApplication | undefined;
  let url: string;
  try {
    app = await createGatewayApp(config, { logger: false, consoleDir: null, ...options });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 20_000, 'the gateway to be ready');
    await waitFor(
      async () => {
        const rows = (await db.dataSource.query("SELECT COUNT(*) AS n FROM `user` WHERE role = 'DISTRICT_ADMIN'")) as Array<{ n: number }>;
        return Number(rows[0]?.n) > 0;
      },
      20_000,
      'the first administrator',
    );
  } catch (error) {
    // Leave nothing behind when the gateway could not start.
    await app?.close().catch(() => undefined);
    await db.drop();
    throw error;
  }

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, credentials: Credentials = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(credentials.token ? { authorization: `Bearer ${credentials.token}` } : {}),
        ...(credentials.apiKey ? { 'x-api-key': credentials.apiKey } : {}),
        ...credentials.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: T | null; errors?: GraphQLResult['errors'] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`not JSON (HTTP ${response.status}): ${text.slice(0, 300)}`);
    }
    return { status: response.status, headers: response.headers, data: body.data, errors: body.errors } as GraphQLResult<T>;
  };

  const login = async (username: string, password: string) => {
    const result = await gql<{ login: { accessToken: string } }>(
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      { u: username, p: password },
    );
    if (!result.data?.login) throw new Error(`login of ${username} failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.accessToken;
  };

  return {
    url,
    app: app!,
    db,
    config,
    queuePrefix,
    gql,
    login,
    async close() {
      await app!.close();
      await db.drop();
      await deleteRedisKeys(config.REDIS_URL, queuePrefix);
    },
  };
}

/** Removes every key a test created under its own prefix on the shared Redis. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

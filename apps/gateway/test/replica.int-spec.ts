import { ensureDatabase, migrate, openDataSource } from '@dangjian/domain';
import { testQueuePrefix } from '@dangjian/domain/testing';
import type { Config } from '@dangjian/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMariaDbPair, type MariaDbPair } from '../../../infra/scripts/mariadb-pair.mjs';
import { createGatewayApp } from '../src/app.js';
import { DatabaseService, READ_YOUR_WRITES_MS } from '../src/common/database.service.js';
import { expectOk } from './support/expect.js';
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  deleteRedisKeys,
  testConfig,
  waitFor,
  type GraphQLResult,
} from './support/harness.js';
import { Seeder, type SeededOrganization } from './support/seed.js';

// A real second MariaDB replicating from a first: the gateway, started with DATABASE_REPLICA_URLS,
// must read lists and batch loads from the replica (seen by stopping replication and writing on
// the primary), and everything else, its own writes and what follows them, from the primary.

const DATABASE = 'dangjian_replica';
const MEMBERS = '{ members(first: 100) { nodes { id name } } }';

let pair: MariaDbPair;
let primaryData: DataSource;
let app: NestExpressApplication;
let database: DatabaseService;
let config: Config;
let queuePrefix: string;
let url: string;
let token: string;
let seeder: Seeder;
let branch: SeededOrganization;

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    ...((await response.json()) as object),
  } as GraphQLResult<T>;
}

async function memberIds(): Promise<string[]> {
  return expectOk(await gql<{ members: { nodes: Array<{ id: string }> } }>(MEMBERS)).members.nodes.map(
    (node) => node.id,
  );
}

/** Which server a single-statement read of the gateway lands on (server ids: primary 1, replica 2). */
async function statementServer(): Promise<number> {
  const [row] = (await database.statements.query('SELECT @@server_id AS id')) as Array<{
    id: number | string;
  }>;
  return Number(row?.id);
}

/** Until the read-your-writes window of the gateway's last write has passed. */
async function untilReadsFromReplica(): Promise<void> {
  await waitFor(
    async () => (await statementServer()) === 2,
    READ_YOUR_WRITES_MS + 5000,
    'single-statement reads to go to the replica',
  );
}

beforeAll(async () => {
  // Fails here, with the command to install MariaDB, when mariadbd is not on this machine.
  pair = await startMariaDbPair();
  const primaryUrl = pair.primary.urlFor(DATABASE);
  await ensureDatabase(primaryUrl);
  primaryData = await openDataSource({ databaseUrl: primaryUrl, poolSize: 2 });
  await migrate(primaryData);

  queuePrefix = `${testQueuePrefix('gw-replica')}:{gw}`;
  config = testConfig({
    DATABASE_URL: primaryUrl,
    DATABASE_REPLICA_URLS: pair.replica.urlFor(DATABASE),
    QUEUE_PREFIX: queuePrefix,
  });
  seeder = new Seeder(primaryData, config.PII_ENCRYPTION_KEY);
  const root = await seeder.organization({
    name: '陇海马路街道党工委',
    type: 'WORKING_COMMITTEE',
    category: 'SUBDISTRICT',
  });
  branch = await seeder.organization({ name: '新郑路社区第一党支部', parent: root });
  await seeder.member({ name: '张三', organization: branch });
  await pair.waitForReplica();

  // A pool of two connections per server: a statement that kept its connection would stall the next ones.
  app = await createGatewayApp(config, { logger: false, consoleDir: null, databasePoolSize: 2 });
  await app.listen(0, '127.0.0.1');
  url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  database = app.get(DatabaseService);
  await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 20_000, 'the gateway to be ready');
  await waitFor(
    async () =>
      Number(
        (
          (await primaryData.query(
            "SELECT COUNT(*) AS n FROM `user` WHERE role = 'DISTRICT_ADMIN'",
          )) as Array<{ n: number }>
        )[0]?.n,
      ) > 0,
    20_000,
    'the first administrator',
  );
  const login = await gql<{ login: { accessToken: string } }>(
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
    {
      u: ADMIN_USERNAME,
      p: ADMIN_PASSWORD,
    },
  );
  token = expectOk(login).login.accessToken;
  await pair.waitForReplica();
}, 90_000);

afterAll(async () => {
  await app?.close();
  if (primaryData?.isInitialized) await primaryData.destroy();
  if (config) await deleteRedisKeys(config.REDIS_URL, queuePrefix);
  // Shuts both servers down and removes their temporary directory.
  await pair?.stop();
});

describe('read replicas (a real MariaDB primary and replica)', () => {
  it('sends single-statement reads to the replica, and transactions and TypeORM reads to the primary', async () => {
    await untilReadsFromReplica();
    const source = database.dataSource;
    const serverOf = (rows: unknown) => Number((rows as Array<{ id: number | string }>)[0]?.id);
    expect(serverOf(await source.query('SELECT @@server_id AS id'))).toBe(1);
    expect(serverOf(await source.transaction((manager) => manager.query('SELECT @@server_id AS id')))).toBe(
      1,
    );
    // Query builders and repositories outside a transaction: TypeORM would pick a replica itself.
    const built = source.createQueryBuilder().select('@@server_id', 'id').from('migrations', 'm').limit(1);
    expect(Number((await built.getRawOne<{ id: number }>())?.id)).toBe(1);
    // Reads, in a transaction or not, are not writes: the next read still goes to the replica.
    expect(await statementServer()).toBe(2);

    // The same connection settings as the primary's connections: dates, big numbers, JSON.
    const probe =
      "SELECT CAST('2024-02-29' AS DATE) AS d, CAST('2024-02-29 08:30:05' AS DATETIME) AS t, CAST(9007199254740993 AS UNSIGNED) AS big, 12.50 AS amount, JSON_ARRAY(1, 'a') AS j";
    expect(await database.statements.query(probe)).toEqual(await source.query(probe));

    // Failed statements give their connection back: more failures than the pool holds, then a read.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(database.statements.query('SELECT * FROM no_such_table')).rejects.toMatchObject({
        code: 'ER_NO_SUCH_TABLE',
      });
    }
    expect(await statementServer()).toBe(2);
  });

  it('reads a lagging replica for lists, but a mutation and the reads right after it use the primary', async () => {
    const seen = await memberIds();
    expect(seen).toHaveLength(1);
    await pair.pauseReplication();
    await untilReadsFromReplica();

    // Written on the primary only (the sync would do this): the replica does not have it yet.
    const late = await seeder.member({ name: '李延迟', organization: branch });
    expect(await memberIds()).toEqual(seen);

    // A mutation works on the primary, where the member is, and writes its audit row there.
    const revealed = expectOk(
      await gql<{ revealMemberPii: { idCardNumber: string } }>(
        'mutation ($id: ID!) { revealMemberPii(id: $id, reason: "核对身份") { idCardNumber } }',
        {
          id: late.id,
        },
      ),
    );
    expect(revealed.revealMemberPii.idCardNumber).toBe(late.idCardNumber);
    const audit = "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'REVEAL_PII' AND entity_id = ?";
    expect(Number(((await primaryData.query(audit, [late.id])) as Array<{ n: number }>)[0]?.n)).toBe(1);
    expect(
      await pair.replica.sql<{ n: number }>(
        `SELECT COUNT(*) AS n FROM \`${DATABASE}\`.audit_log WHERE action = 'REVEAL_PII'`,
      ),
    ).toEqual([{ n: 0 }]);

    // Read your own writes: the console's refetch right after the mutation sees the primary.
    expect(await memberIds()).toContain(late.id);
    expect(await statementServer()).toBe(1);

    // Once the window has passed, lists are read from the (still stopped) replica again.
    await waitFor(
      async () => !(await memberIds()).includes(late.id),
      READ_YOUR_WRITES_MS + 5000,
      'lists to be read from the replica again',
    );

    // The replica catches up, and then shows the member too.
    await pair.resumeReplication();
    await pair.waitForReplica();
    expect(await memberIds()).toContain(late.id);
    expect(await statementServer()).toBe(2);
  });

  it('reads from the primary when no replica answers', async () => {
    await pair.replica.stop();
    expect(await statementServer()).toBe(1);
    expect(await memberIds()).toHaveLength(2);
  });
});

import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { QueueName, bullPrefix, type SyncCollectionJobData } from '@dangjian/domain';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '../../test/support/expect.js';
import { PASSWORD, seedFixture, type Fixture } from '../../test/support/fixture.js';
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  startGateway,
  waitFor,
  type Gateway,
} from '../../test/support/harness.js';

type Line = Record<string, unknown>;

describe('JSON logs with a request id', () => {
  const written: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const lines = () => written.map((line) => JSON.parse(line) as Line);
  const requestLine = (requestId: string) =>
    waitFor(
      async () => lines().find((line) => line.requestId === requestId && line.msg === 'request completed'),
      5_000,
      `the line of ${requestId}`,
    );

  let gw: Gateway;
  let fx: Fixture;
  let admin: string;
  let adminUserId: string;

  beforeAll(async () => {
    gw = await startGateway('logging', { logger: ['log', 'warn', 'error'], logDestination: destination });
    fx = await seedFixture(gw);
    admin = await gw.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    const [row] = (await gw.db.dataSource.query('SELECT id FROM `user` WHERE username = ?', [
      ADMIN_USERNAME,
    ])) as Array<{ id: number | string }>;
    adminUserId = String(row?.id);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('writes every line as JSON, one per request, with the caller, the operation and the id it was sent', async () => {
    const requestId = `it-${randomBytes(6).toString('hex')}`;
    const result = await gw.gql<{ me: { username: string } }>(
      'query WhoAmI { me { username } }',
      {},
      { token: admin, headers: { 'x-request-id': requestId } },
    );
    expect(expectOk(result).me.username).toBe(ADMIN_USERNAME);
    expect(result.headers.get('x-request-id')).toBe(requestId);

    const line = await requestLine(requestId);
    expect(line).toMatchObject({
      level: 'info',
      service: 'gateway',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'WhoAmI',
      userId: adminUserId,
      durationMs: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // Start-up lines from NestJS's own Logger went through pino as well.
    expect(
      lines().some((entry) => entry.context === 'InstanceLoader' || entry.context === 'NestApplication'),
    ).toBe(true);
    expect(written.every((text) => text.startsWith('{'))).toBe(true);
  });

  it('does not log a client’s mistake as an error: a wrong id or a refused sign-in is an answer, not a fault', async () => {
    const requestId = `it-mistake-${randomBytes(4).toString('hex')}`;
    const before = written.length;
    await gw.gql('query Missing { member(id: "999999999") { name } }', {}, { token: admin, headers: { 'x-request-id': requestId } });
    await gw.gql('query Anonymous { members { totalCount } }', {}, { headers: { 'x-request-id': `${requestId}-b` } });
    expect(await requestLine(requestId)).toMatchObject({ operation: 'Missing', status: 200 });
    await requestLine(`${requestId}-b`);
    const errors = written.slice(before).map((text) => JSON.parse(text) as Line).filter((line) => line.level === 'error');
    expect(errors).toEqual([]);
  });

  it('replaces a malformed X-Request-Id with a UUID, and answers with that', async () => {
    const result = await gw.gql(
      'query Ping { me { username } }',
      {},
      { token: admin, headers: { 'x-request-id': 'not valid; ' + 'x'.repeat(80) } },
    );
    const issued = result.headers.get('x-request-id') as string;
    expect(issued).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await requestLine(issued)).toMatchObject({ operation: 'Ping', status: 200 });
  });

  it('never writes tokens or passwords, sign-in included', async () => {
    const requestId = `it-login-${randomBytes(4).toString('hex')}`;
    await gw.gql(
      'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      { u: 'xinzheng', p: PASSWORD },
      { headers: { 'x-request-id': requestId } },
    );
    expect(await requestLine(requestId)).toMatchObject({ operation: 'SignIn', status: 200 });
    const text = written.join('\n');
    expect(text).not.toContain(admin);
    expect(text).not.toContain(admin.split('.')[2] as string);
    expect(text).not.toContain(ADMIN_PASSWORD);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/Bearer /i);
  });

  it('hands the request id to the transfer action it writes for the worker to push', async () => {
    const requestId = `it-transfer-${randomBytes(4).toString('hex')}`;
    const created = expectOk(
      await gw.gql<{ createTransferOut: { id: string } }>(
        'mutation CreateTransfer($input: CreateTransferOutInput!) { createTransferOut(input: $input) { id } }',
        {
          input: {
            memberId: fx.members.a2.id,
            kind: 'WITHIN_SYSTEM',
            toOrganizationName: '金水区某党支部',
            toOrganizationUpstreamId: '410105002003',
            reason: '工作调动',
          },
        },
        { token: fx.users.adminA, headers: { 'x-request-id': requestId } },
      ),
    ).createTransferOut;
    const entries = (await gw.db.dataSource.query(
      'SELECT kind, request_id AS requestId FROM outbox_entry WHERE transfer_id = ?',
      [created.id],
    )) as Array<{ kind: string; requestId: string | null }>;
    expect(entries).toEqual([{ kind: 'CREATE_TRANSFER', requestId }]);
  });

  it('puts the request id into the job of a requested sync', async () => {
    const requestId = `it-sync-${randomBytes(4).toString('hex')}`;
    const run = expectOk(
      await gw.gql<{ requestSync: { id: string } }>(
        'mutation RequestSync { requestSync(collections: [ORGANIZATIONS]) { id } }',
        {},
        { token: admin, headers: { 'x-request-id': requestId } },
      ),
    ).requestSync;
    expect(await requestLine(requestId)).toMatchObject({ operation: 'RequestSync', userId: adminUserId });

    const queue = new Queue(QueueName.SyncOrganizations, {
      connection: { url: gw.config.REDIS_URL },
      prefix: bullPrefix(gw.queuePrefix),
    });
    try {
      const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
      const job = jobs.find((candidate) => (candidate.data as SyncCollectionJobData).runId === run.id);
      expect(job?.data).toMatchObject({ runId: run.id, collection: 'ORGANIZATIONS', requestId });
    } finally {
      await queue.close();
    }
  });
});

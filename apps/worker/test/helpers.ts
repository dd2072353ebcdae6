import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  JOB_POLICY,
  JobName,
  Member,
  Organization,
  PiiCipher,
  SyncRun,
  Transfer,
  type SyncRunStatus,
} from '@dangjian/domain';
import type { Simulator } from '@dangjian/upstream-sim';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ALL_QUEUES, type WorkerConfig } from '../src/config.js';
import { createLogger, silentLogger } from '../src/logger.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
export const SIM_TOKEN = 'test-upstream-token';
export const ROOT_ORG = '410104001000';
export const PII_KEY = 'b'.repeat(64);
export const cipher = new PiiCipher(PII_KEY);
export const WORKER_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Fast retries and short locks, so that failures and take-overs happen within a test's time. */
export const FAST_POLICY = {
  ...JOB_POLICY,
  [JobName.SyncOrganizations]: {
    ...JOB_POLICY[JobName.SyncOrganizations],
    attempts: 4,
    backoff: { type: 'fixed' as const, delay: 300 },
  },
  [JobName.SyncMembers]: {
    ...JOB_POLICY[JobName.SyncMembers],
    attempts: 4,
    backoff: { type: 'fixed' as const, delay: 300 },
  },
  [JobName.SyncTransfers]: {
    ...JOB_POLICY[JobName.SyncTransfers],
    attempts: 4,
    backoff: { type: 'fixed' as const, delay: 300 },
  },
  [JobName.PushOutbox]: {
    ...JOB_POLICY[JobName.PushOutbox],
    attempts: 6,
    backoff: { type: 'fixed' as const, delay: 200 },
  },
  [JobName.NightlySync]: {
    ...JOB_POLICY[JobName.NightlySync],
    attempts: 2,
    backoff: { type: 'fixed' as const, delay: 200 },
  },
};

export function testWorkerConfig(input: {
  databaseUrl: string;
  queuePrefix: string;
  upstreamUrl: string;
  redisUrl?: string;
  dataSource?: DataSource;
  overrides?: Partial<WorkerConfig>;
}): WorkerConfig {
  return {
    databaseUrl: input.databaseUrl,
    redisUrl: input.redisUrl ?? REDIS_URL,
    queuePrefix: input.queuePrefix,
    upstream: {
      url: input.upstreamUrl,
      token: SIM_TOKEN,
      concurrency: 4,
      timeoutMs: 5_000,
      maxRetries: 8,
      retryBaseMs: 20,
    },
    rootOrganization: ROOT_ORG,
    piiEncryptionKey: PII_KEY,
    syncCron: '0 2 * * *',
    timeZone: 'Asia/Shanghai',
    port: null,
    queues: ALL_QUEUES,
    schedule: true,
    pollOutbox: true,
    batchSize: 1000,
    applyLanes: 3,
    policy: FAST_POLICY,
    lockDurationMs: 4_000,
    stalledIntervalMs: 1_000,
    maxStalledCount: 5,
    pushConcurrency: 4,
    outboxPollMs: 200,
    sweepIntervalMs: 1_000,
    staleRunAfterMs: 3_000,
    heartbeatMs: 500,
    shutdownTimeoutMs: 5_000,
    log: process.env.WORKER_TEST_LOG ? createLogger('debug') : silentLogger,
    dataSource: input.dataSource,
    ...input.overrides,
  };
}

/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
  );
}

export const ENDED: SyncRunStatus[] = ['SUCCEEDED', 'PARTIAL', 'FAILED'];

export async function waitForRun(
  dataSource: DataSource,
  runId: string,
  timeoutMs = 60_000,
  statuses = ENDED,
): Promise<SyncRun> {
  return waitFor(
    async () => {
      const run = await dataSource.getRepository(SyncRun).findOneBy({ id: runId });
      return run && statuses.includes(run.status) ? run : null;
    },
    `sync run ${runId} to reach ${statuses.join('/')}`,
    timeoutMs,
    150,
  );
}

export async function deleteRedisKeys(prefix: string, redisUrl = REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
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

/**
 * Every difference between the local database and the simulator's current records: missing or
 * extra records (soft-deleted rows count as absent), stale versions, fields that differ, and
 * duplicates. Empty when the two are equal record for record.
 */
export async function differencesFromSimulator(dataSource: DataSource, sim: Simulator): Promise<string[]> {
  const problems: string[] = [];
  const orgRows = await dataSource.getRepository(Organization).find();
  const orgById = new Map(orgRows.map((row) => [row.id, row]));
  const simOrgs = sim.currentRecords('organizations');
  compareSets(
    'organization',
    orgRows.filter((row) => row.upstreamId).map((row) => row.upstreamId as string),
    simOrgs,
    problems,
  );
  const orgByCode = new Map(orgRows.map((row) => [row.upstreamId, row]));
  for (const record of simOrgs) {
    const row = orgByCode.get(record.id as string);
    if (!row) continue;
    const parentCode = row.parentId ? (orgById.get(row.parentId)?.upstreamId ?? null) : null;
    expectSame(problems, `organization ${record.id}`, {
      version: [row.upstreamVersion, record.version],
      name: [row.name, record.name],
      type: [row.type, record.type],
      category: [row.category, record.category],
      parent: [parentCode, record.id === ROOT_ORG ? null : record.parentId],
      establishedOn: [row.establishedOn, record.establishedOn ?? null],
      unitCreditCodes: [
        JSON.stringify(row.unitCreditCodes ?? []),
        JSON.stringify(record.unitCreditCodes ?? []),
      ],
      pathEndsWithSelf: [row.path.endsWith(`/${row.id}/`), true],
    });
  }

  const memberRows = await dataSource.getRepository(Member).find();
  const simMembers = sim.currentRecords('members');
  compareSets(
    'member',
    memberRows.map((row) => row.upstreamId as string),
    simMembers,
    problems,
  );
  const memberByCode = new Map(memberRows.map((row) => [row.upstreamId, row]));
  for (const record of simMembers) {
    const row = memberByCode.get(record.id as string);
    if (!row) continue;
    expectSame(problems, `member ${record.id}`, {
      version: [row.upstreamVersion, record.version],
      name: [row.name, record.name],
      organization: [orgById.get(row.organizationId)?.upstreamId, record.organizationId],
      idCard: [cipher.decrypt(row.idCardCipher), String(record.idCardNumber).toUpperCase()],
      phone: [row.phoneCipher ? cipher.decrypt(row.phoneCipher) : null, record.phone ?? null],
      status: [row.status, record.status],
      education: [row.education, record.education],
      joinedOn: [row.joinedOn, record.joinedOn],
      fullMemberOn: [row.fullMemberOn, record.fullMemberOn ?? null],
      duesPaidThrough: [row.duesPaidThrough, record.duesPaidThrough ?? null],
      flags: [JSON.stringify(row.flags), JSON.stringify(record.flags ?? [])],
    });
  }

  const transferRows = await dataSource.getRepository(Transfer).find();
  const simTransfers = sim.currentRecords('transfers');
  compareSets(
    'transfer',
    transferRows.filter((row) => row.upstreamId).map((row) => row.upstreamId as string),
    simTransfers,
    problems,
  );
  const transferByCode = new Map(transferRows.map((row) => [row.upstreamId, row]));
  for (const record of simTransfers) {
    const row = transferByCode.get(record.id as string);
    if (!row) continue;
    expectSame(problems, `transfer ${record.id}`, {
      version: [row.upstreamVersion, record.version],
      status: [row.status, record.status],
      memberName: [row.memberName, record.memberName],
      from: [row.fromOrganizationUpstreamId, record.fromOrganizationId],
      to: [row.toOrganizationUpstreamId, record.toOrganizationId ?? null],
      letterNumber: [row.letterNumber, record.letterNumber ?? null],
      letterIssuedOn: [row.letterIssuedOn, record.letterIssuedOn ?? null],
      receivedOn: [row.receivedOn, record.receivedOn ?? null],
      history: [row.history.length, (record.history as unknown[]).length],
    });
  }
  return problems;
}

function compareSets(
  kind: string,
  localIds: string[],
  records: Array<Record<string, unknown>>,
  problems: string[],
): void {
  const seen = new Set<string>();
  for (const id of localIds) {
    if (seen.has(id)) problems.push(`${kind} ${id} is stored twice`);
    seen.add(id);
  }
  const upstream = new Set(records.map((record) => record.id as string));
  for (const id of upstream) if (!seen.has(id)) problems.push(`${kind} ${id} is missing locally`);
  for (const id of seen) if (!upstream.has(id)) problems.push(`${kind} ${id} is stored but not upstream`);
}

function expectSame(problems: string[], what: string, pairs: Record<string, [unknown, unknown]>): void {
  for (const [field, [local, upstream]] of Object.entries(pairs)) {
    if (local !== upstream)
      problems.push(
        `${what}: ${field} is ${JSON.stringify(local)} locally, ${JSON.stringify(upstream)} upstream`,
      );
  }
}

/** A Redis of the test's own, to kill and restart without touching the shared one. */
export class PrivateRedis {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(
      async () => {
        const redis = new Redis(this.url, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        redis.on('error', () => undefined);
        try {
          await redis.connect();
          return (await redis.ping()) === 'PONG';
        } finally {
          redis.disconnect();
        }
      },
      `redis-server on port ${this.port}`,
      10_000,
    );
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

/** A TCP proxy in front of MySQL that a test can cut (every connection dropped, new ones refused). */
export class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private open = true;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (!this.open) {
        client.destroy();
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server?.address() as { port: number }).port;
  }

  cut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.open = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs a TypeScript entry of this package in a child process, from source. */
export function spawnTs(entry: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(
    process.execPath,
    ['--conditions=source', '--import', './test/register-ts.mjs', entry, ...args],
    {
      cwd: WORKER_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

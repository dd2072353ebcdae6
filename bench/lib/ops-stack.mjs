// The platform as the operations scripts (soak, cluster, fuzz) run it: a database of its own, the
// upstream simulator serving a generated population, a first full sync through `pnpm sync`'s own
// entry point and the demo's daily-work records, then any number of gateways and workers from the
// production builds, all on one MySQL database and one Redis queue prefix. Each process can be
// killed (SIGKILL) and started again on its port; `stop()` ends every process started here, drops
// the database and deletes the Redis keys under the run's prefix (which starts with `dangjian`).
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../infra/scripts/services.mjs';
import {
  createDatabase,
  deleteRedisKeys,
  dropDatabase,
  freeLoopbackPort,
  runStep,
  startProcess,
  waitForHttp,
} from '../../infra/scripts/stack.mjs';

const ENTRY = {
  db: 'packages/domain/dist/cli/db.js',
  sim: 'apps/upstream-sim/dist/main.js',
  sync: 'apps/worker/dist/cli/sync.js',
  gateway: 'apps/gateway/dist/main.js',
  worker: 'apps/worker/dist/main.js',
};

function newestSource(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newestSource(path));
    else if (/\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name))
      latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** Stops with a clear sentence when a build is missing; warns when one is older than its sources. */
export function checkBuilds(log) {
  for (const [pkg, entry] of [
    ['packages/domain', 'dist/cli/db.js'],
    ['apps/upstream-sim', 'dist/main.js'],
    ['apps/worker', 'dist/main.js'],
    ['apps/gateway', 'dist/main.js'],
  ]) {
    const built = join(ROOT, pkg, entry);
    if (!existsSync(built)) {
      console.error(`✗ ${pkg} is not built: run \`pnpm build\` first`);
      process.exit(1);
    }
    if (newestSource(join(ROOT, pkg, 'src')) > statSync(built).mtimeMs) {
      log(
        `! ${pkg}/dist is older than its sources: the figures are of the last build (\`pnpm build\` to refresh)`,
      );
    }
  }
}

/** Keeps the last lines of every process's output, to show when something goes wrong. */
export function outputTail(limit = 200) {
  const lines = [];
  return {
    lines,
    log: (line) => {
      lines.push(line);
      if (lines.length > limit) lines.shift();
    },
  };
}

/**
 * Starts the whole stack. `members`/`transfers` size the simulator's generated population (seed 7),
 * which a first full sync loads, so that every member is known upstream (pushes about them succeed)
 * and a later full sync runs over the same world. (The gateway benchmark's database holds the demo
 * organisations, which a generated population does not have: a sync would delete them under the
 * load.) `gateways`/`workers` say how many of each. Returns the processes, their URLs and secrets.
 */
export async function startOpsStack({
  label,
  services,
  members,
  transfers,
  gateways = 1,
  workers = 1,
  log,
  childLog,
  extraEnv = {},
}) {
  const id = randomBytes(4).toString('hex');
  const databaseName = `dangjian_ops_${label}_${id}`;
  const queuePrefix = `dangjian-ops:${label}:${id}`;
  const simPort = await freeLoopbackPort();
  const secrets = {
    upstreamToken: `ops-${label}-${randomBytes(8).toString('hex')}`,
    adminUsername: 'ops-admin',
    adminPassword: `Ops-${randomBytes(9).toString('base64url')}-9x`,
    piiKey: randomBytes(32).toString('hex'),
  };
  const databaseUrl = await createDatabase(services.DATABASE_URL, databaseName);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: services.REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    UPSTREAM_SIM_PORT: String(simPort),
    UPSTREAM_URL: `http://127.0.0.1:${simPort}`,
    UPSTREAM_TOKEN: secrets.upstreamToken,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    PII_ENCRYPTION_KEY: secrets.piiKey,
    DANGJIAN_ADMIN_USERNAME: secrets.adminUsername,
    DANGJIAN_ADMIN_PASSWORD: secrets.adminPassword,
    LOG_LEVEL: 'warn',
    TZ: 'Asia/Shanghai',
    // Everything on one machine, as docker-compose.yml runs it: a sync applies one page at a time.
    SYNC_APPLY_LANES: '1',
    ...extraEnv,
  };
  const opts = { log: childLog };
  const processes = [];
  const stack = {
    env,
    databaseUrl,
    databaseName,
    queuePrefix,
    secrets,
    simulatorUrl: env.UPSTREAM_URL,
    simulator: null,
    gateways: [],
    workers: [],
    /** Every process started here, stopped (SIGTERM, then SIGKILL after a grace), the database dropped, the keys deleted. */
    async stop() {
      await Promise.all([...stack.gateways, ...stack.workers].map((p) => p.proc.stop(5000)));
      if (stack.simulator) await stack.simulator.stop(5000);
      await dropDatabase(databaseUrl).catch((error) =>
        log(`! could not drop ${databaseName}: ${error.message}`),
      );
      await deleteRedisKeys(services.REDIS_URL, queuePrefix).catch((error) =>
        log(`! could not delete the Redis keys ${queuePrefix}*: ${error.message}`),
      );
    },
  };
  try {
    await runStep('migrate', [ENTRY.db, 'migrate'], env, opts);
    const simArgs = [
      ENTRY.sim,
      '--port',
      String(simPort),
      '--members',
      String(members),
      '--transfers',
      String(transfers),
      '--seed',
      '7',
      '--no-rate-limit',
    ];
    stack.simulator = startProcess('upstream-sim', simArgs, env, opts);
    processes.push(stack.simulator);
    // The simulator stands for the upstream system, which runs on machines of its own: here it
    // takes only the CPU the platform leaves.
    setPriority(stack.simulator.child.pid, 10);
    await waitForHttp(`${env.UPSTREAM_URL}/healthz`, { process: stack.simulator, timeoutMs: 120_000 });
    const syncStarted = performance.now();
    await runStep('sync', [ENTRY.sync, '--full'], env, opts);
    log(
      `  first full sync of ${members.toLocaleString('en')} members and ${transfers.toLocaleString('en')} transfers: ${((performance.now() - syncStarted) / 1000).toFixed(1)} s`,
    );

    for (let i = 0; i < gateways; i++) {
      const port = await freeLoopbackPort();
      stack.gateways.push(
        managed(
          `gateway-${i + 1}`,
          ENTRY.gateway,
          { ...env, PORT: String(port) },
          opts,
          `http://127.0.0.1:${port}`,
          '/readyz',
        ),
      );
    }
    for (let i = 0; i < workers; i++) {
      const port = await freeLoopbackPort();
      stack.workers.push(
        managed(
          `worker-${i + 1}`,
          ENTRY.worker,
          { ...env, WORKER_PORT: String(port) },
          opts,
          `http://127.0.0.1:${port}`,
          '/healthz',
        ),
      );
    }
    // One gateway first: it creates the first administrator; the others then find it made.
    await stack.gateways[0]?.start();
    await Promise.all([...stack.gateways.slice(1), ...stack.workers].map((p) => p.start()));
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

/** A process that can be started, killed without warning and started again on the same port. */
function managed(name, entry, env, opts, baseUrl, readyPath) {
  const handle = {
    name,
    baseUrl,
    proc: null,
    starts: 0,
    get pid() {
      return handle.proc?.child.pid;
    },
    get alive() {
      const child = handle.proc?.child;
      return Boolean(child && child.exitCode === null && child.signalCode === null);
    },
    async start() {
      // GATEWAY_NODE_ARGS: Node flags for the gateways while looking into a run (e.g. --cpu-prof).
      const nodeArgs = name.startsWith('gateway')
        ? (process.env.GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean)
        : [];
      handle.proc = startProcess(name, [...nodeArgs, join(ROOT, entry)], env, opts);
      handle.starts++;
      await waitForHttp(`${baseUrl}${readyPath}`, { process: handle.proc, timeoutMs: 120_000 });
    },
    /** SIGKILL to its process group: no shutdown hook runs, as when a machine or container dies. */
    async kill() {
      const proc = handle.proc;
      if (!proc || !handle.alive) return;
      try {
        process.kill(-proc.child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await proc.exited;
    },
  };
  return handle;
}

/** Calls the gateway's GraphQL API; answers the parsed body (errors included) and the HTTP status. */
export async function graphql(baseUrl, query, variables = {}, token, { timeoutMs = 30_000 } = {}) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text.slice(0, 200), extensions: { code: `HTTP_${response.status}` } }] };
  }
  return { status: response.status, body };
}

/** Like `graphql` but throws on any error; answers `data`. */
export async function gqlData(baseUrl, query, variables, token) {
  const { status, body } = await graphql(baseUrl, query, variables, token);
  if (body.errors?.length)
    throw new Error(`HTTP ${status} ${body.errors[0].extensions?.code ?? ''} ${body.errors[0].message}`);
  return body.data;
}

/** Signs in (retrying until the gateway has made the account, within a minute); answers the access token. */
export async function signIn(baseUrl, username, password) {
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const data = await gqlData(
        baseUrl,
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
        { u: username, p: password },
      );
      return data.login.accessToken;
    } catch (error) {
      last = error.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`could not sign in to ${baseUrl}: ${last}`);
}

/** A mysql2 connection to the run's database, for the checks made at the end. */
export async function openConnection(databaseUrl) {
  const { createRequire } = await import('node:module');
  const mysql = createRequire(join(ROOT, 'bench/package.json'))('mysql2/promise');
  return mysql.createConnection({ uri: databaseUrl, connectTimeout: 5000, charset: 'utf8mb4' });
}

/** What the gateway's own metrics say about its JavaScript heap (used bytes), or null. */
export async function gatewayHeapUsed(baseUrl) {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
    const match = /^dangjian_gateway_nodejs_heap_size_used_bytes\s+([\d.e+]+)/m.exec(text);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

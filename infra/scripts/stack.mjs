// Runs the platform's processes: migrate, the upstream simulator, the first sync and demo seed on
// a new database, then gateway and worker. Used by `pnpm start`/`pnpm dev` and by the end-to-end
// tests, so that what the tests exercise is what a newcomer runs.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './services.mjs';

const COLOURS = { gateway: 36, worker: 35, 'upstream-sim': 33, console: 32, migrate: 34, sync: 34, seed: 34 };

function prefixer(name, write) {
  const tty = process.stdout.isTTY;
  const label = tty ? `\x1b[${COLOURS[name] ?? 37}m[${name}]\x1b[0m` : `[${name}]`;
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) write(`${label} ${line}\n`);
  };
}

/** Runs a command to completion with prefixed output; rejects with its last lines on failure. */
export function runStep(name, args, env, { log = (s) => process.stdout.write(s) } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    const out = prefixer(name, (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      log(line);
    });
    child.stdout.on('data', out);
    child.stderr.on('data', out);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${name} failed (exit ${code}):\n${tail.join('')}`))));
  });
}

const running = new Set();
// Whatever ends this process (an error, a signal it handles, process.exit), its children go too:
// they run in process groups of their own, so nothing else would stop them.
process.on('exit', () => {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** Starts a long-running process in its own process group, so stopping it stops its children too. */
export function startProcess(name, args, env, { log = (s) => process.stdout.write(s) } = {}) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const out = prefixer(name, log);
  child.stdout.on('data', out);
  child.stderr.on('data', out);
  const exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return {
    name,
    child,
    exited,
    async stop(graceMs = 8000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls a URL until it answers 200, the process exits, or the deadline passes. */
export async function waitForHttp(url, { timeoutMs = 60_000, process: proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) throw new Error(`${proc.name} exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (${last})`);
}

/** Whether this database has ever completed a sync: if not, it is new and gets the demo data. */
async function isFirstRun(databaseUrl) {
  const mysql = createRequire(join(ROOT, 'packages/domain/package.json'))('mysql2/promise');
  const connection = await mysql.createConnection({ uri: databaseUrl, connectTimeout: 5000 });
  try {
    const [rows] = await connection.query("SELECT COUNT(*) AS n FROM sync_run WHERE status IN ('SUCCEEDED', 'PARTIAL')");
    return Number(rows[0].n) === 0;
  } finally {
    await connection.end();
  }
}

const entry = {
  db: 'packages/domain/dist/cli/db.js',
  seed: 'packages/domain/dist/cli/seed.js',
  sim: 'apps/upstream-sim/dist/main.js',
  sync: 'apps/worker/dist/cli/sync.js',
  gateway: 'apps/gateway/dist/main.js',
  worker: 'apps/worker/dist/main.js',
};

/**
 * Brings the platform up. `env` must carry DATABASE_URL and REDIS_URL; ports come from PORT,
 * WORKER_PORT and UPSTREAM_SIM_PORT. With `simulator: false` the worker talks to UPSTREAM_URL.
 */
export async function startStack(env, { log, watch = false, simulator = true, seed = true } = {}) {
  const opts = { log };
  const processes = [];
  const port = env.PORT ?? '4000';
  const stop = async () => {
    await Promise.all(processes.reverse().map((p) => p.stop()));
  };
  const nodeArgs = (file) => (watch ? ['--watch-path', join(ROOT, file, '..'), file] : [file]);
  try {
    await runStep('migrate', [entry.db, 'migrate'], env, opts);
    if (simulator) {
      const simPort = env.UPSTREAM_SIM_PORT ?? '4100';
      const sim = startProcess('upstream-sim', nodeArgs(entry.sim), env, opts);
      processes.push(sim);
      await waitForHttp(`http://127.0.0.1:${simPort}/healthz`, { process: sim });
    }
    if (seed && (await isFirstRun(env.DATABASE_URL))) {
      await runStep('sync', [entry.sync], env, opts);
      await runStep('seed', [entry.seed], env, opts);
    }
    const gateway = startProcess('gateway', nodeArgs(entry.gateway), env, opts);
    processes.push(gateway);
    const worker = startProcess('worker', nodeArgs(entry.worker), env, opts);
    processes.push(worker);
    await waitForHttp(`http://127.0.0.1:${port}/readyz`, { process: gateway });
    await waitForHttp(`http://127.0.0.1:${env.WORKER_PORT ?? '4001'}/healthz`, { process: worker });
    return { processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function domainRequire(id) {
  return createRequire(join(ROOT, 'packages/domain/package.json'))(id);
}

/** Creates an empty utf8mb4 database; returns its URL on the same server as `serverUrl`. */
export async function createDatabase(serverUrl, name) {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const url = new URL(serverUrl);
  url.pathname = '/';
  const connection = await domainRequire('mysql2/promise').createConnection({ uri: url.toString() });
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(databaseUrl) {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  url.pathname = '/';
  const connection = await domainRequire('mysql2/promise').createConnection({ uri: url.toString() });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

/** Deletes every Redis key under a prefix (a test's own queues on a shared Redis). */
export async function deleteRedisKeys(redisUrl, prefix) {
  const Redis = domainRequire('ioredis').default ?? domainRequire('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
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

/** A free TCP port on the loopback interface. */
export async function freeLoopbackPort() {
  const net = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * The whole platform on a database, ports and queue prefix of its own (end-to-end tests and
 * benchmarks), with the processes' output appended to `logFile`. `stop()` also drops the database
 * and the Redis keys.
 */
export async function startIsolatedStack({ label, logFile, services, adminPassword, extraEnv = {} }) {
  const { randomBytes } = await import('node:crypto');
  const { appendFileSync, mkdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  const id = randomBytes(4).toString('hex');
  const databaseUrl = await createDatabase(services.DATABASE_URL, `dangjian_${label}_${id}`);
  const [port, workerPort, simPort] = [await freeLoopbackPort(), await freeLoopbackPort(), await freeLoopbackPort()];
  const queuePrefix = `dangjian-test:${label}:${id}`;
  const info = {
    baseUrl: `http://127.0.0.1:${port}`,
    simulatorUrl: `http://127.0.0.1:${simPort}`,
    upstreamToken: `${label}-token-${id}`,
    adminUsername: 'admin',
    adminPassword: adminPassword ?? `Adm-${randomBytes(6).toString('hex')}`,
    databaseUrl,
  };
  mkdirSync(dirname(logFile), { recursive: true });
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: services.REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    PORT: String(port),
    WORKER_PORT: String(workerPort),
    UPSTREAM_SIM_PORT: String(simPort),
    UPSTREAM_URL: info.simulatorUrl,
    UPSTREAM_TOKEN: info.upstreamToken,
    DANGJIAN_ADMIN_USERNAME: info.adminUsername,
    DANGJIAN_ADMIN_PASSWORD: info.adminPassword,
    ...extraEnv,
  };
  let stack;
  try {
    stack = await startStack(env, { log: (line) => appendFileSync(logFile, line) });
  } catch (error) {
    await dropDatabase(databaseUrl).catch(() => {});
    throw error;
  }
  return {
    info,
    async stop() {
      await stack.stop();
      await dropDatabase(databaseUrl);
      await deleteRedisKeys(services.REDIS_URL, queuePrefix);
    },
  };
}

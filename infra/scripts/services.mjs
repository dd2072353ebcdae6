#!/usr/bin/env node
// Makes sure MySQL/MariaDB and Redis answer before anything else runs (`pnpm start`, `pnpm dev`,
// `pnpm test` and CI all call this first). Where a server does not answer on a local address and
// its binary is installed, a project-local instance is started under .data/ on a free port and the
// URLs to use are written to .data/services.env. Where it is not installed, this prints the exact
// command to get it and exits non-zero. It needs nothing from node_modules, so it runs before
// `pnpm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = process.env.DANGJIAN_DATA_DIR ?? join(ROOT, '.data');
const ENV_FILE = join(DATA, 'services.env');
export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/dangjian';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/0';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Reads .data/services.env (written when a project-local server was started). */
export function savedServiceEnv() {
  if (!existsSync(ENV_FILE)) return {};
  return Object.fromEntries(
    readFileSync(ENV_FILE, 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

function parseUrl(name, value, protocols) {
  let url;
  try {
    url = new URL(value);
  } catch {
    fail(`${name} is not a URL: "${value}". Example: ${name === 'DATABASE_URL' ? DEFAULT_DATABASE_URL : DEFAULT_REDIS_URL}`);
  }
  if (!protocols.includes(url.protocol)) fail(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, not "${url.protocol}//"`);
  return url;
}

function fail(sentence) {
  console.error(`✗ ${sentence}`);
  process.exit(1);
}

/** Connects and reads what the server says first; resolves to the first bytes, or null. */
function probe(host, port, greeting, timeoutMs = 2000) {
  return new Promise((done) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const chunks = [];
    const finish = (value) => {
      socket.destroy();
      done(value);
    };
    socket.setTimeout(timeoutMs, () => finish(chunks.length ? Buffer.concat(chunks) : null));
    socket.on('error', () => finish(null));
    socket.on('connect', () => greeting && socket.write(greeting));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      finish(Buffer.concat(chunks));
    });
  });
}

/** A MySQL/MariaDB server speaks first: protocol version 10, then the server version string. */
async function mysqlAnswers(url) {
  const data = await probe(url.hostname, Number(url.port || 3306));
  if (!data || data.length < 6) return null;
  if (data[4] === 0xff) return { error: data.subarray(7).toString('utf8') };
  const end = data.indexOf(0, 5);
  return { version: data.subarray(5, end > 0 ? end : undefined).toString('utf8') };
}

async function redisAnswers(url) {
  const auth = url.password ? `AUTH ${decodeURIComponent(url.username ? `${url.username} ` : '')}${decodeURIComponent(url.password)}\r\n` : '';
  const data = await probe(url.hostname, Number(url.port || 6379), `${auth}PING\r\n`);
  if (!data) return null;
  const text = data.toString('utf8');
  return { ok: text.includes('+PONG') || text.includes('+OK'), text: text.trim() };
}

function which(binary) {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/local/sbin', '/usr/local/bin'])) {
    const file = join(dir, binary);
    if (existsSync(file)) return file;
  }
  return null;
}

function freePort() {
  return new Promise((done, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function waitFor(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  fail(`${what} did not come up within ${timeoutMs / 1000} s; see its log under .data/`);
}

const INSTALL_DB = `MySQL or MariaDB is needed. Install one of:
    Debian/Ubuntu:  apt-get update && apt-get install -y mariadb-server
    macOS:          brew install mariadb && brew services start mariadb
    Docker:         docker compose -f infra/docker-compose.yml up -d mysql redis
  or point DATABASE_URL at a server you have (e.g. mysql://user:password@host:3306/dangjian).`;
const INSTALL_REDIS = `Redis is needed. Install one of:
    Debian/Ubuntu:  apt-get update && apt-get install -y redis-server
    macOS:          brew install redis && brew services start redis
    Docker:         docker compose -f infra/docker-compose.yml up -d redis
  or point REDIS_URL at a server you have (e.g. redis://host:6379/0).`;

async function startLocalMysql(url, log) {
  const mariadbd = which('mariadbd');
  const mysqld = mariadbd ?? which('mysqld');
  if (!mysqld) fail(`nothing answers at DATABASE_URL (${url.host}) and no MySQL/MariaDB server is installed.\n  ${INSTALL_DB}`);
  const dir = join(DATA, 'mysql');
  const socket = join(DATA, 'mysql.sock');
  const port = await freePort();
  if (!existsSync(join(dir, 'mysql'))) {
    mkdirSync(dir, { recursive: true });
    const init = mariadbd
      ? spawnSync(which('mariadb-install-db') ?? 'mariadb-install-db', ['--no-defaults', `--datadir=${dir}`, '--auth-root-authentication-method=normal', '--skip-test-db', `--user=${process.env.USER ?? 'root'}`], { encoding: 'utf8' })
      : spawnSync(mysqld, ['--no-defaults', '--initialize-insecure', `--datadir=${dir}`, `--user=${process.env.USER ?? 'root'}`], { encoding: 'utf8' });
    if (init.status !== 0) fail(`could not initialise a project-local database in .data/mysql:\n${init.stderr || init.stdout}`);
  }
  // --no-defaults: the machine's my.cnf (its user, socket and port) must not leak into ours.
  const child = spawn(mysqld, ['--no-defaults', `--datadir=${dir}`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${socket}`, `--pid-file=${join(DATA, 'mysql.pid')}`, `--log-error=${join(DATA, 'mysql.log')}`, `--user=${process.env.USER ?? 'root'}`, '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci'], { detached: true, stdio: 'ignore' });
  child.unref();
  const local = new URL(url);
  local.hostname = '127.0.0.1';
  local.port = String(port);
  local.username = 'root';
  local.password = '';
  await waitFor(async () => Boolean((await mysqlAnswers(local))?.version), `the project-local ${mariadbd ? 'MariaDB' : 'MySQL'}`);
  log(`• started a project-local ${mariadbd ? 'MariaDB' : 'MySQL'} on 127.0.0.1:${port} (data in .data/mysql)`);
  return local.toString();
}

async function startLocalRedis(url, log) {
  const server = which('redis-server');
  if (!server) fail(`nothing answers at REDIS_URL (${url.host}) and redis-server is not installed.\n  ${INSTALL_REDIS}`);
  const port = await freePort();
  mkdirSync(join(DATA, 'redis'), { recursive: true });
  const child = spawn(server, ['--port', String(port), '--bind', '127.0.0.1', '--dir', join(DATA, 'redis'), '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--logfile', join(DATA, 'redis.log')], { detached: true, stdio: 'ignore' });
  child.unref();
  const local = new URL(`redis://127.0.0.1:${port}${url.pathname || '/0'}`);
  await waitFor(async () => Boolean((await redisAnswers(local))?.ok), 'the project-local Redis');
  log(`• started a project-local Redis on 127.0.0.1:${port} (no persistence)`);
  return local.toString();
}

/** Whether root may log in over TCP (MariaDB on Debian lets root in through the unix socket only). */
async function explainLoginProblem(databaseUrl) {
  let mysql;
  try {
    mysql = createRequire(join(ROOT, 'packages/domain/package.json'))('mysql2/promise');
  } catch {
    return null; // before `pnpm install`: the greeting is all we can check
  }
  const url = new URL(databaseUrl);
  url.pathname = '/';
  try {
    const connection = await mysql.createConnection({ uri: url.toString(), connectTimeout: 4000 });
    await connection.end();
    return null;
  } catch (error) {
    if (error.code === 'ER_ACCESS_DENIED_ERROR' || error.code === 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR') {
      return `the database refused the login in DATABASE_URL (${url.username || 'root'}@${url.host}).
  On Debian, MariaDB's root may only log in through the unix socket (unix_socket authentication),
  so a TCP login as root fails. Either give root a TCP login:
    mariadb -e "ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('')"
  or create a user for the platform and point DATABASE_URL at it:
    mariadb -e "CREATE USER dangjian@'%' IDENTIFIED BY 'change-me'; GRANT ALL ON *.* TO dangjian@'%'"
    export DATABASE_URL=mysql://dangjian:change-me@127.0.0.1:3306/dangjian`;
    }
    return `the database at DATABASE_URL answered but the login failed: ${error.message}`;
  }
}

/**
 * Checks both services and returns the environment the platform should run with (the given
 * URLs, or those of project-local servers started here).
 */
export async function ensureServices({ quiet = false } = {}) {
  const log = quiet ? () => {} : (line) => console.log(line);
  const saved = savedServiceEnv();
  const databaseUrl = process.env.DATABASE_URL ?? saved.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL ?? saved.REDIS_URL ?? DEFAULT_REDIS_URL;
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };

  const db = parseUrl('DATABASE_URL', databaseUrl, ['mysql:', 'mariadb:']);
  const mysql = await mysqlAnswers(db);
  if (mysql?.version) {
    const problem = await explainLoginProblem(databaseUrl);
    if (problem) fail(problem);
    log(`✓ database ${db.host} answers (${mysql.version})`);
  } else if (mysql?.error) {
    fail(`the database at DATABASE_URL (${db.host}) refused the connection: ${mysql.error}`);
  } else if (LOCAL_HOSTS.has(db.hostname) && !process.env.DATABASE_URL) {
    env.DATABASE_URL = await startLocalMysql(db, log);
  } else {
    fail(`nothing answers at DATABASE_URL (${db.host}). Start that server, or unset DATABASE_URL to use a local one.\n  ${INSTALL_DB}`);
  }

  const redis = parseUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:']);
  const pong = redis.protocol === 'rediss:' ? { ok: true } : await redisAnswers(redis);
  if (pong?.ok) {
    log(`✓ redis ${redis.host} answers`);
  } else if (pong) {
    fail(`Redis at REDIS_URL (${redis.host}) answered "${pong.text}" instead of PONG: check the password in REDIS_URL`);
  } else if (LOCAL_HOSTS.has(redis.hostname) && !process.env.REDIS_URL) {
    env.REDIS_URL = await startLocalRedis(redis, log);
  } else {
    fail(`nothing answers at REDIS_URL (${redis.host}). Start that server, or unset REDIS_URL to use a local one.\n  ${INSTALL_REDIS}`);
  }

  if (env.DATABASE_URL !== databaseUrl || env.REDIS_URL !== redisUrl) {
    mkdirSync(DATA, { recursive: true });
    writeFileSync(ENV_FILE, `DATABASE_URL=${env.DATABASE_URL}\nREDIS_URL=${env.REDIS_URL}\n`);
  }
  return env;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await ensureServices({ quiet: process.argv.includes('--quiet') });
}

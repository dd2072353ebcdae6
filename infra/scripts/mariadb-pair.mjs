#!/usr/bin/env node
// A private MariaDB primary with a replica, each a project-local mariadbd under a temporary
// directory on a free port: for the read-replica tests, and by hand (`node infra/scripts/mariadb-pair.mjs`
// prints DATABASE_URL and DATABASE_REPLICA_URLS and stops both servers on Ctrl-C). Nothing here
// touches the shared server of infra/scripts/services.mjs or the machine's my.cnf.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REPLICATION_USER = 'replicator';
const REPLICATION_PASSWORD = 'replica-test-only';

function which(binary) {
  for (const dir of (process.env.PATH ?? '')
    .split(':')
    .concat(['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin'])) {
    const file = join(dir, binary);
    if (existsSync(file)) return file;
  }
  return null;
}

/** The MariaDB server and its data directory initialiser, or an error that says how to get them. */
export function mariadbBinaries() {
  const server = which('mariadbd');
  const installDb = which('mariadb-install-db');
  if (!server || !installDb) {
    throw new Error(
      `a private MariaDB pair needs mariadbd and mariadb-install-db (missing: ${[!server && 'mariadbd', !installDb && 'mariadb-install-db'].filter(Boolean).join(', ')}).
  Install them:  apt-get update && apt-get install -y mariadb-server   (macOS: brew install mariadb)`,
    );
  }
  return { server, installDb };
}

function mysql2() {
  // mysql2 is a dependency of the domain package; this file lives outside any package.
  return createRequire(join(ROOT, 'packages/domain/package.json'))('mysql2/promise');
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

function logTail(file) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
}

/**
 * Initialises a data directory under `dir` and starts mariadbd on it (root without a password,
 * TCP on 127.0.0.1 only). `options` are extra server options (server id, binary log…).
 * Resolves once the server accepts a login.
 */
export async function startPrivateMariaDb({ dir, name, options = [], timeoutMs = 30_000 }) {
  const { server, installDb } = mariadbBinaries();
  const home = join(dir, name);
  const data = join(home, 'data');
  const logFile = join(home, 'mariadb.log');
  mkdirSync(home, { recursive: true });
  const user = userInfo().username;
  // Small redo log and buffer pool: two of these run beside everything else on a test machine.
  const small = ['--innodb-log-file-size=16M', '--innodb-buffer-pool-size=32M'];
  const init = spawnSync(
    installDb,
    [
      '--no-defaults',
      `--datadir=${data}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      `--user=${user}`,
      ...small,
    ],
    { encoding: 'utf8' },
  );
  if (init.status !== 0)
    throw new Error(`mariadb-install-db failed for the ${name} server:\n${init.stderr || init.stdout}`);

  const port = await freePort();
  // --no-defaults: the machine's my.cnf (its user, socket, port, server id) must not leak in.
  const child = spawn(
    server,
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(home, 'mariadb.sock')}`,
      `--pid-file=${join(home, 'mariadb.pid')}`,
      `--log-error=${logFile}`,
      `--tmpdir=${home}`,
      `--user=${user}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      ...small,
      ...options,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let gone = null;
  void exited.then((result) => (gone = result));

  const url = `mysql://root@127.0.0.1:${port}/`;
  const { createConnection } = mysql2();
  let admin = null;
  const deadline = Date.now() + timeoutMs;
  while (!admin) {
    if (gone)
      throw new Error(
        `the ${name} mariadbd exited (${gone.code ?? gone.signal}) while starting:\n${logTail(logFile)}`,
      );
    try {
      admin = await createConnection({ uri: url, connectTimeout: 2000, multipleStatements: true });
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(
          `the ${name} mariadbd did not accept a login within ${timeoutMs / 1000} s (${error.message}):\n${logTail(logFile)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    name,
    port,
    /** Server URL without a database; `urlFor(name)` adds one. */
    url,
    urlFor: (database) => `${url}${encodeURIComponent(database)}`,
    logFile,
    /** Runs statements as root and returns the rows (of the last one). */
    async sql(statement, params = []) {
      const [rows] = await admin.query(statement, params);
      return rows;
    },
    /** Shuts the server down (SIGTERM, then SIGKILL after `graceMs`). */
    async stop(graceMs = 15_000) {
      await admin.end().catch(() => undefined);
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Two private servers in a temporary directory: a primary (server id 1, binary log) and a replica
 * (server id 2, read-only) replicating from it. `stop()` shuts both down and removes the directory.
 */
export async function startMariaDbPair({ parentDir = tmpdir() } = {}) {
  mariadbBinaries();
  const dir = mkdtempSync(join(parentDir, 'dangjian-mariadb-pair-'));
  const started = [];
  const stopAll = async () => {
    await Promise.all(started.map((server) => server.stop().catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [primary, replica] = await Promise.all([
      startPrivateMariaDb({
        dir,
        name: 'primary',
        options: ['--server-id=1', `--log-bin=${join(dir, 'primary', 'binlog')}`, '--binlog-format=ROW'],
      }).then((server) => (started.push(server), server)),
      startPrivateMariaDb({
        dir,
        name: 'replica',
        // read-only keeps the platform's accounts from writing here; replication itself still applies.
        options: [
          '--server-id=2',
          `--relay-log=${join(dir, 'replica', 'relay')}`,
          '--read-only',
          '--skip-slave-start',
        ],
      }).then((server) => (started.push(server), server)),
    ]);

    await primary.sql(
      `CREATE USER '${REPLICATION_USER}'@'%' IDENTIFIED BY '${REPLICATION_PASSWORD}'; GRANT REPLICATION SLAVE ON *.* TO '${REPLICATION_USER}'@'%'`,
    );
    // From the primary's current GTID position on: both servers start from the same empty system
    // tables, so everything after this point (the platform's databases) is all the replica needs.
    const [position] = await primary.sql('SELECT @@gtid_binlog_pos AS pos');
    await replica.sql(`SET GLOBAL gtid_slave_pos = ?`, [position.pos]);
    await replica.sql(
      `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${primary.port}, MASTER_USER = '${REPLICATION_USER}',
         MASTER_PASSWORD = '${REPLICATION_PASSWORD}', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1`,
    );
    await replica.sql('START SLAVE');

    const pair = {
      dir,
      primary,
      replica,
      /** Waits until the replica has applied everything the primary has written so far. */
      async waitForReplica(timeoutSeconds = 20) {
        const [row] = await primary.sql('SELECT @@gtid_binlog_pos AS pos');
        const [waited] = await replica.sql('SELECT MASTER_GTID_WAIT(?, ?) AS result', [
          row.pos,
          timeoutSeconds,
        ]);
        if (Number(waited.result) !== 0) {
          const [status] = await replica.sql('SHOW SLAVE STATUS');
          throw new Error(
            `the replica did not reach the primary's position ${row.pos} within ${timeoutSeconds} s: ` +
              `IO ${status?.Slave_IO_Running}, SQL ${status?.Slave_SQL_Running}, ${status?.Last_Error || status?.Last_IO_Error || 'no error'}`,
          );
        }
      },
      /** Stops applying the primary's changes (the replica then lags behind on purpose). */
      async pauseReplication() {
        await replica.sql('STOP SLAVE');
      },
      async resumeReplication() {
        await replica.sql('START SLAVE');
      },
      stop: stopAll,
    };
    await pair.waitForReplica();
    return pair;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let pair;
  try {
    pair = await startMariaDbPair();
  } catch (error) {
    console.error(`✗ ${error.message}`);
    process.exit(1);
  }
  console.log(`• primary and replica running (data in ${pair.dir}); create the database on the primary, then:
    DATABASE_URL=${pair.primary.urlFor('dangjian')}
    DATABASE_REPLICA_URLS=${pair.replica.urlFor('dangjian')}
  Ctrl-C stops both and removes their data.`);
  const shutdown = async () => {
    await pair.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

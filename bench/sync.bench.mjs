#!/usr/bin/env node
// The sync end to end: a full sync from the upstream simulator (no injected latency, no rate
// limit) of 1,000,000 members and 100,000 transfers through the real path (`pnpm sync`'s own
// entry point as a child process, which runs the jobs itself when no worker is running), beside
// a raw mysql2 multi-row upsert of the same rows with the same per-row work and a naive TypeORM
// save() per row; then an incremental sync of 10,000 upstream changes through `pnpm sync`.
// Samples the sync process's RSS and Redis memory meanwhile; prints the figures, the ratios and
// PASS/FAIL per target; drops its databases and Redis keys at the end. Exits 0 either way.
//
//   pnpm bench sync
//   BENCH_MEMBERS=100000 BENCH_TRANSFERS=10000 pnpm bench sync     a smaller run while trying things
//   BENCH_SKIP_BASELINE=1                                           the product only
//   BENCH_CPU_PROF=<dir>                                            the full sync under node --cpu-prof
//   BENCH_MAX_LOAD=1.5                                              first wait (≤ 20 min) for a quieter machine
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { ensureServices, ROOT } from '../infra/scripts/services.mjs';
import { freeLoopbackPort, startProcess, waitForHttp } from '../infra/scripts/stack.mjs';
import { demo, domain, naiveTypeormSave, rawUpsert } from './lib/sync-baseline.mjs';
import {
  deletePrefix,
  findProcess,
  loadAverage,
  prefixMemory,
  processCpuSeconds,
  startSampler,
} from './lib/sync-probe.mjs';
import { applyChanges, changePlan } from './lib/sync-upstream.mjs';
import { table } from './lib/load.mjs';

const SIZES = {
  members: Number(process.env.BENCH_MEMBERS ?? 1_000_000),
  transfers: Number(process.env.BENCH_TRANSFERS ?? 100_000),
  changes: Number(process.env.BENCH_CHANGES ?? 10_000),
  seed: 7,
};
const ORM_SAMPLE = Number(process.env.BENCH_ORM_SAMPLE ?? 5_000);
const SKIP_BASELINE = process.env.BENCH_SKIP_BASELINE === '1';
const CPU_PROF = process.env.BENCH_CPU_PROF;
const TARGETS = {
  fullRate: 20_000,
  ratioToRaw: 0.5,
  incrementalSeconds: 5,
  redisBytes: 100 * 1024 * 1024,
  rssBytes: 512 * 1024 * 1024,
};
const TOKEN = 'bench-upstream-token';

const log = (line) => console.log(line);
const mb = (bytes) => {
  if (!Number.isFinite(bytes)) return '?';
  return Math.abs(bytes) < 1024 * 1024
    ? `${(bytes / 1024).toFixed(0)} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
};
const rate = (n) => `${Math.round(n).toLocaleString('en')}/s`;
const count = (n) => n.toLocaleString('en');

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

function checkBuilds() {
  for (const [pkg, entry] of [
    ['packages/domain', 'dist/index.js'],
    ['packages/upstream-client', 'dist/index.js'],
    ['apps/upstream-sim', 'dist/main.js'],
    ['apps/worker', 'dist/cli/sync.js'],
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

function databaseUrl(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createMigrated(url) {
  await domain.ensureDatabase(url);
  // The migration holds one connection for its lock while it runs on another.
  const dataSource = await domain.openDataSource({ databaseUrl: url, poolSize: 2 });
  try {
    await domain.migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Runs a command to its end, keeping its output; resolves to its exit code, output and wall time. */
function run(command, args, env, { onLine = () => {}, onStart = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    onStart(child);
    const lines = [];
    let pending = '';
    const take = (chunk) => {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 200) lines.shift();
        onLine(line);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (pending) lines.push(pending);
      resolve({ code, lines, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** The run summary `pnpm sync` prints last (one JSON line). */
function summaryOf(lines) {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (!line.startsWith('{')) continue;
    try {
      return JSON.parse(line);
    } catch {
      // Not the summary.
    }
  }
  return null;
}

async function scalar(url, sql) {
  const dataSource = await domain.openDataSource({ databaseUrl: url, poolSize: 1 });
  try {
    const rows = await dataSource.query(sql);
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])))[0];
  } finally {
    await dataSource.destroy();
  }
}

/** A server variable (SHOW VARIABLES), as a number when it is one. */
async function serverVariable(url, name) {
  const dataSource = await domain.openDataSource({ databaseUrl: url, poolSize: 1 });
  try {
    const [row] = await dataSource.query('SHOW VARIABLES LIKE ?', [name]);
    return row && /^\d+$/.test(row.Value) ? Number(row.Value) : row?.Value;
  } finally {
    await dataSource.destroy();
  }
}

/** Pages InnoDB has read from disk since the server started (the whole server: it is shared). */
async function bufferPoolReads(url) {
  const dataSource = await domain.openDataSource({ databaseUrl: url, poolSize: 1 });
  try {
    const [row] = await dataSource.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_reads'");
    return Number(row?.Value ?? NaN);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Waits (up to `timeoutMs`) until InnoDB has written out most of its dirty pages: right after a
 * million-row load the server is still flushing it, and reads for the next run wait for free pages
 * behind those writes. A real incremental sync comes hours after the full one.
 */
async function waitForFlush(url, timeoutMs) {
  const dataSource = await domain.openDataSource({ databaseUrl: url, poolSize: 1 });
  const started = performance.now();
  try {
    const dirty = async () => {
      const rows = await dataSource.query(
        "SHOW GLOBAL STATUS WHERE `Variable_name` IN ('Innodb_buffer_pool_pages_dirty', 'Innodb_buffer_pool_pages_total')",
      );
      const value = (name) => Number(rows.find((row) => row.Variable_name === name)?.Value ?? NaN);
      return {
        dirty: value('Innodb_buffer_pool_pages_dirty'),
        total: value('Innodb_buffer_pool_pages_total'),
      };
    };
    const first = await dirty();
    let now = first;
    while (now.dirty > now.total * 0.05 && performance.now() - started < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      now = await dirty();
    }
    return {
      from: first.dirty,
      to: now.dirty,
      total: now.total,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * BENCH_MAX_LOAD=1.5: waits (up to BENCH_MAX_WAIT_MINUTES, 20 by default) for the 1-minute load
 * average to drop below it, so that the figures are of this work rather than of its neighbours.
 * Goes ahead when the wait runs out; the load is printed beside the figures either way.
 */
async function waitForQuiet() {
  const ceiling = Number(process.env.BENCH_MAX_LOAD ?? NaN);
  if (!Number.isFinite(ceiling)) return;
  const deadline = Date.now() + Number(process.env.BENCH_MAX_WAIT_MINUTES ?? 20) * 60_000;
  let said = false;
  while (os.loadavg()[0] >= ceiling && Date.now() < deadline) {
    if (!said) log(`• waiting for the load average (${loadAverage(os)}) to drop below ${ceiling}…`);
    said = true;
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
  if (os.loadavg()[0] >= ceiling) log(`! the load average is still ${loadAverage(os)}: measuring anyway`);
}

async function main() {
  checkBuilds();
  const services = await ensureServices({ quiet: true });
  const tag = randomBytes(4).toString('hex');
  const names = {
    product: `dangjian_bench_sync_${tag}`,
    raw: `dangjian_bench_sync_${tag}_raw`,
    orm: `dangjian_bench_sync_${tag}_orm`,
  };
  const urls = Object.fromEntries(
    Object.entries(names).map(([k, name]) => [k, databaseUrl(services.DATABASE_URL, name)]),
  );
  const queuePrefix = `dangjian-bench:${tag}`;
  const piiKey = randomBytes(32).toString('hex');
  const cipher = new domain.PiiCipher(piiKey);
  const population = demo.generatePopulation(SIZES);
  const upstreamTotal = population.organizations.length + SIZES.members + SIZES.transfers;
  const { Redis } = createRequire(join(ROOT, 'packages/domain/package.json'))('ioredis');
  const redis = new Redis(services.REDIS_URL, { maxRetriesPerRequest: 2 });
  const databasePid = findProcess(['mariadbd', 'mysqld']);
  await waitForQuiet();
  const loadAtStart = loadAverage(os);
  log(`• ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${loadAtStart} (1, 5, 15 min)`);
  log(
    `• upstream: ${count(population.organizations.length)} organisations, ${count(SIZES.members)} members, ${count(SIZES.transfers)} transfers (seed ${SIZES.seed}); databases ${names.product}{,_raw,_orm}; queue prefix ${queuePrefix}`,
  );

  const results = {
    date: new Date().toISOString(),
    sizes: SIZES,
    loadAtStart,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`,
  };
  let simulator;
  try {
    await Promise.all(Object.values(urls).map(createMigrated));
    results.bufferPool = await serverVariable(urls.product, 'innodb_buffer_pool_size');
    results.databaseVersion = await serverVariable(urls.product, 'version');

    const simPort = await freeLoopbackPort();
    const simUrl = `http://127.0.0.1:${simPort}`;
    const simStarted = performance.now();
    simulator = startProcess(
      'upstream-sim',
      [
        join(ROOT, 'apps/upstream-sim/dist/main.js'),
        '--port',
        String(simPort),
        '--members',
        String(SIZES.members),
        '--transfers',
        String(SIZES.transfers),
        '--seed',
        String(SIZES.seed),
        '--no-rate-limit',
      ],
      { ...process.env, UPSTREAM_TOKEN: TOKEN },
      { log: () => {} },
    );
    await waitForHttp(`${simUrl}/healthz`, { process: simulator, timeoutMs: 180_000 });
    log(
      `• simulator ready on ${simUrl} in ${((performance.now() - simStarted) / 1000).toFixed(1)} s (pid ${simulator.child.pid})`,
    );

    const env = {
      ...process.env,
      ...services,
      DATABASE_URL: urls.product,
      QUEUE_PREFIX: queuePrefix,
      UPSTREAM_URL: simUrl,
      UPSTREAM_TOKEN: TOKEN,
      PII_ENCRYPTION_KEY: piiKey,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      TZ: 'Asia/Shanghai',
    };

    // ── full sync ──
    const nodeArgs = CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF] : [];
    log(`• full sync: node apps/worker/dist/cli/sync.js${CPU_PROF ? ` (profiled into ${CPU_PROF})` : ''}…`);
    const cpuBefore = {
      sim: processCpuSeconds(simulator.child.pid),
      db: databasePid ? processCpuSeconds(databasePid) : null,
    };
    let sampler;
    let syncCpu = null;
    let syncPid = null;
    let lastProgress = 0;
    const full = await run(process.execPath, [...nodeArgs, join(ROOT, 'apps/worker/dist/cli/sync.js')], env, {
      onStart: (child) => {
        syncPid = child.pid;
        sampler = startSampler({ pid: child.pid, redis, prefix: queuePrefix });
        const cpuTimer = setInterval(() => {
          syncCpu = processCpuSeconds(child.pid) ?? syncCpu;
        }, 500);
        child.once('exit', () => clearInterval(cpuTimer));
      },
      onLine: (line) => {
        if (Date.now() - lastProgress > 10_000 || !line.startsWith('同步 #')) {
          lastProgress = Date.now();
          log(`  ${line.slice(0, 160)}`);
        }
      },
    });
    const sampled = await sampler.stop();
    const summary = summaryOf(full.lines);
    const cpu = {
      sync: syncCpu,
      simulator: (processCpuSeconds(simulator.child.pid) ?? NaN) - (cpuBefore.sim ?? NaN),
      database: databasePid ? (processCpuSeconds(databasePid) ?? NaN) - (cpuBefore.db ?? NaN) : NaN,
    };
    const loadAfterFull = loadAverage(os);
    if (full.code !== 0 || !summary) {
      throw new Error(`the full sync failed (exit ${full.code}):\n${full.lines.slice(-20).join('\n')}`);
    }
    const landed = await scalar(
      urls.product,
      'SELECT (SELECT COUNT(*) FROM `organization`) AS organizations, (SELECT COUNT(*) FROM `member` WHERE `deleted_at` IS NULL) AS members, (SELECT COUNT(*) FROM `transfer` WHERE `deleted_at` IS NULL) AS transfers',
    );
    const fullRecords = landed.organizations + landed.members + landed.transfers;
    results.full = {
      command: 'node apps/worker/dist/cli/sync.js',
      pid: syncPid,
      exitCode: full.code,
      seconds: full.seconds,
      runSeconds: summary.durationMs / 1000,
      summary,
      landed,
      records: fullRecords,
      rate: fullRecords / full.seconds,
      rssPeak: sampled.rssPeak,
      redis: sampled,
      cpu,
      loadAfter: loadAfterFull,
    };
    log(
      `  ${count(fullRecords)} records in ${full.seconds.toFixed(1)} s end to end (run ${(summary.durationMs / 1000).toFixed(1)} s): ${rate(results.full.rate)}; ` +
        `RSS peak ${mb(sampled.rssPeak)}; CPU s: sync ${cpu.sync?.toFixed(0)}, simulator ${cpu.simulator.toFixed(0)}, database ${cpu.database.toFixed(0)}; load ${loadAfterFull}`,
    );
    if (fullRecords !== upstreamTotal || summary.quarantined) {
      log(
        `! expected ${count(upstreamTotal)} records locally, found ${count(fullRecords)} (quarantined ${summary.quarantined})`,
      );
    }

    // ── incremental sync ──
    const flushed = await waitForFlush(urls.product, 120_000);
    results.flushBeforeIncremental = flushed;
    log(
      `• waited ${flushed.seconds.toFixed(1)} s for the database to write out the full sync (dirty pages ${count(flushed.from)} → ${count(flushed.to)} of ${count(flushed.total)})`,
    );
    const { plan, renames, deletions, transfers } = changePlan(population, SIZES.changes);
    const changeStarted = performance.now();
    await applyChanges(simUrl, TOKEN, plan);
    log(
      `• changed ${count(plan.length)} records upstream (${count(renames)} members renamed with a new phone, ${count(deletions)} members deleted, ${count(transfers)} transfers) in ${((performance.now() - changeStarted) / 1000).toFixed(1)} s`,
    );
    const pnpm =
      process.env.npm_execpath && /pnpm/.test(process.env.npm_execpath)
        ? [process.execPath, [process.env.npm_execpath]]
        : ['pnpm', []];
    log('• incremental sync: pnpm sync…');
    const readsBefore = await bufferPoolReads(urls.product);
    const incremental = await run(pnpm[0], [...pnpm[1], 'sync'], env);
    const pageReads = (await bufferPoolReads(urls.product)) - readsBefore;
    const incSummary = summaryOf(incremental.lines);
    if (incremental.code !== 0 || !incSummary) {
      throw new Error(
        `the incremental sync failed (exit ${incremental.code}):\n${incremental.lines.slice(-20).join('\n')}`,
      );
    }
    const after = await scalar(
      urls.product,
      "SELECT (SELECT COUNT(*) FROM `member` WHERE `name` LIKE '改名%' AND `deleted_at` IS NULL) AS renamed, " +
        '(SELECT COUNT(*) FROM `member` WHERE `deleted_at` IS NOT NULL) AS deleted, ' +
        "(SELECT COUNT(*) FROM `transfer` WHERE `reason` LIKE '变更%') AS transfers",
    );
    const phoneCheck = await (async () => {
      const dataSource = await domain.openDataSource({ databaseUrl: urls.product, poolSize: 1 });
      try {
        const [row] = await dataSource.query("SELECT `phone_cipher` FROM `member` WHERE `name` = '改名0'");
        return row ? cipher.decrypt(row.phone_cipher) === '13900000000' : false;
      } finally {
        await dataSource.destroy();
      }
    })();
    const incrementalOk =
      after.renamed === renames && after.deleted === deletions && after.transfers === transfers && phoneCheck;
    results.incremental = {
      command: 'pnpm sync',
      changes: plan.length,
      seconds: incremental.seconds,
      runSeconds: incSummary.durationMs / 1000,
      summary: incSummary,
      verified: { ...after, phoneDecrypts: phoneCheck, ok: incrementalOk },
      pageReads,
    };
    log(
      `  ${count(incSummary.applied)} applied in ${incremental.seconds.toFixed(2)} s for \`pnpm sync\` (the run itself ${(incSummary.durationMs / 1000).toFixed(2)} s); ` +
        `${incrementalOk ? 'every change is in the database' : `! found ${JSON.stringify(after)}, phone decrypts: ${phoneCheck}`}; ` +
        `${count(pageReads)} InnoDB page reads from disk meanwhile (buffer pool ${mb(results.bufferPool)})`,
    );
    results.redisAfter = await prefixMemory(redis, queuePrefix);

    await simulator.stop();
    simulator = undefined;

    // ── baselines ──
    if (!SKIP_BASELINE) {
      log(
        `• raw mysql2 upsert of the same rows (batches of 1000, one connection, per-row PII work included) into ${names.raw}…`,
      );
      let shown = 0;
      const raw = await rawUpsert({
        url: urls.raw,
        population,
        cipher,
        onProgress: (figures) => {
          if (figures.members + figures.transfers - shown >= 250_000) {
            shown = figures.members + figures.transfers;
            log(`  ${count(shown)} rows…`);
          }
        },
      });
      const rawRecords = raw.organizations + raw.members + raw.transfers;
      results.raw = {
        ...raw,
        records: rawRecords,
        seconds: raw.workSeconds + raw.sqlSeconds,
        rate: rawRecords / (raw.workSeconds + raw.sqlSeconds),
        sqlOnlyRate: rawRecords / raw.sqlSeconds,
      };
      log(
        `  ${count(rawRecords)} rows: SQL ${raw.sqlSeconds.toFixed(1)} s + per-row work ${raw.workSeconds.toFixed(1)} s → ${rate(results.raw.rate)} (SQL alone ${rate(results.raw.sqlOnlyRate)})`,
      );

      log(
        `• naive TypeORM repository.save() per member over ${count(ORM_SAMPLE)} members into ${names.orm}…`,
      );
      const orm = await naiveTypeormSave({ url: urls.orm, population, cipher, sample: ORM_SAMPLE });
      results.orm = {
        ...orm,
        rate: orm.rows / orm.seconds,
        extrapolatedSeconds: fullRecords / (orm.rows / orm.seconds),
      };
      log(
        `  ${count(orm.rows)} rows in ${orm.seconds.toFixed(1)} s → ${rate(results.orm.rate)} (the full sync's rows would take ${(results.orm.extrapolatedSeconds / 60).toFixed(0)} min)`,
      );
    }
    results.loadAtEnd = loadAverage(os);
    report(results);
  } catch (error) {
    console.error(`✗ ${error.message}`);
    process.exitCode = 0;
  } finally {
    if (simulator) await simulator.stop();
    for (const url of Object.values(urls))
      await domain.dropDatabase(url).catch((error) => log(`! could not drop ${url}: ${error.message}`));
    const removed = await deletePrefix(redis, queuePrefix).catch(() => NaN);
    log(`\n• dropped ${Object.values(names).join(', ')}; removed ${removed} Redis keys under ${queuePrefix}`);
    redis.disconnect();
  }
}

function report(results) {
  const { full, incremental, raw, orm } = results;
  const ratio = raw ? full.rate / raw.rate : NaN;
  const redisDelta = full.redis.redisUsedMax - full.redis.redisUsedStart;
  const redisFigure = Math.max(redisDelta, full.redis.prefixBytesMax);
  const rows = [['step', 'records', 'seconds', 'records/s', 'ratio to raw', 'RSS peak', 'Redis peak']];
  rows.push([
    'full sync (pnpm sync entry point)',
    count(full.records),
    full.seconds.toFixed(1),
    rate(full.rate),
    raw ? `${ratio.toFixed(2)}×` : '—',
    mb(full.rssPeak),
    `${mb(redisDelta)} Δ / ${mb(full.redis.prefixBytesMax)} keys`,
  ]);
  if (raw) {
    rows.push([
      'raw mysql2 upsert, PII work included',
      count(raw.records),
      raw.seconds.toFixed(1),
      rate(raw.rate),
      '1.00×',
      '—',
      '—',
    ]);
    rows.push([
      'raw mysql2 upsert, SQL time only',
      count(raw.records),
      raw.sqlSeconds.toFixed(1),
      rate(raw.sqlOnlyRate),
      `${(raw.rate / raw.sqlOnlyRate).toFixed(2)}×`,
      '—',
      '—',
    ]);
  }
  if (orm)
    rows.push([
      `naive TypeORM save() per row (${count(orm.rows)} sampled)`,
      count(orm.rows),
      orm.seconds.toFixed(1),
      rate(orm.rate),
      raw ? `${(orm.rate / raw.rate).toFixed(3)}×` : '—',
      '—',
      '—',
    ]);
  rows.push([
    `incremental sync (${incremental.command})`,
    count(incremental.changes),
    incremental.seconds.toFixed(2),
    rate(incremental.changes / incremental.seconds),
    '—',
    '—',
    '—',
  ]);
  console.log('');
  table(rows);

  const verdicts = [
    [full.rate >= TARGETS.fullRate, `full sync ${rate(full.rate)} ≥ ${rate(TARGETS.fullRate)} end to end`],
    [
      raw ? ratio >= TARGETS.ratioToRaw : null,
      `full sync at ${raw ? ratio.toFixed(2) : '?'}× the raw upsert with the same per-row work ≥ ${TARGETS.ratioToRaw}×`,
    ],
    [
      incremental.seconds < TARGETS.incrementalSeconds && incremental.verified.ok,
      `incremental sync of ${count(incremental.changes)} changes in ${incremental.seconds.toFixed(2)} s < ${TARGETS.incrementalSeconds} s (\`pnpm sync\` from start to exit; the run itself ${incremental.runSeconds.toFixed(2)} s${incremental.verified.ok ? '; every change verified' : '; CHANGES MISSING'})`,
    ],
    [
      redisFigure < TARGETS.redisBytes,
      `Redis ${mb(redisFigure)} < ${mb(TARGETS.redisBytes)} (largest of: instance used_memory rise ${mb(redisDelta)} — shared with other processes —, the run's keys ${mb(full.redis.prefixBytesMax)} in ${full.redis.prefixKeysMax} keys; instance peak ${mb(full.redis.redisPeakStart)} → ${mb(full.redis.redisPeakEnd)})`,
    ],
    [
      full.rssPeak < TARGETS.rssBytes,
      `sync process RSS peak (VmHWM) ${mb(full.rssPeak)} < ${mb(TARGETS.rssBytes)}`,
    ],
  ];
  console.log('');
  for (const [ok, text] of verdicts) console.log(`${ok === null ? 'N/A ' : ok ? 'PASS' : 'FAIL'}  ${text}`);
  console.log(
    `\nCPU seconds during the full sync: sync process ${full.cpu.sync?.toFixed(0) ?? '?'}, simulator ${full.cpu.simulator.toFixed(0)}, database server ${Number.isFinite(full.cpu.database) ? full.cpu.database.toFixed(0) : '?'} (of ${(full.seconds * os.cpus().length).toFixed(0)} available)`,
  );
  console.log(
    `machine: ${results.machine}; load average at start ${results.loadAtStart}, after the full sync ${full.loadAfter}, at the end ${results.loadAtEnd}`,
  );
  console.log(
    `database: ${results.databaseVersion}, innodb_buffer_pool_size ${mb(results.bufferPool)} (shared with the other databases on the server); ` +
      `the incremental sync read ${count(incremental.pageReads)} pages from disk`,
  );
  console.log(
    'the raw baseline includes the per-row work (PiiCipher encryption of id card and phone, keyed hash, masking); generating the records is not timed',
  );

  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sync-${results.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ ...results, ratio, targets: TARGETS }, null, 2)}\n`);
  console.log(`figures written to ${file.slice(ROOT.length + 1)}`);
}

await main();
// The Redis client, a kept-alive agent or a pool may still hold the loop open.
process.exit(process.exitCode ?? 0);

#!/usr/bin/env node
// The soak: the gateway (production build) at SOAK_RATE requests/s of a working day's mix (member
// lists with filters, the organisation tree, transfer work lists, subdistrictOverview, myTodos,
// daily-work lists, checklist items and meetings written, sign-ins) for SOAK_SECONDS, over 100,000
// members and 20,000 transfers of the upstream simulator's generated population (loaded by a first
// full sync), while the nightly full sync of that population runs again. Samples the gateway's RSS and heap every few seconds. With SOAK_KILL=1 it runs two gateways
// and two workers and, SOAK_KILLS times at random moments, SIGKILLs one of them at random and
// starts it again; reads cut off by a kill are sent again to the other gateway, as a balancer
// would. At the end every write that was acknowledged (HTTP 200, no error) must be in the database.
// Prints PASS/FAIL per check and exits 0 either way; drops its database and Redis keys and stops
// every process it started.
//
//   pnpm bench soak                                  10 minutes at 200 requests/s
//   SOAK_KILL=1 pnpm bench soak                      …killing a gateway or worker now and then
//   SOAK_SECONDS=60 SOAK_RATE=100 pnpm bench soak    a short run while trying things
// Other knobs: SOAK_MEMBERS (100000), SOAK_TRANSFERS (20000), SOAK_SYNC_AT (seconds into the run
// the sync is requested; a tenth of the run), SOAK_KILLS (3), SOAK_SAMPLE_SECONDS (5), SOAK_WARMUP_SECONDS (20).
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ensureServices, ROOT } from '../infra/scripts/services.mjs';
import { fmt, table } from './lib/load.mjs';
import { runMix, slope } from './lib/mix.mjs';
import {
  checkBuilds,
  gatewayHeapUsed,
  gqlData,
  openConnection,
  outputTail,
  signIn,
  startOpsStack,
} from './lib/ops-stack.mjs';
import { processMemory } from './lib/sync-probe.mjs';
import { organisationsFor, soakOperations } from './lib/soak-mix.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 200);
const KILL = process.env.SOAK_KILL === '1';
const KILLS = Number(process.env.SOAK_KILLS ?? 3);
const MEMBERS = Number(process.env.SOAK_MEMBERS ?? 100_000);
const TRANSFERS = Number(process.env.SOAK_TRANSFERS ?? 20_000);
const SYNC_AT = Number(process.env.SOAK_SYNC_AT ?? Math.max(5, Math.round(SECONDS / 10)));
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 5);
// At the full rate before the measured run, not counted: a gateway just started compiles its code
// paths and fills its caches (a balancer brings a new replica in the same way, by slow start).
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 20);
const TARGETS = { membersP99: 50, overviewP99: 100, rssSlopeMbPerMin: 2 };

const log = (line) => console.log(line);
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : '?');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const SYNC_RUN = 'query ($id: ID!) { syncRun(id: $id) { id status } }';

async function main() {
  checkBuilds(log);
  const services = await ensureServices();
  log(
    `• ${os.cpus().length} CPUs, load average ${load()} (1, 5, 15 min); ${SECONDS} s at ${RATE} requests/s${KILL ? `, killing a process ${KILLS} times` : ''}`,
  );
  const tail = outputTail();
  const verdicts = [];
  const figures = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    rate: RATE,
    kill: KILL,
    members: MEMBERS,
    transfers: TRANSFERS,
    loadBefore: os.loadavg(),
  };
  let stack;
  try {
    log(
      `• syncing ${MEMBERS.toLocaleString('en')} members and ${TRANSFERS.toLocaleString('en')} transfers from the simulator…`,
    );
    stack = await startOpsStack({
      label: 'soak',
      services,
      members: MEMBERS,
      transfers: TRANSFERS,
      gateways: KILL ? 2 : 1,
      workers: KILL ? 2 : 1,
      log,
      childLog: tail.log,
    });
    const gateways = stack.gateways;
    const admin = { username: stack.secrets.adminUsername, password: stack.secrets.adminPassword };
    await signIn(gateways[0].baseUrl, admin.username, admin.password); // waits until the account is made
    const LOGIN =
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken refreshToken } }';
    let session = (await gqlData(gateways[0].baseUrl, LOGIN, { u: admin.username, p: admin.password })).login;
    const { branches, communities } = await organisationsFor(
      gqlData,
      gateways[0].baseUrl,
      session.accessToken,
    );
    // Access tokens last 15 minutes: a longer run renews its session every 5 with the refresh token.
    const renewer = setInterval(async () => {
      const base = gateways.find((g) => g.alive)?.baseUrl;
      if (!base) return;
      try {
        const renewed = await gqlData(
          base,
          'mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }',
          { r: session.refreshToken },
        );
        session = renewed.refreshToken;
      } catch (error) {
        log(`! could not renew the session: ${error.message}`);
      }
    }, 5 * 60_000);
    log(
      `• ${gateways.length} gateway(s), ${stack.workers.length} worker(s) up; ${branches.length} branches, ${communities.length} communities`,
    );

    const marker = `soak${randomBytes(3).toString('hex')}`;
    const written = [];
    const ops = soakOperations({ branches, communities, marker, written, credentials: admin });
    const down = new Set();
    const targets = () => gateways.filter((g) => !down.has(g.name) && g.alive).map((g) => g.baseUrl);
    // The working day's mix at the soak's rate, spread over the gateways that are up.
    const mix = (seconds, onSecond) =>
      runMix({ ops, targets, token: () => session.accessToken, rate: RATE, seconds, onSecond });
    if (WARMUP_SECONDS > 0) {
      const warm = await mix(WARMUP_SECONDS);
      log(
        `• warmed up for ${WARMUP_SECONDS} s at ${RATE}/s (not counted): p99 ${fmt(warm.p99)}, ${warm.errors} errors`,
      );
    }

    // Memory: every few seconds, each gateway's RSS (from /proc) and heap in use (its own metrics).
    const samples = [];
    const started = performance.now();
    const sampler = setInterval(async () => {
      const t = (performance.now() - started) / 1000;
      for (const g of [...gateways, ...stack.workers]) {
        if (!g.alive) continue;
        const memory = processMemory(g.pid);
        const heap = g.name.startsWith('gateway') ? await gatewayHeapUsed(g.baseUrl) : null;
        if (memory) samples.push({ t, process: `${g.name}#${g.starts}`, rss: memory.rss, heap });
      }
    }, SAMPLE_SECONDS * 1000);

    // The nightly sync: a full sync requested SYNC_AT seconds in, followed until it ends.
    const sync = { requestedAt: null, endedAt: null, status: null, error: null };
    const syncDone = (async () => {
      await sleep(SYNC_AT * 1000);
      try {
        const data = await gqlData(
          targets()[0],
          'mutation { requestSync(full: true) { id status } }',
          {},
          session.accessToken,
        );
        sync.requestedAt = (performance.now() - started) / 1000;
        const id = data.requestSync.id;
        log(`  full sync #${id} requested at ${sync.requestedAt.toFixed(0)} s`);
        const deadline = performance.now() + (SECONDS + 600) * 1000;
        while (performance.now() < deadline) {
          await sleep(2000);
          const base = targets()[0];
          if (!base) continue;
          const run = await gqlData(base, SYNC_RUN, { id }, session.accessToken).catch(() => null);
          sync.status = run?.syncRun?.status ?? sync.status;
          if (sync.status && !['QUEUED', 'RUNNING'].includes(sync.status)) {
            sync.endedAt = (performance.now() - started) / 1000;
            log(
              `  full sync #${id} ${sync.status} at ${sync.endedAt.toFixed(0)} s (${(sync.endedAt - sync.requestedAt).toFixed(0)} s)`,
            );
            return;
          }
        }
      } catch (error) {
        sync.error = error.message;
      }
    })();

    // The kills: at random moments in the middle 80 % of the run, one process at a time.
    const kills = [];
    const killer = KILL
      ? (async () => {
          const moments = Array.from(
            { length: KILLS },
            (_, k) => SECONDS * (0.1 + (0.8 * (k + Math.random())) / KILLS) * 1000,
          ).sort((a, b) => a - b);
          for (const moment of moments) {
            const wait = moment - (performance.now() - started);
            if (wait > 0) await sleep(wait);
            const candidates = [...gateways, ...stack.workers];
            const victim = candidates[Math.floor(Math.random() * candidates.length)];
            const at = (performance.now() - started) / 1000;
            // A balancer stops sending to a gateway once its health check fails; here the moment it dies.
            down.add(victim.name);
            await victim.kill();
            await sleep(1000);
            const restartStarted = performance.now();
            try {
              await victim.start();
              kills.push({
                at,
                process: victim.name,
                restartSeconds: (performance.now() - restartStarted) / 1000,
              });
              log(
                `  SIGKILL ${victim.name} at ${at.toFixed(0)} s; back in ${((performance.now() - restartStarted) / 1000).toFixed(1)} s`,
              );
            } catch (error) {
              kills.push({ at, process: victim.name, error: error.message });
              log(`  SIGKILL ${victim.name} at ${at.toFixed(0)} s; it did not come back: ${error.message}`);
            }
            down.delete(victim.name);
          }
        })()
      : Promise.resolve();

    const machineBefore = os.loadavg()[0];
    const result = await mix(SECONDS, (s) => {
      if (s % 60 === 0) log(`  ${s} s: load average ${load()}, ${written.length} writes acknowledged`);
    });
    await killer;
    clearInterval(sampler);
    clearInterval(renewer);
    figures.loadDuring = [machineBefore, os.loadavg()[0]];
    log(`• load done (load average ${load()}); waiting for the sync to end…`);
    await syncDone;

    // Acknowledged writes: each must be in the database, with the title it was written with.
    const connection = await openConnection(stack.databaseUrl);
    let missing = [];
    try {
      for (const tableName of ['checklist_item', 'meeting']) {
        const rows = written.filter((w) => w.table === tableName);
        const found = new Map();
        for (let i = 0; i < rows.length; i += 1000) {
          const ids = rows.slice(i, i + 1000).map((r) => r.id);
          const column = tableName === 'meeting' ? 'topic' : 'title';
          const [got] = await connection.query(
            `SELECT id, \`${column}\` AS title FROM \`${tableName}\` WHERE id IN (?)`,
            [ids],
          );
          for (const row of got) found.set(String(row.id), row.title);
        }
        missing = missing.concat(rows.filter((r) => found.get(r.id) !== r.title));
      }
    } finally {
      await connection.end();
    }

    report({ result, samples, sync, kills, written, missing, verdicts, figures });
  } catch (error) {
    console.error(`✗ ${error.stack ?? error.message}`);
    console.error(
      tail.lines
        .slice(-30)
        .map((line) => line.trimEnd().slice(0, 300))
        .join('\n'),
    );
    verdicts.push([false, `the soak ran to its end (${error.message})`]);
  } finally {
    if (stack) await stack.stop();
  }
  console.log('');
  for (const [ok, text] of verdicts) console.log(`${ok === null ? 'SKIP' : ok ? 'PASS' : 'FAIL'}  ${text}`);
  console.log(
    `\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average now ${load()}; MySQL, Redis, the simulator and the load generator on the same machine`,
  );
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ ...figures, verdicts }, null, 2)}\n`);
  console.log(`figures written to ${file.slice(ROOT.length + 1)}`);
}

function memoryFigures(samples) {
  // One series per process life: a killed and restarted gateway starts a new one (name#2…).
  const byProcess = new Map();
  for (const s of samples) {
    if (!byProcess.has(s.process)) byProcess.set(s.process, []);
    byProcess.get(s.process).push(s);
  }
  const rows = [];
  for (const [name, series] of byProcess) {
    const span = series.at(-1).t - series[0].t;
    // Past the first fifth of the run: start-up and the first JIT and cache fills are not a leak.
    const settled = series.filter((s) => s.t >= series[0].t + span / 5);
    rows.push({
      name,
      span,
      // Started before the load and never killed: its series spans the whole run.
      covers: name.endsWith('#1') && !byProcess.has(name.replace(/#1$/, '#2')),
      start: series[0].rss,
      end: series.at(-1).rss,
      max: Math.max(...series.map((s) => s.rss)),
      slopeMbPerMin: (slope(settled.map((s) => [s.t, s.rss])) * 60) / 1024 / 1024,
      heapStart: series[0].heap,
      heapEnd: series.at(-1).heap,
      heapMax: Math.max(...series.map((s) => s.heap ?? 0)),
      heapSlopeMbPerMin: settled.every((s) => s.heap !== null)
        ? (slope(settled.map((s) => [s.t, s.heap])) * 60) / 1024 / 1024
        : NaN,
    });
  }
  return rows;
}

function report({ result, samples, sync, kills, written, missing, verdicts, figures }) {
  console.log('');
  const rows = [
    ['operation', 'share', 'answered', 'p50', 'p95', 'p99', 'max', 'errors', 'cut by a kill', 'resent'],
  ];
  for (const op of result.perOp) {
    const share = result.shares.find(([name]) => name === op.name)[1];
    rows.push([
      op.name,
      `${(share * 100).toFixed(0)} %`,
      String(op.count),
      fmt(op.p50),
      fmt(op.p95),
      fmt(op.p99),
      fmt(op.max),
      String(op.errors),
      String(op.lost),
      String(op.retried),
    ]);
  }
  table(rows);
  console.log(
    `asked ${RATE}/s, achieved ${result.achievedRate.toFixed(1)}/s; ${result.dropped} not sent (more than 512 in flight); all operations p99 ${fmt(result.p99)}`,
  );
  for (const op of result.perOp)
    if (op.firstErrors.length) console.log(`  ${op.name} first errors: ${op.firstErrors.join(' | ')}`);
  const slowSeconds = result.slowestBySecond
    .map((ms, second) => [second, ms])
    .filter(([, ms]) => ms > TARGETS.membersP99 * 2);
  console.log(
    slowSeconds.length
      ? `seconds of the run with an answer over ${TARGETS.membersP99 * 2} ms: ${slowSeconds.length} (${slowSeconds
          .slice(0, 40)
          .map(([second, ms]) => `${second} s: ${fmt(ms)}`)
          .join(', ')}${slowSeconds.length > 40 ? ', …' : ''})`
      : `no second of the run had an answer over ${TARGETS.membersP99 * 2} ms`,
  );

  const memory = memoryFigures(samples);
  console.log(
    "\nmemory (RSS; heap in use from the gateway's metrics), sampled every " +
      SAMPLE_SECONDS +
      ' s; slope over the run after its first fifth:',
  );
  const memRows = [
    ['process', 'seconds', 'RSS start', 'end', 'max', 'slope', 'heap start', 'end', 'max', 'slope'],
  ];
  for (const m of memory) {
    memRows.push([
      m.name,
      m.span.toFixed(0),
      mb(m.start),
      mb(m.end),
      mb(m.max),
      `${m.slopeMbPerMin.toFixed(2)} MB/min`,
      mb(m.heapStart),
      mb(m.heapEnd),
      mb(m.heapMax),
      Number.isFinite(m.heapSlopeMbPerMin) ? `${m.heapSlopeMbPerMin.toFixed(2)} MB/min` : '-',
    ]);
  }
  table(memRows);
  if (kills.length) {
    console.log('\nkills:');
    for (const k of kills)
      console.log(
        `  ${k.at.toFixed(0)} s  ${k.process}  ${k.error ? `did not come back: ${k.error}` : `restarted in ${k.restartSeconds.toFixed(1)} s`}`,
      );
  }

  const members = result.perOp.find((op) => op.name === 'members (filters)');
  const overview = result.perOp.find((op) => op.name === 'subdistrictOverview');
  const sustained = result.achievedRate >= RATE * 0.95 && result.dropped === 0;
  // With kills, a request whose gateway died under it is no error of the product (a read was sent
  // again; a write got no answer, so it was never acknowledged); without kills nothing may be cut.
  const errors = result.errors + (KILL ? 0 : result.lost);
  verdicts.push([
    errors === 0 && sustained,
    `${result.sent} requests at ${RATE}/s (achieved ${result.achievedRate.toFixed(1)}/s) with no errors (${result.errors} errors, ${result.lost} cut by a kill, ${result.dropped} not sent)`,
  ]);
  verdicts.push([
    members.p99 <= TARGETS.membersP99,
    `members p99 ${fmt(members.p99)} ≤ ${TARGETS.membersP99} ms during the soak`,
  ]);
  verdicts.push([
    overview.p99 <= TARGETS.overviewP99,
    `subdistrictOverview p99 ${fmt(overview.p99)} ≤ ${TARGETS.overviewP99} ms during the soak`,
  ]);
  verdicts.push([
    sync.status === 'SUCCEEDED',
    `the full sync requested at ${sync.requestedAt?.toFixed(0) ?? '?'} s ended ${sync.status ?? 'never'}${sync.endedAt ? ` at ${sync.endedAt.toFixed(0)} s` : ''}${sync.error ? ` (${sync.error})` : ''}`,
  ]);
  const gateway = memory.filter((m) => m.name.startsWith('gateway') && m.covers);
  if (gateway.length) {
    for (const m of gateway) {
      verdicts.push([
        // Too few samples for a slope (a run of a few seconds): no verdict.
        Number.isFinite(m.slopeMbPerMin) ? m.slopeMbPerMin <= TARGETS.rssSlopeMbPerMin : null,
        `${m.name} memory flat: RSS ${mb(m.start)} → ${mb(m.end)} (max ${mb(m.max)}), slope ${m.slopeMbPerMin.toFixed(2)} MB/min ≤ ${TARGETS.rssSlopeMbPerMin}`,
      ]);
    }
  } else {
    verdicts.push([
      null,
      'gateway memory flat: every gateway was killed in the run, so no series covers it (run without SOAK_KILL)',
    ]);
  }
  if (KILL) {
    verdicts.push([
      kills.length === KILLS && kills.every((k) => !k.error),
      `${kills.length} of ${KILLS} processes killed with SIGKILL came back (${kills.map((k) => k.process).join(', ')})`,
    ]);
  }
  verdicts.push([
    missing.length === 0 && written.length > 0,
    `every acknowledged write is in the database: ${written.length - missing.length} of ${written.length}${
      missing.length
        ? ` (missing e.g. ${missing
            .slice(0, 3)
            .map((m) => `${m.table} ${m.id}`)
            .join(', ')})`
        : ''
    }`,
  ]);
  Object.assign(figures, {
    result,
    memory,
    sync,
    kills,
    acknowledgedWrites: written.length,
    missingWrites: missing.length,
    loadAfter: os.loadavg(),
  });
}

await main();
process.exit(0);

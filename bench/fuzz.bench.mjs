#!/usr/bin/env node
// The fuzz: for FUZZ_SECONDS, rounds of hostile requests to the gateway (production build):
// malformed JSON, huge strings, deep and wide queries, wrong types, SQL/script/template injections
// in the text fields of the mutations, oversized and broken uploads to the Excel import,
// forged/expired/alg-none tokens, wrong content types, batches. Every answer must be a proper error
// (an HTTP status and an error code; never a 5xx, an internal error, a stack trace or no answer
// within FUZZ_TIMEOUT_SECONDS), or for a valid request with hostile text in it, a success that
// stored the text exactly as sent. Between rounds the gateway's /healthz must answer and the
// process must still be the one started. At the end: no hostile text where nothing may be stored
// (no user made by a forged token, no code or name field holding an injection), every table still
// there. Prints PASS/FAIL per check; exits 0 either way; drops its database and Redis keys and stops
// every process it started.
//
//   pnpm bench fuzz                          10 minutes
//   FUZZ_SECONDS=60 pnpm bench fuzz          a short run; FUZZ_SEED=n repeats a run's choices
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ensureServices, ROOT } from '../infra/scripts/services.mjs';
import { table } from './lib/load.mjs';
import { checkBuilds, gqlData, openConnection, outputTail, signIn, startOpsStack } from './lib/ops-stack.mjs';
import { fuzzCases, hostileTexts, randomSource } from './lib/fuzz-cases.mjs';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 600);
const TIMEOUT_SECONDS = Number(process.env.FUZZ_TIMEOUT_SECONDS ?? 15);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

const log = (line) => console.log(line);
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** One request, answered as { status, headers, text } or { error } (no answer in time counts as a hang). */
function send(baseUrl, c) {
  const url = new URL(`${baseUrl}${c.path}`);
  return new Promise((resolve) => {
    const started = performance.now();
    let req;
    try {
      req = http.request(
        {
          hostname: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: c.method ?? 'POST',
          headers: c.headers ?? {},
          timeout: TIMEOUT_SECONDS * 1000,
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', (error) => resolve({ error, ms: performance.now() - started }));
        },
      );
    } catch (error) {
      // Node itself will not send it (a header value outside Latin-1, say): nothing reached the server.
      resolve({ unsendable: error.message });
      return;
    }
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${TIMEOUT_SECONDS} s`), { code: 'HANG' })),
    );
    req.on('error', (error) => resolve({ error, ms: performance.now() - started }));
    if (c.body !== undefined && (c.method ?? 'POST') !== 'GET') req.write(c.body);
    req.end();
  });
}

const STACK_TRACE = /\n\s+at [^\n]*\(?[^\n]*:\d+:\d+\)?|node_modules|"stacktrace"|\.(?:ts|js|mjs):\d+:\d+/;

/** The verdict on one answer: null when proper, else a sentence saying what is wrong. */
function judge(c, answer) {
  if (answer.error) {
    if (answer.error.code === 'HANG') return `no answer within ${TIMEOUT_SECONDS} s`;
    return `connection failed: ${answer.error.code ?? ''} ${answer.error.message}`;
  }
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (STACK_TRACE.test(answer.text)) return `a stack trace in the answer (HTTP ${answer.status})`;
  let body = null;
  try {
    body = answer.text ? JSON.parse(answer.text) : null;
  } catch {
    /* judged below */
  }
  // Node's own HTTP parser refuses a header block over its limit with a bare 431 before any code of
  // ours runs: a proper refusal, though it carries no body.
  if (answer.status === 431 && !answer.text) return null;
  if (!body) return `HTTP ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 120)}`;
  const errors = Array.isArray(body) ? body.flatMap((b) => b?.errors ?? []) : (body.errors ?? []);
  for (const error of errors) {
    const code = error?.extensions?.code;
    if (!code) return `an error without a code: ${JSON.stringify(error).slice(0, 200)}`;
    if (code === 'INTERNAL_SERVER_ERROR')
      return `INTERNAL_SERVER_ERROR: ${error.message} at ${JSON.stringify(error.path ?? null)}`;
  }
  if (c.expect === 'error') {
    if (!errors.length) return `accepted (HTTP ${answer.status}) though it should have been refused`;
    if (answer.status === 200 && body.data && Object.values(body.data).some((v) => v !== null))
      return 'partly accepted though it should have been refused';
  }
  return null;
}

async function main() {
  checkBuilds(log);
  const services = await ensureServices();
  const rnd = randomSource(SEED);
  log(
    `• ${os.cpus().length} CPUs, load average ${load()} (1, 5, 15 min); ${SECONDS} s of fuzzing, seed ${SEED}`,
  );
  const tail = outputTail();
  const verdicts = [];
  const figures = { date: new Date().toISOString(), seconds: SECONDS, seed: SEED, loadBefore: os.loadavg() };
  let stack;
  try {
    stack = await startOpsStack({
      label: 'fuzz',
      services,
      members: 2000,
      transfers: 200,
      gateways: 1,
      workers: 1,
      log,
      childLog: tail.log,
    });
    const gateway = stack.gateways[0];
    const base = gateway.baseUrl;
    const pid = gateway.pid;
    await signIn(base, stack.secrets.adminUsername, stack.secrets.adminPassword); // waits until the gateway has made the account
    let { accessToken: token, refreshToken } = (
      await gqlData(
        base,
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken refreshToken } }',
        {
          u: stack.secrets.adminUsername,
          p: stack.secrets.adminPassword,
        },
      )
    ).login;
    // Access tokens last 15 minutes, and the fuzz's failed sign-ins soon throttle further ones from
    // this address: the administrator's session is renewed with its refresh token instead.
    let renewedAt = performance.now();
    const renew = async () => {
      const renewed = await gqlData(
        base,
        'mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }',
        { r: refreshToken },
      );
      ({ accessToken: token, refreshToken } = renewed.refreshToken);
      ctx.token = token;
      renewedAt = performance.now();
    };
    const runId = randomBytes(3).toString('hex');
    const okMark = `FZOK${runId}`;
    const noMark = `FZNO${runId}`;

    const db = await openConnection(stack.databaseUrl);
    const [[branch]] = await db.query(
      "SELECT id FROM organization WHERE type = 'BRANCH' ORDER BY id LIMIT 1",
    );
    const [free] = await db.query(
      `SELECT m.id FROM member m WHERE m.deleted_at IS NULL AND m.upstream_id IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM transfer t WHERE t.member_id = m.id AND t.status IN ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'IN_TRANSIT', 'RECEIVED', 'RETURNED', 'EXPIRED')) ORDER BY m.id`,
    );
    const [tablesBefore] = await db.query(
      'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    );
    const [[usersBefore]] = await db.query('SELECT COUNT(*) AS n FROM `user`');
    const [[membersBefore]] = await db.query('SELECT COUNT(*) AS n FROM member');
    const transfer = await gqlData(
      base,
      'mutation ($input: CreateTransferOutInput!) { createTransferOut(input: $input) { id } }',
      {
        input: {
          memberId: String(free.pop().id),
          kind: 'WITHIN_SYSTEM',
          toOrganizationName: '模糊测试接收支部',
          reason: '模糊测试',
        },
      },
      token,
    );
    const ctx = {
      token,
      secret: stack.env.JWT_SECRET,
      branchId: String(branch.id),
      memberIds: free.map((m) => String(m.id)),
      memberId: String(free[0].id),
      transferId: transfer.createTransferOut.id,
      okMark,
      noMark,
      runId,
    };

    const byCategory = new Map();
    const faults = [];
    const sent = { ok: new Set(hostileTexts(okMark)) };
    let rounds = 0;
    let requests = 0;
    let healthFailures = 0;
    let restarts = 0;
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    while (performance.now() < deadline) {
      rounds++;
      if (performance.now() - renewedAt > 5 * 60_000) await renew();
      const cases = fuzzCases(ctx, rnd);
      // Shuffled, so that no case always follows the same one.
      for (let i = cases.length - 1; i > 0; i--) {
        const j = rnd.int(i + 1);
        [cases[i], cases[j]] = [cases[j], cases[i]];
      }
      for (const c of cases) {
        if (performance.now() >= deadline) break;
        const answer = await send(base, c);
        if (answer.unsendable) continue;
        requests++;
        let problem = judge(c, answer);
        // Refused before our code runs (a 413 or 431 sent while the client still writes, then the
        // socket closed): the client may see the reset rather than the answer. That is the refusal.
        if (problem && c.resetIsRefusal && ['EPIPE', 'ECONNRESET'].includes(answer.error?.code))
          problem = null;
        if (!byCategory.has(c.category))
          byCategory.set(c.category, {
            category: c.category,
            requests: 0,
            outcomes: new Map(),
            faults: 0,
            slowest: 0,
          });
        const stat = byCategory.get(c.category);
        stat.requests++;
        stat.slowest = Math.max(stat.slowest, answer.ms ?? 0);
        let outcome = answer.error ? answer.error.code : `${answer.status}`;
        if (!answer.error) {
          try {
            const body = JSON.parse(answer.text);
            const errors = Array.isArray(body) ? body.flatMap((b) => b?.errors ?? []) : (body.errors ?? []);
            outcome += errors.length ? ` ${errors[0].extensions?.code ?? '?'}` : ' ok';
          } catch {
            outcome += answer.text ? ' (not JSON)' : ' (no body)';
          }
        }
        stat.outcomes.set(outcome, (stat.outcomes.get(outcome) ?? 0) + 1);
        if (problem) {
          stat.faults++;
          if (faults.filter((f) => f.name === c.name).length < 2) {
            faults.push({
              category: c.category,
              name: c.name,
              problem,
              request: {
                method: c.method ?? 'POST',
                path: c.path,
                headers: Object.keys(c.headers ?? {}),
                body: Buffer.isBuffer(c.body)
                  ? `<${c.body.length} bytes>`
                  : String(c.body ?? '').slice(0, 400),
              },
              response: answer.error ? null : { status: answer.status, body: answer.text.slice(0, 600) },
            });
          }
        }
      }
      // Between rounds: the process is the one started, and it answers.
      const health = await send(base, { method: 'GET', path: '/healthz' });
      if (health.error || health.status !== 200 || !gateway.alive || gateway.pid !== pid) {
        healthFailures++;
        log(
          `  round ${rounds}: the gateway is down (${health.error?.message ?? `HTTP ${health.status}`}); starting it again to go on`,
        );
        if (!gateway.alive) {
          restarts++;
          await gateway.start();
          await renew();
        }
      }
      if (rounds % 10 === 0)
        log(
          `  ${((performance.now() - started) / 1000).toFixed(0)} s: ${rounds} rounds, ${requests} requests, ${faults.length} faults kept (load average ${load()})`,
        );
    }

    // What was stored: every text column of every table, searched for both markers.
    const [columns] = await db.query(
      "SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('char', 'varchar', 'text', 'mediumtext', 'longtext', 'json', 'tinytext')",
    );
    const found = { ok: [], no: [] };
    for (const { t, c } of columns) {
      for (const [kind, mark] of [
        ['ok', okMark],
        ['no', noMark],
      ]) {
        const [[row]] = await db.query(
          `SELECT COUNT(*) AS n FROM \`${t}\` WHERE CAST(\`${c}\` AS CHAR) LIKE ?`,
          [`%${mark}%`],
        );
        if (Number(row.n)) found[kind].push({ table: t, column: c, rows: Number(row.n) });
      }
    }
    // Free text written by the administrator must read back exactly as sent (stored as data, not run).
    const exact = [];
    sent.ok.add(`${okMark} charset`);
    for (const [t, c] of [
      ['checklist_item', 'title'],
      ['checklist_item', 'content'],
      ['meeting', 'topic'],
      ['meeting', 'agenda'],
      ['activity', 'title'],
      ['activity', 'note'],
    ]) {
      const [rows] = await db.query(`SELECT \`${c}\` AS v FROM \`${t}\` WHERE \`${c}\` LIKE ?`, [
        `%${okMark}%`,
      ]);
      for (const { v } of rows)
        if (!sent.ok.has(v) && !sent.ok.has(`${v}`.trim()) && ![...sent.ok].some((s) => s.trim() === v))
          exact.push({ table: t, column: c, value: v });
    }
    const [tablesAfter] = await db.query(
      'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    );
    const [[usersAfter]] = await db.query('SELECT COUNT(*) AS n FROM `user`');
    const [[membersAfter]] = await db.query('SELECT COUNT(*) AS n FROM member');
    await db.end();

    console.log('');
    const rows = [
      ['category', 'requests', 'faults', 'slowest', 'answers (HTTP status and first error code)'],
    ];
    for (const s of byCategory.values()) {
      rows.push([
        s.category,
        String(s.requests),
        String(s.faults),
        `${(s.slowest / 1000).toFixed(2)} s`,
        [...s.outcomes]
          .sort((a, b) => b[1] - a[1])
          .map(([o, n]) => `${o} ×${n}`)
          .join(', '),
      ]);
    }
    table(rows);
    if (faults.length) {
      console.log('\nfaults (at most two per case):');
      for (const f of faults)
        console.log(
          `  [${f.category}] ${f.name}: ${f.problem}\n    request ${f.request.method} ${f.request.path} ${f.request.body.slice(0, 200)}\n    answer ${f.response ? `HTTP ${f.response.status} ${f.response.body.slice(0, 300)}` : 'none'}`,
        );
    }
    console.log(
      `\nstored with the "may be stored" marker: ${found.ok.map((f) => `${f.table}.${f.column} ×${f.rows}`).join(', ') || 'nowhere'}`,
    );
    console.log(
      `stored with the "must not be stored" marker: ${found.no.map((f) => `${f.table}.${f.column} ×${f.rows}`).join(', ') || 'nowhere'}`,
    );

    const totalFaults = [...byCategory.values()].reduce((n, s) => n + s.faults, 0);
    verdicts.push([
      totalFaults === 0,
      `${requests} hostile requests in ${rounds} rounds, each answered with a proper error or a clean success: ${totalFaults} faults`,
    ]);
    verdicts.push([
      healthFailures === 0 && restarts === 0,
      `the gateway answered /healthz after every round and never went down (${healthFailures} failed checks, ${restarts} restarts)`,
    ]);
    // Failed sign-ins are audited with the name tried: the audit log is where such text belongs.
    const misplaced = found.no.filter((f) => f.table !== 'audit_log');
    verdicts.push([
      misplaced.length === 0,
      `no injection stored where nothing may be (forged tokens, user names, codes): ${misplaced.map((f) => `${f.table}.${f.column} ×${f.rows}`).join(', ') || 'none'}`,
    ]);
    verdicts.push([
      Number(usersAfter.n) === Number(usersBefore.n),
      `no user created by the fuzz (forged tokens, injected names): ${usersBefore.n} users before, ${usersAfter.n} after`,
    ]);
    verdicts.push([
      exact.length === 0 && found.ok.length > 0,
      `free text stored exactly as sent (SQL and markup kept as data): ${exact.length ? `${exact.length} changed, e.g. ${JSON.stringify(exact[0]).slice(0, 200)}` : `all of it, in ${found.ok.length} columns`}`,
    ]);
    verdicts.push([
      tablesAfter.length === tablesBefore.length && Number(membersAfter.n) === Number(membersBefore.n),
      `every table still there (${tablesAfter.length} of ${tablesBefore.length}), members untouched (${membersAfter.n} of ${membersBefore.n})`,
    ]);
    Object.assign(figures, {
      rounds,
      requests,
      categories: [...byCategory.values()].map((s) => ({ ...s, outcomes: Object.fromEntries(s.outcomes) })),
      faults,
      stored: found,
      healthFailures,
      restarts,
      loadAfter: os.loadavg(),
    });
  } catch (error) {
    console.error(`✗ ${error.stack ?? error.message}`);
    console.error(
      tail.lines
        .slice(-30)
        .map((line) => line.trimEnd().slice(0, 300))
        .join('\n'),
    );
    verdicts.push([false, `the fuzz ran to its end (${error.message})`]);
  } finally {
    if (stack) await stack.stop();
  }
  console.log('');
  for (const [ok, text] of verdicts) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average now ${load()}`);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `fuzz-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ ...figures, verdicts }, null, 2)}\n`);
  console.log(`figures written to ${file.slice(ROOT.length + 1)}`);
}

await main();
process.exit(0);

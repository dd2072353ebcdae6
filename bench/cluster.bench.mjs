#!/usr/bin/env node
// Two gateways and two workers on one MySQL database and one Redis: full syncs run one after the
// other for CLUSTER_SECONDS while console users, spread over both gateways, start transfers out
// (createTransferOut) and act on them (actOnTransfer: approve, issue the letter), and now and then
// two people press the same button at the same moment on different gateways. Afterwards, once the
// workers have pushed everything: every transfer action was pushed upstream exactly once (the
// simulator's record of the pushes it received, by idempotency key), nothing was pushed that the
// outbox does not hold, the simulator's transfers agree with ours, no request answered with an
// internal error or a deadlock, and the syncs succeeded. Prints PASS/FAIL per check; exits 0 either
// way; drops its database and Redis keys and stops every process it started.
//
//   pnpm bench cluster
//   CLUSTER_SECONDS=30 CLUSTER_MEMBERS=20000 pnpm bench cluster     a short run
// Other knobs: CLUSTER_TRANSFERS (10000), CLUSTER_USERS (8 people acting at once).
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ensureServices, ROOT } from '../infra/scripts/services.mjs';
import {
  graphql,
  gqlData,
  openConnection,
  outputTail,
  signIn,
  startOpsStack,
  checkBuilds,
} from './lib/ops-stack.mjs';

const SECONDS = Number(process.env.CLUSTER_SECONDS ?? 60);
const MEMBERS = Number(process.env.CLUSTER_MEMBERS ?? 100_000);
const TRANSFERS = Number(process.env.CLUSTER_TRANSFERS ?? 10_000);
const USERS = Number(process.env.CLUSTER_USERS ?? 8);
const DRAIN_SECONDS = 180;

const log = (line) => console.log(line);
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const CREATE = `mutation ($input: CreateTransferOutInput!) { createTransferOut(input: $input) { id status syncState } }`;
const ACT = `mutation ($id: ID!, $input: TransferActionInput!) { actOnTransfer(id: $id, input: $input) { id status syncState } }`;
/** Codes a person may meet when someone else got there first: a proper refusal, not a fault. */
const EXPECTED_REFUSALS = new Set(['CONFLICT', 'BAD_USER_INPUT', 'FORBIDDEN_STATE', 'INVALID_STATE']);

async function main() {
  checkBuilds(log);
  const services = await ensureServices();
  log(`• ${os.cpus().length} CPUs, load average ${load()} (1, 5, 15 min)`);
  const tail = outputTail();
  const deadlockLines = [];
  const childLog = (line) => {
    tail.log(line);
    if (/deadlock|ER_LOCK_WAIT_TIMEOUT/i.test(line)) deadlockLines.push(line.trim());
  };
  const verdicts = [];
  const figures = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    members: MEMBERS,
    transfers: TRANSFERS,
    users: USERS,
    loadBefore: os.loadavg(),
  };
  let stack;
  try {
    log(
      `• syncing ${MEMBERS.toLocaleString('en')} members and ${TRANSFERS.toLocaleString('en')} transfers, then 2 gateways + 2 workers…`,
    );
    stack = await startOpsStack({
      label: 'cluster',
      services,
      members: MEMBERS,
      transfers: TRANSFERS,
      gateways: 2,
      workers: 2,
      log,
      childLog,
    });
    const [g1, g2] = stack.gateways.map((g) => g.baseUrl);
    const admin = stack.secrets;
    const token = await signIn(g1, admin.adminUsername, admin.adminPassword);

    // Members who may start a transfer: known upstream, not deleted, no unfinished transfer.
    const connection = await openConnection(stack.databaseUrl);
    const [candidates] = await connection.query(
      `SELECT m.id FROM member m WHERE m.deleted_at IS NULL AND m.upstream_id IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM transfer t WHERE t.member_id = m.id AND t.status IN ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'IN_TRANSIT', 'RECEIVED', 'RETURNED', 'EXPIRED'))
       ORDER BY m.id LIMIT 5000`,
    );
    await connection.end();
    log(
      `• ${candidates.length} members free to transfer; ${USERS} people acting for ${SECONDS} s on both gateways while full syncs run`,
    );

    const outcome = { acknowledged: [], refused: [], faults: [], races: 0, raceWins: 0 };
    const record = (what, gateway, result) => {
      const error = result.body.errors?.[0];
      if (!error) {
        outcome.acknowledged.push({ what, gateway, data: Object.values(result.body.data)[0] });
        return Object.values(result.body.data)[0];
      }
      const code = error.extensions?.code ?? `HTTP_${result.status}`;
      const entry = {
        what,
        gateway,
        status: result.status,
        code,
        reason: error.extensions?.reason,
        message: error.message,
      };
      if (EXPECTED_REFUSALS.has(code) && !/deadlock/i.test(error.message)) outcome.refused.push(entry);
      else outcome.faults.push(entry);
      return null;
    };

    const started = performance.now();
    const until = started + SECONDS * 1000;
    let nextMember = 0;
    const person = async (p) => {
      let turn = 0;
      while (performance.now() < until && nextMember < candidates.length) {
        const member = String(candidates[nextMember++].id);
        const here = turn++ % 2 === 0 ? g1 : g2;
        const there = here === g1 ? g2 : g1;
        const created = record(
          'createTransferOut',
          here,
          await graphql(
            here,
            CREATE,
            {
              input: {
                memberId: member,
                kind: 'WITHIN_SYSTEM',
                toOrganizationName: `集群测试接收支部${p}`,
                reason: '工作调动',
              },
            },
            token,
          ),
        );
        if (!created) continue;
        // Every third transfer: two people approve it at the same moment, one on each gateway.
        if (turn % 3 === 0) {
          outcome.races++;
          const both = await Promise.all(
            [here, there].map((g) =>
              graphql(g, ACT, { id: created.id, input: { action: 'APPROVE' } }, token),
            ),
          );
          const wins = both
            .map((r, i) => record('actOnTransfer APPROVE (race)', [here, there][i], r))
            .filter(Boolean);
          if (wins.length === 1) outcome.raceWins++;
        } else {
          record(
            'actOnTransfer APPROVE',
            there,
            await graphql(there, ACT, { id: created.id, input: { action: 'APPROVE' } }, token),
          );
        }
        record(
          'actOnTransfer ISSUE_LETTER',
          here,
          await graphql(
            here,
            ACT,
            { id: created.id, input: { action: 'ISSUE_LETTER', letterValidDays: 30 } },
            token,
          ),
        );
      }
    };
    const syncs = [];
    const syncLoop = (async () => {
      let k = 0;
      while (performance.now() < until) {
        // Both gateways asked at once: one run starts, the other request is refused (CONFLICT).
        const asks = await Promise.all(
          [g1, g2].map((g) => graphql(g, 'mutation { requestSync(full: true) { id status } }', {}, token)),
        );
        const started = asks.filter((a) => !a.body.errors).map((a) => a.body.data.requestSync.id);
        const refused = asks.filter((a) => a.body.errors).map((a) => a.body.errors[0].extensions?.code);
        const run = {
          id: started[0] ?? null,
          startedCount: started.length,
          refused,
          status: null,
          seconds: null,
        };
        syncs.push(run);
        if (!run.id) {
          await sleep(2000);
          continue;
        }
        const t0 = performance.now();
        while (true) {
          await sleep(1000);
          const data = await gqlData(
            k++ % 2 ? g1 : g2,
            'query ($id: ID!) { syncRun(id: $id) { status } }',
            { id: run.id },
            token,
          ).catch(() => null);
          run.status = data?.syncRun?.status ?? run.status;
          if (run.status && !['QUEUED', 'RUNNING'].includes(run.status)) break;
          if (performance.now() - t0 > (SECONDS + DRAIN_SECONDS) * 1000) break;
        }
        run.seconds = (performance.now() - t0) / 1000;
        log(
          `  full sync #${run.id}: ${run.status} in ${run.seconds.toFixed(1)} s (${run.startedCount} of 2 requests started it; refused: ${refused.join(', ') || 'none'})`,
        );
      }
    })();
    await Promise.all([...Array.from({ length: USERS }, (_, p) => person(p)), syncLoop]);
    const actionsSeconds = (performance.now() - started) / 1000;
    log(
      `• ${outcome.acknowledged.length} actions acknowledged, ${outcome.refused.length} refused as expected, ${outcome.faults.length} faults in ${actionsSeconds.toFixed(0)} s (load average ${load()})`,
    );

    // Let the workers push everything still pending.
    const db = await openConnection(stack.databaseUrl);
    let entries = [];
    const drainStarted = performance.now();
    while (performance.now() - drainStarted < DRAIN_SECONDS * 1000) {
      [entries] = await db.query(
        'SELECT id, transfer_id AS transferId, kind, idempotency_key AS k, status, attempts, last_error AS lastError FROM outbox_entry',
      );
      if (!entries.some((e) => e.status === 'PENDING')) break;
      await sleep(2000);
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const [transfers] = await db.query(
      "SELECT id, upstream_id AS upstreamId, status, sync_state AS syncState FROM transfer WHERE to_organization_name LIKE '集群测试接收支部%'",
    );
    await db.end();

    const pushes = (
      await (
        await fetch(`${stack.simulatorUrl}/admin/pushes`, {
          headers: { authorization: `Bearer ${admin.upstreamToken}` },
        })
      ).json()
    ).items;
    const upstream = (
      await (
        await fetch(`${stack.simulatorUrl}/admin/state/transfers`, {
          headers: { authorization: `Bearer ${admin.upstreamToken}` },
        })
      ).json()
    ).items;

    // Exactly once: each outbox entry's key reached upstream's work once (firstTime), never with another body.
    const byKey = new Map();
    for (const push of pushes) {
      if (!byKey.has(push.idempotencyKey)) byKey.set(push.idempotencyKey, []);
      byKey.get(push.idempotencyKey).push(push);
    }
    const keys = new Set(entries.map((e) => e.k));
    const notOnce = entries.filter((e) => (byKey.get(e.k) ?? []).filter((p) => p.firstTime).length !== 1);
    const strangers = [...byKey.keys()].filter((k) => !keys.has(k));
    const reused = pushes.filter((p) => p.status === 422);
    const acknowledgedActions = outcome.acknowledged.length;
    const statusCounts = entries.reduce((m, e) => ({ ...m, [e.status]: (m[e.status] ?? 0) + 1 }), {});
    const upstreamById = new Map(upstream.map((t) => [t.id, t]));
    const disagree = transfers.filter(
      (t) => !t.upstreamId || upstreamById.get(t.upstreamId)?.status !== t.status,
    );

    log(
      `• outbox: ${entries.length} entries (${Object.entries(statusCounts)
        .map(([s, n]) => `${n} ${s}`)
        .join(
          ', ',
        )}), drained in ${drainSeconds.toFixed(0)} s; simulator received ${pushes.length} pushes (${pushes.length - pushes.filter((p) => p.firstTime).length} retries or replays)`,
    );
    if (outcome.faults.length)
      log(
        `  faults, first: ${outcome.faults
          .slice(0, 3)
          .map((f) => `${f.what} HTTP ${f.status} ${f.code} ${f.message}`)
          .join(' | ')}`,
      );
    const outcomes = pushes.reduce((m, p) => ({ ...m, [p.outcome]: (m[p.outcome] ?? 0) + 1 }), {});
    log(
      `  pushes by the simulator's outcome: ${Object.entries(outcomes)
        .map(([o, n]) => `${n} ${o}`)
        .join(', ')}`,
    );
    if (deadlockLines.length) {
      // Where they happened: the process and, for a worker, the queue of the job that met it.
      const where = deadlockLines.reduce((m, line) => {
        const key =
          `${/^\[([a-z-]+)/.exec(line)?.[1]?.replace(/-\d+$/, '') ?? '?'} ${/"queue":"([^"]+)"/.exec(line)?.[1] ?? ''}`.trim();
        return { ...m, [key]: (m[key] ?? 0) + 1 };
      }, {});
      log(
        `  deadlocks in the processes' output: ${Object.entries(where)
          .map(([k, n]) => `${n} in ${k}`)
          .join(', ')}; first: ${deadlockLines[0].slice(0, 400)}`,
      );
      figures.deadlocksWhere = where;
    }
    figures.pushOutcomes = outcomes;
    const failedEntries = entries.filter((e) => e.status !== 'SENT');
    if (failedEntries.length)
      log(
        `  not sent, first: ${failedEntries
          .slice(0, 3)
          .map((e) => `#${e.id} ${e.kind} ${e.status} ${e.lastError ?? ''}`)
          .join(' | ')}`,
      );

    verdicts.push([
      entries.length === acknowledgedActions,
      `one outbox entry per acknowledged transfer action: ${entries.length} entries for ${acknowledgedActions} actions`,
    ]);
    verdicts.push([
      failedEntries.length === 0,
      `every outbox entry pushed (SENT): ${entries.length - failedEntries.length} of ${entries.length}`,
    ]);
    verdicts.push([
      notOnce.length === 0 && entries.length > 0,
      `every transfer action applied upstream exactly once by its idempotency key: ${entries.length - notOnce.length} of ${entries.length}`,
    ]);
    verdicts.push([
      strangers.length === 0 && reused.length === 0,
      `no push upstream that the outbox does not hold (${strangers.length}), no key reused with another body (${reused.length})`,
    ]);
    verdicts.push([
      disagree.length === 0,
      `the simulator's transfers agree with ours: ${transfers.length - disagree.length} of ${transfers.length} (same status)`,
    ]);
    verdicts.push([
      outcome.races > 0 && outcome.raceWins === outcome.races,
      `two people approving at once on two gateways: exactly one succeeded in ${outcome.raceWins} of ${outcome.races} races`,
    ]);
    verdicts.push([
      outcome.faults.length === 0,
      `no request answered with an internal error or a deadlock: ${outcome.faults.length} faults of ${outcome.acknowledged.length + outcome.refused.length + outcome.faults.length} requests`,
    ]);
    const ran = syncs.filter((s) => s.id);
    verdicts.push([
      ran.length > 0 &&
        ran.every((s) => s.status === 'SUCCEEDED') &&
        syncs.every((s) => s.startedCount === 1),
      `full syncs during the actions: ${ran.length} ran (${ran.map((s) => s.status).join(', ')}); each asked on both gateways at once started exactly once`,
    ]);
    verdicts.push([
      true,
      `deadlocks seen in the processes' output: ${deadlockLines.length} (every one retried: the checks above hold)`,
    ]);
    if (deadlockLines.length && verdicts.some(([ok]) => !ok)) verdicts.at(-1)[0] = false;
    Object.assign(figures, {
      actionsSeconds,
      acknowledged: acknowledgedActions,
      refused: outcome.refused.length,
      faults: outcome.faults,
      races: outcome.races,
      raceWins: outcome.raceWins,
      outbox: statusCounts,
      pushes: pushes.length,
      drainSeconds,
      syncs,
      deadlockLines: deadlockLines.slice(0, 20),
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
    verdicts.push([false, `the cluster run ran to its end (${error.message})`]);
  } finally {
    if (stack) await stack.stop();
  }
  console.log('');
  for (const [ok, text] of verdicts) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average now ${load()}`);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `cluster-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}.json`,
  );
  writeFileSync(file, `${JSON.stringify({ ...figures, verdicts }, null, 2)}\n`);
  console.log(`figures written to ${file.slice(ROOT.length + 1)}`);
}

await main();
process.exit(0);

#!/usr/bin/env node
// What each operation of the soak's mix costs: CPU milliseconds per request in the gateway and in
// the database server, measured one operation at a time (COSTS_REQUESTS requests each, a few in
// flight) on the soak's population. The soak tells whether the mix holds at its rate; this tells
// which operation to make cheaper when it does not. At the end: the mix's weighted cost per
// request, and the rate that cost leaves room for on this machine's cores.
//
//   pnpm bench costs
//   COSTS_REQUESTS=400 COSTS_MEMBERS=100000 pnpm bench costs
import os from 'node:os';
import { ensureServices } from '../infra/scripts/services.mjs';
import { fmt, table } from './lib/load.mjs';
import { runMix } from './lib/mix.mjs';
import { checkBuilds, gqlData, openConnection, outputTail, signIn, startOpsStack } from './lib/ops-stack.mjs';
import { findProcess, processCpuSeconds } from './lib/sync-probe.mjs';
import { organisationsFor, soakOperations } from './lib/soak-mix.mjs';

const REQUESTS = Number(process.env.COSTS_REQUESTS ?? 300);
const MEMBERS = Number(process.env.COSTS_MEMBERS ?? 100_000);
const TRANSFERS = Number(process.env.COSTS_TRANSFERS ?? 20_000);
const RATE = Number(process.env.COSTS_RATE ?? 40);
const SOAK_RATE = 200;

const log = (line) => console.log(line);

async function main() {
  checkBuilds(log);
  const services = await ensureServices();
  const database = findProcess(['mariadbd', 'mysqld']);
  const tail = outputTail();
  const stack = await startOpsStack({
    label: 'costs',
    services,
    members: MEMBERS,
    transfers: TRANSFERS,
    log,
    childLog: tail.log,
  });
  try {
    const gateway = stack.gateways[0];
    const admin = { username: stack.secrets.adminUsername, password: stack.secrets.adminPassword };
    const token = await signIn(gateway.baseUrl, admin.username, admin.password);
    const { branches, communities } = await organisationsFor(gqlData, gateway.baseUrl, token);
    const written = [];
    const ops = soakOperations({ branches, communities, marker: 'costs', written, credentials: admin });
    // The server's count of statements received (its own connection's reads add one each).
    const status = await openConnection(stack.databaseUrl);
    const statements = async () => {
      const [rows] = await status.query("SHOW GLOBAL STATUS LIKE 'Questions'");
      return Number(rows[0].Value);
    };
    const rows = [
      ['operation', 'share', 'gateway CPU', 'database CPU', 'statements', 'p50', 'p99', 'errors'],
    ];
    let weighted = 0;
    const totalWeight = ops.reduce((sum, op) => sum + op.weight, 0);
    // What the gateway and the database spend with no request at all, taken off every figure below.
    const IDLE_SECONDS = 5;
    const gi = processCpuSeconds(gateway.pid);
    const di = database ? processCpuSeconds(database) : NaN;
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idleGateway = (processCpuSeconds(gateway.pid) - gi) / IDLE_SECONDS;
    const idleDatabase = (processCpuSeconds(database) - di) / IDLE_SECONDS;
    log(
      `• idle: gateway ${(idleGateway * 1000).toFixed(1)} ms of CPU a second, database ${(idleDatabase * 1000).toFixed(1)} ms`,
    );
    const chosen = process.env.COSTS_ONLY
      ? ops.filter((op) => op.name.startsWith(process.env.COSTS_ONLY))
      : ops;
    for (const op of chosen) {
      const only = [{ ...op, weight: 1 }];
      // Warm up: the JIT, the caches a steady load keeps full.
      await runMix({ ops: only, targets: () => [gateway.baseUrl], token, rate: RATE, seconds: 2 });
      const g0 = processCpuSeconds(gateway.pid);
      const d0 = database ? processCpuSeconds(database) : NaN;
      const q0 = await statements();
      const result = await runMix({
        ops: only,
        targets: () => [gateway.baseUrl],
        token,
        rate: RATE,
        seconds: REQUESTS / RATE,
      });
      const seconds = REQUESTS / RATE;
      const g = ((processCpuSeconds(gateway.pid) - g0 - idleGateway * seconds) * 1000) / result.sent;
      const d = ((processCpuSeconds(database) - d0 - idleDatabase * seconds) * 1000) / result.sent;
      const q = (await statements()) - q0 - 1;
      weighted += ((g + d) * op.weight) / totalWeight;
      const o = result.perOp[0];
      rows.push([
        op.name,
        `${((op.weight / totalWeight) * 100).toFixed(0)} %`,
        `${g.toFixed(2)} ms`,
        `${d.toFixed(2)} ms`,
        (q / result.sent).toFixed(1),
        fmt(o.p50),
        fmt(o.p99),
        String(o.errors),
      ]);
    }
    await status.end();
    console.log('');
    table(rows);
    const cores = os.cpus().length;
    console.log(
      `\nthe mix: ${weighted.toFixed(2)} ms of gateway and database CPU per request; ${SOAK_RATE}/s needs ${((weighted * SOAK_RATE) / 1000).toFixed(2)} of ${cores} cores (the rest is the load generator, the worker, the simulator, Redis)`,
    );
  } finally {
    await stack.stop();
  }
}

await main();
process.exit(0);

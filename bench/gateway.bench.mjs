#!/usr/bin/env node
// The gateway under load: the `members` list (a page of 20 with organisation and latest transfer)
// at 300 requests/s and `subdistrictOverview` at 50 requests/s, both for a district
// administrator, over 100,000 members and 20,000 transfers, beside a plain Apollo Server serving
// the same queries without NestJS. Prints latency percentiles, the SQL statements one request
// sends, the ratio gateway/plain and PASS/FAIL against the targets; exits 0 either way.
//
//   pnpm bench gateway                     load a database of its own, measure, drop it
//   node bench/gateway.bench.mjs --keep     keep the database (BENCH_KEEP=1 through `pnpm bench`);
//                                           the next run finds and reuses it
//   node bench/gateway.bench.mjs --fresh    ignore a kept database (it is dropped) and load anew
// BENCH_SECONDS / BENCH_WARMUP_SECONDS shorten the runs while trying things out.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServices, ROOT } from '../infra/scripts/services.mjs';
import { freeLoopbackPort, startProcess, waitForHttp } from '../infra/scripts/stack.mjs';
import {
  databaseUrlFor,
  domain,
  forgetKept,
  keptDatabase,
  keptMarkerPath,
  loadBenchDatabase,
  migrateKept,
  newBenchIdentity,
  rememberKept,
} from './lib/gateway-data.mjs';
import { constantRate, fmt, table } from './lib/load.mjs';
import { watchMachine } from './lib/machine.mjs';

const args = new Set(process.argv.slice(2));
const keep = args.has('--keep') || process.env.BENCH_KEEP === '1';
const fresh = args.has('--fresh') || process.env.BENCH_FRESH === '1';
const SIZES = { members: 100_000, transfers: 20_000 };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const TARGETS = {
  members: { rate: 300, p99: 50 },
  overview: { rate: 50, p99: 100 },
  // The page (with its count) plus one statement per relation type: organisation, latest transfer.
  membersStatements: 1 + 2,
};

const MEMBERS_QUERY = `query Members($after: String) {
  members(first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id name gender status joinedOn idCardNumber phone
      organization { id name }
      latestTransfer { id direction kind status memberName fromOrganizationName toOrganizationName letterExpiresOn syncState }
    }
  }
}`;
const OVERVIEW_QUERY = `query Overview {
  subdistrictOverview {
    communityCount memberCount fullMemberCount probationaryMemberCount fullTimeStaffCount nonPublicBranchCount
    instructorCount organizationCoverageRate workCoverageRate serviceActivityCount themeEducationActivityCount
    wishFulfilledCount transfersInTransitCount overdueTransferCount
    committee { seatCount averageAge aged35OrUnderCount aged35OrUnderRatio femaleRatio collegeOrAboveCount collegeOrAboveRatio asOf }
  }
}`;
/** Pages a district administrator walks: the first ten of the list, in turn. */
const PAGES = 10;

const log = (line) => console.log(line);
const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');

/** The newest modification time under a folder (sources), to tell a stale build. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (/\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function checkBuilds() {
  for (const [pkg, entry] of [
    ['packages/domain', 'dist/index.js'],
    ['apps/gateway', 'dist/main.js'],
  ]) {
    const built = join(ROOT, pkg, entry);
    if (!existsSync(built)) {
      console.error(`✗ ${pkg} is not built: run \`pnpm build\` first`);
      process.exit(1);
    }
    if (newest(join(ROOT, pkg, 'src')) > statSync(built).mtimeMs) {
      log(`! ${pkg}/dist is older than its sources: the figures are of the last build (\`pnpm build\` to refresh)`);
    }
  }
}

async function gql(url, query, variables = {}, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`${body.errors[0].extensions?.code ?? ''} ${body.errors[0].message}`);
  return body.data;
}

/** Signs in as the first district administrator, waiting (with a deadline) until the gateway has made them. */
async function signIn(url, identity) {
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const data = await gql(url, 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }', {
        u: identity.adminUsername,
        p: identity.adminPassword,
      });
      return data.login.accessToken;
    } catch (error) {
      last = error.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`could not sign in to the gateway: ${last}`);
}

/** The cursors of the first pages, so that the load walks them in turn as a person would. */
async function pageCursors(url, token) {
  const cursors = [null];
  while (cursors.length < PAGES) {
    const data = await gql(url, MEMBERS_QUERY, { after: cursors.at(-1) }, token);
    if (!data.members.pageInfo.hasNextPage) break;
    cursors.push(data.members.pageInfo.endCursor);
  }
  return cursors;
}

const okResponse = (text) => !text.includes('"errors"');

async function drive({ url, token, query, cursors, rate, pids }) {
  const bodies = (cursors ?? [null]).map((after) => JSON.stringify({ query, variables: after ? { after } : {} }));
  const options = { url, headers: { authorization: `Bearer ${token}` }, body: (i) => bodies[i % bodies.length], rate, check: okResponse };
  await constantRate({ ...options, seconds: WARMUP_SECONDS });
  const loadBefore = os.loadavg()[0];
  const machine = watchMachine(pids);
  const result = await constantRate({ ...options, seconds: SECONDS });
  return { ...result, load: Math.max(loadBefore, os.loadavg()[0]), cpu: machine.stop() };
}

/**
 * The statements one request sends, counted with the gateway's own `onSql` hook on an instance
 * built from the same dist in this process: once when totals must be counted, once when the count
 * cache answers them.
 */
async function countGatewayStatements(env, identity, cursors) {
  const { loadConfig } = await import(pathToFileURL(join(ROOT, 'packages/config/dist/index.js')).href);
  const { createGatewayApp } = await import(pathToFileURL(join(ROOT, 'apps/gateway/dist/app.js')).href);
  const statements = [];
  let recording = false;
  const app = await createGatewayApp(loadConfig(env), {
    logger: false,
    consoleDir: null,
    onSql: (statement) => recording && statements.push(statement),
  });
  const port = await freeLoopbackPort();
  await app.listen(port, '127.0.0.1');
  try {
    const url = `http://127.0.0.1:${port}/graphql`;
    await waitForHttp(`http://127.0.0.1:${port}/readyz`);
    const token = await signIn(url, identity);
    const count = async (query, variables) => {
      statements.length = 0;
      recording = true;
      await gql(url, query, variables, token);
      recording = false;
      return [...statements];
    };
    const cold = await count(MEMBERS_QUERY, {});
    const warm = await count(MEMBERS_QUERY, { after: cursors[1] ?? null });
    const overview = await count(OVERVIEW_QUERY, {});
    const overviewAgain = await count(OVERVIEW_QUERY, {});
    return {
      members: Math.max(cold.length, warm.length),
      membersSql: cold,
      overview: overview.length,
      overviewRemembered: overviewAgain.length,
    };
  } finally {
    await app.close();
  }
}

async function plainStatements(port, run) {
  const before = await (await fetch(`http://127.0.0.1:${port}/stats`)).json();
  await run();
  const after = await (await fetch(`http://127.0.0.1:${port}/stats`)).json();
  return after.statements - before.statements;
}

async function dropRedisKeys(redisUrl, prefix) {
  const { Redis } = createRequire(join(ROOT, 'apps/gateway/package.json'))('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main() {
  checkBuilds();
  const services = await ensureServices();
  const serverUrl = databaseUrlFor(services.DATABASE_URL, '');
  log(`• ${os.cpus().length} CPUs, load average ${load()} (1, 5, 15 min)`);

  let identity = fresh ? null : await keptDatabase(serverUrl, SIZES);
  let url;
  if (identity) {
    url = databaseUrlFor(serverUrl, identity.database);
    const applied = await migrateKept(url);
    log(`• reusing the kept database ${identity.database}${applied.length ? ` (migrated: ${applied.join(', ')})` : ''}`);
  } else {
    if (fresh) {
      const stale = await keptDatabase(serverUrl, SIZES);
      if (stale) await domain.dropDatabase(databaseUrlFor(serverUrl, stale.database));
      forgetKept();
    }
    identity = newBenchIdentity();
    log(`• loading ${SIZES.members.toLocaleString('en')} members and ${SIZES.transfers.toLocaleString('en')} transfers into ${identity.database}…`);
    const started = performance.now();
    ({ url } = await loadBenchDatabase(serverUrl, identity, SIZES, log));
    log(`  loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const queuePrefix = `dangjian-bench-${randomBytes(4).toString('hex')}`;
  const jwtSecret = randomBytes(48).toString('base64url');
  const gatewayPort = await freeLoopbackPort();
  const plainPort = await freeLoopbackPort();
  const env = {
    ...process.env,
    ...services,
    DATABASE_URL: url,
    NODE_ENV: 'production',
    PORT: String(gatewayPort),
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: jwtSecret,
    PII_ENCRYPTION_KEY: identity.piiKey,
    DANGJIAN_ADMIN_USERNAME: identity.adminUsername,
    DANGJIAN_ADMIN_PASSWORD: identity.adminPassword,
    LOG_LEVEL: 'warn',
    TZ: 'Asia/Shanghai',
  };
  const childLog = [];
  const keepLog = (line) => {
    childLog.push(line);
    if (childLog.length > 40) childLog.shift();
  };
  const gateway = startProcess('gateway', [join(ROOT, 'apps/gateway/dist/main.js')], env, { log: keepLog });
  const plain = startProcess('plain', [join(ROOT, 'bench/lib/plain-apollo.mjs')], { ...env, PORT: String(plainPort) }, { log: keepLog });
  const results = [];
  let counted;
  let plainCounts = {};
  let cursors = [null];
  try {
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${gatewayPort}/readyz`, { process: gateway }),
      waitForHttp(`http://127.0.0.1:${plainPort}/healthz`, { process: plain }),
    ]);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const plainUrl = `http://127.0.0.1:${plainPort}/graphql`;
    const token = await signIn(gatewayUrl, identity);
    cursors = await pageCursors(gatewayUrl, token);
    log(`• gateway (production build, pid ${gateway.child.pid}) and plain Apollo (pid ${plain.child.pid}) ready; ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s measured per row`);

    plainCounts = {
      members: await plainStatements(plainPort, () => gql(plainUrl, MEMBERS_QUERY, {}, token)),
      overview: await plainStatements(plainPort, () => gql(plainUrl, OVERVIEW_QUERY, {}, token)),
      overviewRemembered: await plainStatements(plainPort, () => gql(plainUrl, OVERVIEW_QUERY, {}, token)),
    };
    const runs = [
      ['members', 'gateway', gatewayUrl, MEMBERS_QUERY, TARGETS.members.rate, cursors],
      ['members', 'plain', plainUrl, MEMBERS_QUERY, TARGETS.members.rate, cursors],
      ['subdistrictOverview', 'gateway', gatewayUrl, OVERVIEW_QUERY, TARGETS.overview.rate, null],
      ['subdistrictOverview', 'plain', plainUrl, OVERVIEW_QUERY, TARGETS.overview.rate, null],
    ];
    for (const [query, server, target, text, rate, pages] of runs) {
      const result = await drive({ url: target, token, query: text, cursors: pages, rate, pids: [gateway.child.pid, plain.child.pid] });
      results.push({ query, server, rate, ...result });
      log(`  ${query} on ${server}: p99 ${fmt(result.p99)}, ${result.errors} errors (load average ${load()})`);
      if (result.firstError.length) log(`    first errors: ${result.firstError.join(' | ')}`);
    }
  } catch (error) {
    console.error(`✗ ${error.message}`);
    if (childLog.length) console.error(childLog.join(''));
  } finally {
    await Promise.all([gateway.stop(), plain.stop()]);
  }

  if (results.length) {
    try {
      counted = await countGatewayStatements(env, identity, cursors);
    } catch (error) {
      log(`! counting the gateway's statements failed: ${error.message}`);
    }
  }
  await dropRedisKeys(services.REDIS_URL, queuePrefix).catch((error) => log(`! could not remove the Redis keys ${queuePrefix}*: ${error.message}`));

  report(results, counted, plainCounts);

  if (keep) {
    rememberKept({ ...identity, members: SIZES.members, transfers: SIZES.transfers, loadedAt: new Date().toISOString() });
    log(`\n• kept the database ${identity.database}: the next \`pnpm bench gateway\` reuses it (recorded in ${keptMarkerPath});`);
    log('  `node bench/gateway.bench.mjs --fresh` (or BENCH_FRESH=1) drops it and loads anew.');
  } else {
    await domain.dropDatabase(url);
    forgetKept();
    log(`\n• dropped ${identity.database} (keep it for the next run with --keep or BENCH_KEEP=1)`);
  }
}

function report(results, counted, plainCounts) {
  if (!results.length) return;
  const find = (query, server) => results.find((r) => r.query === query && r.server === server);
  // The overview's statements when it is worked out, and when the figures are still remembered.
  const statementsOf = (query, server) => {
    const counts = server === 'gateway' ? counted : plainCounts;
    if (!counts) return '?';
    return query === 'members' ? String(counts.members) : `${counts.overview} / ${counts.overviewRemembered}`;
  };
  const rows = [['query', 'server', 'rate asked', 'achieved', 'p50', 'p95', 'p99', 'max', 'errors', 'dropped', 'SQL/request', 'load avg', 'CPU: ours db others']];
  const cores = (n) => (Number.isFinite(n) ? n.toFixed(2) : '?');
  for (const r of results) {
    rows.push([
      r.query,
      r.server,
      `${r.rate}/s`,
      `${r.achievedRate.toFixed(1)}/s`,
      fmt(r.p50),
      fmt(r.p95),
      fmt(r.p99),
      fmt(r.max),
      String(r.errors),
      String(r.dropped),
      statementsOf(r.query, r.server),
      r.load.toFixed(2),
      r.cpu ? `${cores(r.cpu.ours)} ${cores(r.cpu.database)} ${cores(r.cpu.others)}` : 'n/a',
    ]);
  }
  console.log('');
  table(rows);
  console.log('SQL/request: statements one request sends (members: the larger of a first page with its count and a later page;');
  console.log('overview: when worked out / while remembered). Latency counts from the scheduled send (no coordinated omission).');
  console.log(`CPU: cores used on average during the run by the servers and this load generator, by the database server, and by`);
  console.log(`every other process on the machine (other work sharing the ${os.cpus().length} CPUs).`);

  console.log('\nratio gateway / plain Apollo (same query, same data, same machine):');
  const ratioRows = [['query', 'p50', 'p95', 'p99']];
  for (const query of ['members', 'subdistrictOverview']) {
    const g = find(query, 'gateway');
    const p = find(query, 'plain');
    if (g && p) ratioRows.push([query, ...['p50', 'p95', 'p99'].map((k) => `${(g[k] / p[k]).toFixed(2)}×`)]);
  }
  table(ratioRows);

  const verdicts = [];
  const members = find('members', 'gateway');
  const overview = find('subdistrictOverview', 'gateway');
  const sustained = (r) => r.errors === 0 && r.dropped === 0 && r.achievedRate >= r.rate * 0.95;
  if (members) {
    verdicts.push([
      members.p99 <= TARGETS.members.p99 && sustained(members),
      `members p99 ${fmt(members.p99)} ≤ ${TARGETS.members.p99} ms at ${TARGETS.members.rate} req/s (achieved ${members.achievedRate.toFixed(1)}/s, ${members.errors} errors)`,
    ]);
  }
  if (overview) {
    verdicts.push([
      overview.p99 <= TARGETS.overview.p99 && sustained(overview),
      `subdistrictOverview p99 ${fmt(overview.p99)} ≤ ${TARGETS.overview.p99} ms at ${TARGETS.overview.rate} req/s (achieved ${overview.achievedRate.toFixed(1)}/s, ${overview.errors} errors)`,
    ]);
  }
  if (counted) {
    verdicts.push([
      counted.members <= TARGETS.membersStatements,
      `members sends ${counted.members} SQL statements per request ≤ ${TARGETS.membersStatements} (1 + organisation + latest transfer)`,
    ]);
  }
  console.log('');
  for (const [ok, text] of verdicts) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average now ${load()}; MySQL and the load generator on the same machine`);

  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `gateway-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), sizes: SIZES, seconds: SECONDS, results, statements: { gateway: counted, plain: plainCounts } }, null, 2)}\n`);
  console.log(`figures written to ${file.slice(ROOT.length + 1)}`);
}

await main();
process.exit(0);

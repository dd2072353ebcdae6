#!/usr/bin/env node
// `pnpm start`: services, build, database, demo data on first run, then gateway + worker +
// simulator with one log prefix each. `pnpm dev` (--dev) rebuilds on change and runs Vite's
// dev server for the console. Ctrl-C stops everything within 10 s.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServices, ROOT } from './services.mjs';
import { startProcess, startStack } from './stack.mjs';

const dev = process.argv.includes('--dev');
const services = await ensureServices();
const env = { ...process.env, ...services, NODE_ENV: process.env.NODE_ENV ?? 'development' };

console.log('• building (turbo caches what has not changed)…');
const build = spawnSync('pnpm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env });
if (build.status !== 0) {
  console.error('✗ the build failed; see above');
  process.exit(1);
}

const extra = [];
let stack;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n• stopping…');
  const hardStop = setTimeout(() => process.exit(code || 1), 10_000);
  hardStop.unref();
  await Promise.all([...extra.map((p) => p.stop(7000)), stack?.stop()]);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

try {
  if (dev) {
    // Recompile the server packages on change; node --watch restarts the processes.
    for (const dir of ['packages/config', 'packages/domain', 'packages/upstream-client', 'apps/upstream-sim', 'apps/gateway', 'apps/worker']) {
      extra.push(startProcess('tsc', [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.build.json'), '--watch', '--preserveWatchOutput'], env, { log: () => {} }));
    }
  }
  stack = await startStack(env, { watch: dev });
  if (dev) extra.push(startProcess('console', [join(ROOT, 'apps/console/node_modules/vite/bin/vite.js'), '--config', join(ROOT, 'apps/console/vite.config.ts'), join(ROOT, 'apps/console')], env));
} catch (error) {
  console.error(`✗ ${error.message}`);
  await shutdown(1);
}

const port = env.PORT ?? '4000';
const passwordFile = join(env.DANGJIAN_DATA_DIR ?? join(ROOT, '.data'), 'admin-password.txt');
console.log(`
  党建工作平台 is running
  console   http://localhost:${port}${dev ? '   (with hot reload: http://localhost:5173)' : ''}
  GraphQL   http://localhost:${port}/graphql
  sign in   ${env.DANGJIAN_ADMIN_USERNAME ?? 'admin'} / ${env.DANGJIAN_ADMIN_PASSWORD ? '(DANGJIAN_ADMIN_PASSWORD)' : existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim().split('\n').pop() : '(printed by the gateway above)'}
  Ctrl-C stops everything.
`);
// Keep running until a child dies unexpectedly.
const dead = await Promise.race(stack.processes.map((p) => p.exited.then((status) => ({ p, status }))));
if (!stopping) {
  console.error(`✗ ${dead.p.name} stopped (${dead.status.signal ?? `exit ${dead.status.code}`}); stopping the rest`);
  await shutdown(1);
}

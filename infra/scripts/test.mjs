#!/usr/bin/env node
// `pnpm test`: every test — unit, integration against real MySQL and Redis, and end-to-end in
// Chromium — after making sure of what they need (services, Chromium, a build for the processes
// the end-to-end tests start). Ends with the plain line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServices, ROOT } from './services.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without a CJK font the screenshots show boxes where the Chinese is (the tests still pass). */
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

function ensureChromium() {
  const hasFont = existsSync(CJK_FONT);
  if (existsSync(CHROMIUM) && hasFont) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('• installing Chromium and a Chinese font for the end-to-end tests (apt-get)…');
    const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (run(['update']).status === 0 && run(['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']).status === 0 && existsSync(CHROMIUM)) return;
  }
  if (existsSync(CHROMIUM)) {
    if (!hasFont) console.warn(`• no Chinese font (${CJK_FONT}): screenshots will show boxes for Chinese text`);
    return;
  }
  console.error(`✗ the end-to-end tests need Chromium at ${CHROMIUM}. Install it:
    Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk
    elsewhere:      install Chromium and set CHROMIUM_PATH to its binary`);
  process.exit(1);
}

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const vitestArgs = args.filter((a) => a !== '--no-build');

const services = await ensureServices();
ensureChromium();
const env = { ...process.env, ...services, NODE_ENV: 'test', CHROMIUM_PATH: CHROMIUM };

if (!skipBuild) {
  const build = spawnSync('pnpm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...env, NODE_ENV: 'production' } });
  if (build.status !== 0) {
    console.error('✗ the build failed; the end-to-end tests need it');
    process.exit(1);
  }
}

const report = join(ROOT, '.data/test-results.json');
rmSync(report, { force: true });
const vitest = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...vitestArgs], { cwd: ROOT, stdio: 'inherit', env });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests ?? 0;
  failed = (results.numFailedTests ?? 0) + (results.testResults ?? []).filter((file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0).length;
  skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
} else {
  failed = 1; // vitest did not get as far as writing its report
}
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(vitest.status === 0 && failed === 0 ? 0 : 1);

#!/usr/bin/env node
// The console as a person meets it, in headless Chromium against the real stack:
//   - what the sign-in page downloads: JavaScript + CSS, gzip (target ≤ 250 KB);
//   - the dashboard ready (figures shown, no loading mask) after navigation (target ≤ 2 s);
//   - console errors and failed requests on every page of the menu (target: none);
//   - Lighthouse accessibility on sign-in and dashboard (target ≥ 90).
// Each figure is printed beside its target. Run: pnpm bench console (after pnpm build).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { ensureServices, ROOT } from '../infra/scripts/services.mjs';
import { freeLoopbackPort, startIsolatedStack } from '../infra/scripts/stack.mjs';
import { table } from './lib/load.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const lighthouse = (await import('lighthouse')).default;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The console's menu pages, read from its route definitions (no parameters, no error pages). */
function menuPaths() {
  const dir = join(ROOT, 'apps/console/src/router');
  const files = [join(dir, 'routes.ts'), ...readdirSync(join(dir, 'modules')).map((f) => join(dir, 'modules', f))];
  const paths = new Set();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // Children are written relative to their parent ("system" → "users"): track the nesting.
    let parent = '';
    for (const line of text.split('\n')) {
      const match = line.match(/^(\s*)path: '([^']*)'/);
      if (!match) continue;
      const [, indent, path] = match;
      if (indent.length <= 4) parent = path;
      if (!path || path.includes(':') || ['403', '/login', '/', 'login'].includes(path) || path.startsWith('/public')) continue;
      paths.add(indent.length > 4 && parent && !path.startsWith('/') ? `${parent}/${path}` : path.replace(/^\//, ''));
    }
  }
  return [...paths];
}

async function signIn(page, info) {
  await page.goto(`${info.baseUrl}/login`);
  await page.getByLabel('用户名').fill(info.adminUsername);
  await page.getByLabel('密码').fill(info.adminPassword);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
}

/** Resolves when every figure card has its value and no loading mask or skeleton shows. */
async function dashboardReady(page) {
  /* global document -- the predicate runs in the page */
  await page.waitForFunction(
    () => {
      const values = [...document.querySelectorAll('[data-testid^="stat-card-"] [data-testid="stat-value"]')];
      const masks = [...document.querySelectorAll('.el-loading-mask, .el-skeleton')].filter((el) => el.offsetParent !== null);
      return values.length > 0 && values.every((v) => v.textContent.trim() !== '') && masks.length === 0;
    },
    null,
    { timeout: 30_000, polling: 25 },
  );
}

const services = await ensureServices({ quiet: true });
const stack = await startIsolatedStack({ label: 'bench_console', logFile: join(ROOT, '.data/bench-console.log'), services });
const info = stack.info;
const results = [['measure', 'figure', 'target', 'verdict']];
const port = await freeLoopbackPort();
const profile = mkdtempSync(join(tmpdir(), 'dangjian-bench-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: [...FLAGS, `--remote-debugging-port=${port}`], locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
try {
  // 1. What the sign-in page downloads.
  const page = await context.newPage();
  const assets = [];
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet') assets.push(response.body().then((body) => ({ url: response.url(), gzip: gzipSync(body, { level: 9 }).length })).catch(() => null));
  });
  await page.goto(`${info.baseUrl}/login`, { waitUntil: 'networkidle' });
  const loginAssets = (await Promise.all(assets)).filter(Boolean);
  const loginKb = loginAssets.reduce((sum, a) => sum + a.gzip, 0) / 1024;
  results.push(['sign-in page JS + CSS (gzip)', `${loginKb.toFixed(1)} KB in ${loginAssets.length} files`, '≤ 250 KB', loginKb <= 250 ? 'PASS' : 'FAIL']);
  page.removeAllListeners('response');

  // 2. Dashboard ready after navigation (signed in; median of 5 loads).
  await signIn(page, info);
  const times = [];
  for (let i = 0; i < 6; i++) {
    const start = performance.now();
    await page.goto(`${info.baseUrl}/dashboard`);
    await dashboardReady(page);
    if (i > 0) times.push(performance.now() - start); // the first load warms the server's caches
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  results.push(['dashboard ready after navigation', `median ${median.toFixed(0)} ms, worst ${times.at(-1).toFixed(0)} ms`, '≤ 2000 ms', times.at(-1) <= 2000 ? 'PASS' : 'FAIL']);

  // 3. Console errors and failed requests on every menu page.
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`${page.url()}: console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${page.url()}: page: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`${page.url()}: request: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${page.url()}: HTTP ${r.status()} ${r.url()}`));
  const paths = menuPaths();
  for (const path of paths) {
    await page.goto(`${info.baseUrl}/${path}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300); // late requests fired after the first render
  }
  results.push(['pages without console errors or failed requests', `${paths.length - new Set(problems.map((p) => p.split(':')[0])).size}/${paths.length} pages clean`, 'all', problems.length ? 'FAIL' : 'PASS']);
  await page.close();

  // 4. Lighthouse accessibility, sign-in page (fresh) and dashboard (signed in: storage kept).
  for (const [name, url, keepStorage] of [
    ['sign-in', `${info.baseUrl}/login`, false],
    ['dashboard', `${info.baseUrl}/dashboard`, true],
  ]) {
    const run = await lighthouse(url, { port, onlyCategories: ['accessibility'], output: 'json', logLevel: 'error', disableStorageReset: keepStorage, formFactor: 'desktop', screenEmulation: { disabled: true } });
    const score = Math.round((run?.lhr.categories.accessibility.score ?? 0) * 100);
    // Only audits that weigh in the score; Lighthouse also reports experimental ones of weight 0.
    const weighted = (run?.lhr.categories.accessibility.auditRefs ?? []).filter((ref) => ref.weight > 0).map((ref) => ref.id);
    const failing = weighted.filter((id) => run?.lhr.audits[id]?.score === 0);
    results.push([`Lighthouse accessibility: ${name}`, `${score}${failing.length ? ` (failing: ${failing.join(', ')})` : ''}`, '≥ 90', score >= 90 ? 'PASS' : 'FAIL']);
  }
  console.log(`\nconsole benchmark, ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  table(results);
  if (problems.length) console.log(`\nproblems seen:\n  ${problems.slice(0, 20).join('\n  ')}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await stack.stop();
}

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

/** 数据同步: a sync started from the console, its progress bar followed to 100%. */
describe('sync: run one and watch it finish', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts a full sync and sees the progress bar reach 100%', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/sync`);
    await page.getByTestId('sync-run-row').first().waitFor({ timeout: 15_000 });
    const latestBefore = await page.getByTestId('sync-run-row').first().locator('td').first().innerText();

    await page.getByTestId('request-sync').click();
    const dialog = page.getByTestId('request-sync-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('sync-full').click();
    await dialog.getByTestId('request-sync-submit').click();

    const progress = page.getByTestId('sync-progress');
    // The new run shows up first, and the page follows it while it moves.
    await expect.poll(() => page.getByTestId('sync-run-row').first().locator('td').first().innerText(), { timeout: 15_000 }).not.toBe(latestBefore);
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 120_000, interval: 250 }).toBe('SUCCEEDED');
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('latest-sync-status').innerText()).toBe('成功');
    expect(Number(await page.getByTestId('sync-count-fetchedCount').locator('dd').innerText())).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'sync-finished');
    expect(problems).toEqual([]);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

/** 企业诉求看板: a request dragged from 受理 to 办理中, then closed with the feedback given to the enterprise. */
describe('requests board: an enterprise request across the board', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const count = async (page: Page, status: string) => Number(await page.getByTestId(`request-count-${status}`).innerText());

  it('moves a request from 受理 to 办理中 by dragging, then resolves it with feedback', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/buildings/requests`);
    const received = page.getByTestId('request-column-RECEIVED');
    const inProgress = page.getByTestId('request-column-IN_PROGRESS');
    const resolved = page.getByTestId('request-column-RESOLVED');
    await received.getByTestId('request-card').first().waitFor({ timeout: 15_000 });
    // Every column and the statistics loaded, so nothing moves under the pointer any more.
    await page.getByTestId('request-stats').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('[data-testid="request-board"] .el-loading-mask'));
    const counts = { received: await count(page, 'RECEIVED'), inProgress: await count(page, 'IN_PROGRESS'), resolved: await count(page, 'RESOLVED') };

    const id = await received.getByTestId('request-card').first().getAttribute('data-request-id');
    const card = received.locator(`[data-testid="request-card"][data-request-id="${id}"]`);
    // Grab the card's top and drop on the target column's head, both in view: were the page to
    // scroll between pressing and moving, Chromium would start the drag from whatever card then
    // lay under the pointer (the columns are taller than the window).
    await page.getByTestId('request-board').evaluate((board) => board.scrollIntoView({ block: 'start' }));
    await card.dragTo(inProgress, { sourcePosition: { x: 40, y: 16 }, targetPosition: { x: 40, y: 16 } });
    const dialog = page.getByTestId('request-advance-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('data-target')).toBe('IN_PROGRESS');
    await dialog.getByTestId('advance-feedback').fill('已联系区人社局，约定下周上门对接');
    await dialog.getByTestId('advance-submit').click();

    const moved = page.locator(`[data-testid="request-card"][data-request-id="${id}"]`);
    await expect.poll(() => moved.getAttribute('data-status'), { timeout: 15_000 }).toBe('IN_PROGRESS');
    expect(await inProgress.locator(`[data-request-id="${id}"]`).count()).toBe(1);
    expect(await count(page, 'RECEIVED')).toBe(counts.received - 1);
    expect(await count(page, 'IN_PROGRESS')).toBe(counts.inProgress + 1);

    // Resolving needs the feedback to the enterprise: refused at the field without it.
    await moved.getByTestId('request-resolve').click();
    await dialog.waitFor();
    expect(await dialog.getAttribute('data-target')).toBe('RESOLVED');
    await dialog.getByTestId('advance-feedback').fill('');
    await dialog.getByTestId('advance-submit').click();
    await expect.poll(() => dialog.getByText('此项为必填项').count()).toBe(1);
    await dialog.getByTestId('advance-feedback').fill('已协调人社局专场招聘会，企业招到 3 名技术人员，回访满意');
    await dialog.getByTestId('advance-submit').click();

    await expect.poll(() => moved.getAttribute('data-status'), { timeout: 15_000 }).toBe('RESOLVED');
    expect(await resolved.locator(`[data-request-id="${id}"]`).count()).toBe(1);
    expect(await moved.getByTestId('request-feedback').innerText()).toContain('回访满意');
    expect(await moved.getByTestId('request-duration').innerText()).toMatch(/\d/);
    expect(await count(page, 'RESOLVED')).toBe(counts.resolved + 1);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'requests-board');
    expect(problems).toEqual([]);
  });
});

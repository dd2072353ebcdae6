import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

describe('微心愿: a claimed wish comes true', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fulfils a claimed wish: it leaves the claimed column and the count of wishes come true goes up', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/service-work/activities?tab=wishes`);
    const claimed = page.getByTestId('wish-column-CLAIMED');
    const fulfilledCount = page.getByTestId('wish-count-FULFILLED');
    await expect.poll(() => claimed.getByTestId('wish-card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(async () => Number(await fulfilledCount.innerText()), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = Number(await fulfilledCount.innerText());
    const claimedBefore = Number(await page.getByTestId('wish-count-CLAIMED').innerText());

    const card = claimed.getByTestId('wish-card').first();
    const wishId = await card.getAttribute('data-wish-id');
    await card.getByTestId('wish-fulfil').click();
    const dialog = page.getByTestId('wish-advance-dialog');
    await dialog.waitFor();
    await page.getByTestId('wish-advance-submit').click();
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);

    await expect.poll(async () => Number(await fulfilledCount.innerText()), { timeout: 15_000 }).toBe(before + 1);
    expect(Number(await page.getByTestId('wish-count-CLAIMED').innerText())).toBe(claimedBefore - 1);
    expect(await claimed.locator(`[data-wish-id="${wishId}"]`).count()).toBe(0);
    await expect.poll(() => page.getByTestId('wish-fulfilled-total').innerText()).toContain(String(before + 1));
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'wishes-board');
    expect(problems).toEqual([]);
  });
});

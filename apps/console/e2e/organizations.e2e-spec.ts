import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

describe('组织架构: the tree that came through the sync', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the working committee and the communities after signing in', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.goto(`${stack.baseUrl}/organizations`);
    const tree = page.getByTestId('organization-tree');
    await expect.poll(() => tree.getByText('陇海马路街道党工委').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await tree.getByText('陇海马路街道党工委').first().click();
    await expect.poll(() => tree.getByText(/新郑路社区/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'organizations-tree');
    expect(problems).toEqual([]);
  });
});

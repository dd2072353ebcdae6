import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

/** The admin's token, for looking up what the page should show (the page itself is driven by hand). */
async function graphql<T>(baseUrl: string, query: string, token?: string): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

describe('清单管理: a problem is rectified and closed with its evidence; lists are published to residents', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('closes a problem under rectification with the rectification and a document, and records who closed it', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/branch-work/checklist?kind=PROBLEM&status=RECTIFYING`);
    const rows = page.getByTestId('checklist-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const row = rows.first();
    const title = (await row.getByTestId('checklist-title').innerText()).trim();
    await expect.poll(() => row.getByTestId('checklist-status-tag').innerText()).toBe('整改中');

    await row.getByTestId('checklist-close').click();
    const dialog = page.getByTestId('checklist-close-dialog');
    await dialog.waitFor();
    // A problem does not close without what was done or the evidence of it.
    await page.getByTestId('checklist-rectification').fill('');
    await page.getByTestId('checklist-close-submit').click();
    await expect.poll(() => page.getByTestId('checklist-close-problem').innerText()).toContain('请填写整改情况或添加佐证材料');

    await page.getByTestId('checklist-rectification').fill('已逐支部补齐签到表和缺席原因，统一使用新版会议记录本');
    await page.getByTestId('checklist-add-attachment').click();
    await page.getByTestId('checklist-attachment-name').last().fill('整改报告.pdf');
    await page.getByTestId('checklist-attachment-url').last().fill('/files/rectification/report.pdf');
    await page.getByTestId('checklist-close-submit').click();
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);

    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/branch-work/checklist?kind=PROBLEM&status=CLOSED&search=${encodeURIComponent(title)}`);
    const closed = page.getByTestId('checklist-row').first();
    await expect.poll(() => closed.getByTestId('checklist-status-tag').innerText(), { timeout: 15_000 }).toBe('已销号');
    expect(await closed.getByTestId('checklist-closed').innerText()).toContain(stack.adminUsername);
    await closed.locator('.el-table__expand-icon').click();
    await expect.poll(() => page.getByText('已逐支部补齐签到表和缺席原因').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: '整改报告.pdf' }).count()).toBe(1);
    await screenshot(page, 'checklist-closed');
    expect(problems).toEqual([]);
  });

  it('shows a community’s published lists to anyone, in large type, without signing in', async () => {
    const token = (
      await graphql<{ login: { accessToken: string } }>(
        stack.baseUrl,
        `mutation { login(username: ${JSON.stringify(stack.adminUsername)}, password: ${JSON.stringify(stack.adminPassword)}) { accessToken } }`,
      )
    ).login.accessToken;
    const { communities } = await graphql<{ communities: { nodes: Array<{ id: string; name: string }> } }>(
      stack.baseUrl,
      '{ communities(first: 1) { nodes { id name } } }',
      token,
    );
    const { page, problems } = await openPage(browser);
    await page.goto(`${stack.baseUrl}/public/communities/${communities.nodes[0].id}/lists`);
    const screen = page.getByTestId('public-lists');
    await screen.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/public/communities/${communities.nodes[0].id}/lists`);
    await expect.poll(() => page.getByTestId('public-community').innerText()).toBe(communities.nodes[0].name);
    for (const kind of ['STUDY', 'RESOURCE', 'ACTIVITY']) {
      await expect.poll(() => page.getByTestId(`public-column-${kind}`).getByTestId('public-item').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    }
    // Internal lists (responsibilities, problems) are never on the public screen.
    expect(await screen.innerText()).not.toContain('问题清单');
    const titleSize = await page.getByTestId('public-item').first().locator('h3').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(titleSize).toBeGreaterThanOrEqual(24);
    await expect.poll(() => page.getByTestId('public-updated').innerText()).toMatch(/更新于 \d{2}:\d{2}/);
    await screenshot(page, 'public-lists');
    expect(problems).toEqual([]);
  });
});

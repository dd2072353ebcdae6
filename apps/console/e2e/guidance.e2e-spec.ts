import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

/** 指导看板: a visit recorded from a branch's row changes that row's cells and the totals. */
describe('guidance: recording a visit changes the board', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records a visit on the four items and sees the board follow', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/non-public/board`);
    await page.getByTestId('board-row').first().waitFor({ timeout: 15_000 });

    // A branch whose rules are posted, as last found.
    const rows = page.getByTestId('board-row');
    const count = await rows.count();
    let index = -1;
    for (let i = 0; i < count; i++) {
      if ((await rows.nth(i).getByTestId('board-cell-RULES_POSTED').getAttribute('data-state')) === 'GOOD') {
        index = i;
        break;
      }
    }
    expect(index).toBeGreaterThanOrEqual(0);
    const row = rows.nth(index);
    const branch = (await row.locator('a.branch').innerText()).trim();
    const totalText = async () => (await page.getByTestId('board-total-RULES_POSTED').innerText()).replace(/\s+/g, '');
    const notDoneBefore = Number(/未落实(\d+)/.exec(await totalText())?.[1]);

    await row.getByRole('button', { name: '记录指导' }).click();
    const form = page.getByTestId('visit-form');
    await form.waitFor();
    await expect.poll(() => form.getByTestId('branch-select').innerText()).toContain(branch);

    // Nothing chosen yet: the form says what is missing, at the fields.
    await form.getByTestId('visit-submit').click();
    await expect.poll(() => form.getByText('请至少填写一项指导事项的情况').count()).toBe(1);

    await form.getByTestId('instructor-select').click();
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await form.getByTestId('visit-item-RELATION_TRANSFER-GOOD').click();
    await form.getByTestId('visit-item-ARCHIVE_MANAGEMENT-GOOD').click();
    await form.getByTestId('visit-item-RULES_POSTED-NOT_DONE').click();
    await form.getByTestId('visit-item-ORGANIZATIONAL_LIFE-NEEDS_IMPROVEMENT').click();
    await form.getByTestId('visit-findings').fill('党员权利义务、“三会一课”等制度未上墙；组织生活记录不完整');
    await screenshot(page, 'guidance-visit-form');
    await form.getByTestId('visit-submit').click();
    await expect.poll(() => form.isVisible(), { timeout: 15_000 }).toBe(false);

    const updated = page.getByTestId('board-row').filter({ has: page.locator('a.branch', { hasText: branch }) });
    await expect.poll(() => updated.getByTestId('board-cell-RULES_POSTED').getAttribute('data-state'), { timeout: 15_000 }).toBe('NOT_DONE');
    expect(await updated.getByTestId('board-cell-ORGANIZATIONAL_LIFE').getAttribute('data-state')).toBe('NEEDS_IMPROVEMENT');
    const today = await page.evaluate(() => {
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      return parts;
    });
    expect(await updated.getByTestId('board-last-visited').innerText()).toBe(today);
    await expect.poll(async () => Number(/未落实(\d+)/.exec(await totalText())?.[1])).toBe(notDoneBefore + 1);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'guidance-board');
    expect(problems).toEqual([]);
  });
});

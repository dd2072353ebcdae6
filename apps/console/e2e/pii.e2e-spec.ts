import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

/** 查看完整信息: a member's full id card number, asked for with a reason, shown once, and found in the audit log. */
describe('personal data: revealing an id card number is audited', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the full number after a reason is given, then finds the audit row', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/members`);
    const row = page.getByTestId('member-row').first();
    await row.waitFor({ timeout: 15_000 });
    const masked = (await row.getByTestId('member-id-card').innerText()).trim();
    expect(masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const name = (await row.getByTestId('member-link').innerText()).trim();
    const href = await row.getByTestId('member-link').getAttribute('href');
    const memberId = /\/members\/(\d+)/.exec(href ?? '')?.[1];
    expect(memberId).toBeTruthy();

    await row.getByTestId('reveal-pii').click();
    const dialog = page.getByTestId('reveal-pii-dialog');
    await dialog.waitFor();
    // A reason is required, of a few words at least.
    await dialog.getByTestId('reveal-reason').fill('核对');
    await dialog.getByTestId('reveal-submit').click();
    await expect.poll(() => dialog.getByText('请写明查看原因，至少 4 个字').count()).toBe(1);
    await dialog.getByTestId('reveal-reason').fill('办理组织关系转接，核对身份证号');
    await dialog.getByTestId('reveal-submit').click();

    const full = dialog.getByTestId('reveal-id-card');
    await expect.poll(() => full.innerText(), { timeout: 10_000 }).toMatch(/^\d{17}[\dX]$/);
    const number = (await full.innerText()).trim();
    expect(number.slice(0, 6)).toBe(masked.slice(0, 6));
    expect(number.slice(-4)).toBe(masked.slice(-4));
    await screenshot(page, 'pii-revealed');
    await dialog.getByRole('button', { name: '关闭', exact: true }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await row.getByTestId('member-id-card').innerText()).trim()).toBe(masked);

    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/system/audit-logs?action=REVEAL_PII&entityId=${memberId}`);
    const audit = page.getByTestId('audit-log-row');
    await expect.poll(() => audit.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const text = await audit.first().innerText();
    expect(text).toContain(stack.adminUsername);
    expect(text).toContain('办理组织关系转接，核对身份证号');
    expect(text).toContain(memberId as string);
    expect(text).not.toContain(number);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'pii-audit-log');
    expect(problems, name).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

describe('工作简报: written from the live records, edited, exported', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('generates the briefing on the demo data with the article’s figures, each linked to its records', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/briefing`);
    await page.getByTestId('briefing-generate').click();
    const document = page.getByTestId('briefing-document');
    await document.waitFor({ timeout: 30_000 });
    const text = await document.innerText();
    expect(text).toContain('陇海马路街道党建工作简报');
    expect(text).toContain('共选出书记、委员27名，平均年龄34.4岁，其中35岁及以下人员17名，大专及以上学历26人，占比96.3%');
    expect(text).toContain('各社区党建工作有亮点');

    const seats = page.locator('a[data-testid="briefing-figure"][href^="/branch-work/elections"]').filter({ hasText: /^27$/ }).first();
    const href = await seats.getAttribute('href');
    expect(href).toMatch(/^\/branch-work\/elections\?organizationIds=[\d%C,]+&asOf=\d{4}-\d{2}-\d{2}$/);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'briefing-generated');

    // The record behind the figure: the same statistics on the elections page.
    const records = await page.context().newPage();
    await records.goto(`${stack.baseUrl}${href}`);
    await expect.poll(() => records.getByTestId('cadre-sentence').innerText(), { timeout: 15_000 }).toContain('共选出书记、委员27名，平均年龄34.4岁');
    await records.waitForLoadState('networkidle');
    await records.close();

    // Edited in place, then downloaded as Word with the edit.
    const paragraph = page.getByTestId('briefing-paragraph').first();
    await paragraph.hover();
    await paragraph.getByTestId('briefing-paragraph-edit').click();
    await page.getByTestId('briefing-paragraph-input').fill('今年以来，街道党建工作稳步推进（本段经人工修改）。');
    await page.getByTestId('briefing-paragraph-done').click();
    await expect.poll(() => paragraph.getByTestId('briefing-paragraph-text').innerText()).toContain('本段经人工修改');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('briefing-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^陇海马路街道党建工作简报-\d{4}-\d{2}-\d{2}\.docx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.length).toBeGreaterThan(5000);
    expect(problems).toEqual([]);
  });
});

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

/** The spreadsheet library the gateway reads the survey with, to fill in its own template as a person would. */
interface Sheet {
  getCell(row: number, column: number): { value: unknown };
  getRow(row: number): { eachCell(callback: (cell: { value: unknown }, column: number) => void): void };
}
interface Workbook {
  xlsx: { load(data: ArrayBuffer): Promise<unknown>; writeBuffer(): Promise<ArrayBuffer> };
  getWorksheet(name: string): Sheet | undefined;
}
const gatewayRequire = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../../gateway/package.json'));
const ExcelJS = gatewayRequire('exceljs') as { Workbook: new () => Workbook };

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A 统一社会信用代码 with the right GB 32100 check character. */
function creditCode(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return first17 + CHARSET[(31 - (sum % 31)) % 31];
}

describe('survey import: a template with one bad row', () => {
  const stack = inject('stack');
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const response = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
        variables: { u: stack.adminUsername, p: stack.adminPassword },
      }),
    });
    admin = ((await response.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the bad row and column, then imports the good row', async () => {
    // The template, as downloaded, filled in: one good unit, one with a mistyped credit code.
    const template = await fetch(`${stack.baseUrl}/export/templates/unit-survey.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await template.arrayBuffer());
    const sheet = workbook.getWorksheet('单位排查');
    const communities = workbook.getWorksheet('社区');
    if (!sheet || !communities) throw new Error('the template lacks its sheets');
    const community = String(communities.getCell(2, 1).value);
    const columns = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => columns.set(String(cell.value).replace(/\*$/, ''), column));
    const good = creditCode('91410104E2E00001A');
    const right = creditCode('91410104E2E00002B');
    const bad = `${right.slice(0, 17)}${right.endsWith('0') ? '1' : '0'}`;
    const rows = [
      { 单位名称: '郑州端到端检测科技有限公司', 单位类别: '非公企业', 统一社会信用代码: good, 所在社区: community, 从业人员数: 25, 正式党员数: 4, 排查日期: '2026-01-15', 有固定场所: '是', 有实际经营活动: '是' },
      { 单位名称: '郑州错码商贸有限公司', 单位类别: '非公企业', 统一社会信用代码: bad, 所在社区: community, 从业人员数: 12, 正式党员数: 1, 排查日期: '2026-01-15', 有固定场所: '是', 有实际经营活动: '是' },
    ];
    rows.forEach((values, index) => {
      for (const [header, value] of Object.entries(values)) {
        const column = columns.get(header);
        if (!column) throw new Error(`the template has no column ${header}`);
        sheet.getCell(index + 2, column).value = value;
      }
    });
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/non-public/units`);
    await page.getByTestId('unit-row').first().waitFor({ timeout: 15_000 });
    const before = Number(/\d+/.exec(await page.getByTestId('pager-total').innerText())?.[0]);

    await page.getByTestId('units-import').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    await dialog.locator('input[type="file"]').setInputFiles({
      name: '单位排查.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await dialog.getByTestId('import-check').click();

    const report = dialog.getByTestId('import-report');
    await report.waitFor({ timeout: 15_000 });
    expect(await report.getAttribute('data-mode')).toBe('dry-run');
    expect(await dialog.getByTestId('import-row-count').innerText()).toBe('2');
    expect(await dialog.getByTestId('import-invalid-count').innerText()).toBe('1');
    const problemsTable = dialog.getByTestId('import-problems');
    expect(await problemsTable.innerText()).toContain('第 3 行');
    expect(await problemsTable.innerText()).toContain('统一社会信用代码');
    expect(await problemsTable.innerText()).not.toContain('第 2 行');
    await screenshot(page, 'survey-import-report');

    await dialog.getByTestId('import-commit').click();
    await expect.poll(() => report.getAttribute('data-mode'), { timeout: 15_000 }).toBe('commit');
    expect(await report.innerText()).toContain('新增 1 个单位');
    await dialog.getByRole('button', { name: '关闭', exact: true }).click();

    await expect.poll(async () => Number(/\d+/.exec(await page.getByTestId('pager-total').innerText())?.[0]), { timeout: 15_000 }).toBe(before + 1);
    await page.getByTestId('units-search').fill(good);
    await page.getByTestId('units-search').press('Enter');
    await expect.poll(() => page.getByTestId('unit-row').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('unit-row').first().innerText()).toContain(good);
    // 4 full members and no organisation of its own: the survey flags it as 应建未建.
    expect(await page.getByTestId('unit-row').first().getByTestId('unit-coverage').innerText()).toBe('应建未建');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'survey-import-done');
    expect(problems).toEqual([]);
  });
});

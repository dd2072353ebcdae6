import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './browser.js';

/** The spreadsheet library the gateway writes with, to open the downloaded files. */
interface Workbook {
  xlsx: { load(data: ArrayBuffer | Buffer): Promise<unknown> };
  worksheets: Array<{ rowCount: number; getRow(row: number): { values: unknown } }>;
}
const gatewayRequire = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../../gateway/package.json'));
const ExcelJS = gatewayRequire('exceljs') as { Workbook: new () => Workbook };

/** Each list page, its export button, the query the page sends, and the file's first headers. */
const PAGES = [
  {
    url: '/non-public/guidance?overdue=true',
    button: 'visits-export',
    sends: ['/export/guidance-visits.xlsx', 'followUpOverdue=1'],
    file: /^指导记录-\d{4}-\d{2}-\d{2}\.xlsx$/,
    headers: ['指导日期', '被指导党组织', '党建指导员', '指导方式', '党员组织关系转接'],
  },
  {
    url: '/non-public/instructors',
    button: 'instructors-export',
    sends: ['/export/instructors.xlsx', 'activeOnly=1'],
    file: /^党建指导员及分工-\d{4}-\d{2}-\d{2}\.xlsx$/,
    headers: ['姓名', '职务', '联系电话', '选派党组织', '指导的党组织'],
  },
  {
    url: '/non-public/branches?category=NON_PUBLIC_ENTERPRISE',
    button: 'branches-export',
    sends: ['/export/guided-branches.xlsx', 'category=NON_PUBLIC_ENTERPRISE'],
    file: /^非公和社会组织党支部-\d{4}-\d{2}-\d{2}\.xlsx$/,
    headers: ['党组织名称', '上级党组织', '组织类型', '类别', '党员数'],
  },
  {
    url: '/buildings/list',
    button: 'buildings-export',
    sends: ['/export/buildings.xlsx'],
    file: /^楼宇名单-\d{4}-\d{2}-\d{2}\.xlsx$/,
    headers: ['楼宇名称', '地址', '楼层数', '所在社区', '楼宇党支部'],
  },
  {
    url: '/buildings/requests?category=EMPLOYMENT,POLICY',
    button: 'requests-export',
    sends: ['/export/requests.xlsx', `category=${encodeURIComponent('EMPLOYMENT,POLICY')}`],
    file: /^企业诉求-\d{4}-\d{2}-\d{2}\.xlsx$/,
    headers: ['受理时间', '企业', '楼宇', '社区党组织', '诉求人'],
  },
];

describe('exports of the guidance and building lists', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('downloads each list as .xlsx with the page’s filters', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    for (const entry of PAGES) {
      await page.goto(`${stack.baseUrl}${entry.url}`);
      await page.waitForLoadState('networkidle');
      const [request, download] = await Promise.all([
        page.waitForRequest((candidate) => candidate.url().includes('/export/')),
        page.waitForEvent('download'),
        page.getByTestId(entry.button).click(),
      ]);
      for (const part of entry.sends) expect(request.url(), entry.url).toContain(part);
      expect(download.suggestedFilename()).toMatch(entry.file);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync((await download.path())!));
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1, 1 + entry.headers.length);
      expect(header, entry.url).toEqual(entry.headers);
    }
    expect(problems).toEqual([]);
  });
});

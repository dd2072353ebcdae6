import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

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

interface Entry {
  type: string;
  period: string;
  status: string;
  frequency: string;
}

describe('组织生活: recording a meeting turns its period green', () => {
  const stack = inject('stack');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records the meeting of an open period from the calendar, and the cell turns from amber to green', async () => {
    const token = (
      await graphql<{ login: { accessToken: string } }>(
        stack.baseUrl,
        `mutation { login(username: ${JSON.stringify(stack.adminUsername)}, password: ${JSON.stringify(stack.adminPassword)}) { accessToken } }`,
      )
    ).login.accessToken;
    const { meetingCompliance } = await graphql<{ meetingCompliance: { branches: Array<{ organizationId: string; entries: Entry[] }> } }>(
      stack.baseUrl,
      '{ meetingCompliance { branches { organizationId entries { type period status frequency } } } }',
      token,
    );
    // A monthly meeting of the current month not yet held: the seed leaves some open.
    const target = meetingCompliance.branches
      .flatMap((branch) => branch.entries.map((entry) => ({ branch: branch.organizationId, entry })))
      .find(({ entry }) => entry.status === 'OPEN' && entry.frequency === 'MONTH');
    expect(target, 'an open monthly period in the demo data').toBeDefined();

    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/branch-work/meetings?branch=${target!.branch}`);
    const cell = page.locator(`[data-testid="compliance-cell"][data-type="${target!.entry.type}"][data-period="${target!.entry.period}"]`);
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 15_000 }).toBe('OPEN');
    await screenshot(page, 'meetings-calendar-before');

    await cell.click();
    const dialog = page.getByTestId('meeting-dialog');
    await dialog.waitFor();
    await page.getByTestId('meeting-form-topic').fill('集中学习，通报工作，开展志愿服务');
    await page.getByTestId('meeting-form-expected').locator('input').fill('12');
    await page.getByTestId('meeting-form-attended').locator('input').fill('11');
    await page.getByTestId('meeting-form-topic').click();
    await page.getByTestId('meeting-submit').click();
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);

    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 15_000 }).toBe('MET');
    expect(await cell.innerText()).toContain('1');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'meetings-calendar-after');
    expect(problems).toEqual([]);
  });

  it('warns that a branch assembly without more than half of its voting members cannot decide', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/branch-work/meetings?tab=records`);
    await page.getByTestId('meetings-table').waitFor();
    await page.getByTestId('meeting-create').click();
    const dialog = page.getByTestId('meeting-dialog');
    await dialog.waitFor();
    await page.getByTestId('meeting-form-type').click();
    await page.getByRole('option', { name: '支部党员大会' }).click();
    await page.getByTestId('meeting-form-expected').locator('input').fill('20');
    await page.getByTestId('meeting-form-voting').locator('input').fill('20');
    await page.getByTestId('meeting-form-attended').locator('input').fill('9');
    await page.getByTestId('meeting-form-topic').click();
    await expect.poll(() => page.getByTestId('meeting-quorum-warning').innerText()).toContain('不能作出决议');
    await page.getByTestId('meeting-form-attended').locator('input').fill('11');
    await page.getByTestId('meeting-form-topic').click();
    await expect.poll(() => page.getByTestId('meeting-quorum-warning').count()).toBe(0);
    await screenshot(page, 'meetings-quorum');
    expect(problems).toEqual([]);
  });
});

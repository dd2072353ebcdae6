import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser.js';

/**
 * 组织关系转接 end to end: a transfer out started in the wizard, approved and given its letter in the
 * drawer, pushed upstream by the worker, received and receipted by the far side (the simulator),
 * and brought back to COMPLETED by a sync.
 */
describe('transfers: out through the wizard, acted on, completed by the far side and the sync', () => {
  const stack = inject('stack');
  let browser: Browser;
  let admin: string;

  async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  async function farSide(upstreamId: string, action: string): Promise<void> {
    const response = await fetch(`${stack.simulatorUrl}/admin/transfers/${upstreamId}/far-side`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.upstreamToken}` },
      body: JSON.stringify({ action }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  }

  /** The worker has pushed the latest step when the drawer says so (it keeps asking by itself). */
  async function waitSynced(page: Page) {
    await expect
      .poll(() => page.getByTestId('transfer-drawer').getByTestId('transfer-sync-state').first().getAttribute('data-sync-state'), { timeout: 30_000 })
      .toBe('SYNCED');
  }

  async function act(page: Page, action: string, status: string) {
    await page.getByTestId(`transfer-action-${action}`).click();
    const dialog = page.getByTestId('transfer-action-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('action-confirm').click();
    await expect.poll(() => page.getByTestId('transfer-drawer-status').getAttribute('data-status'), { timeout: 15_000 }).toBe(status);
    await waitSynced(page);
  }

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

  it('goes from the wizard to COMPLETED, with the timeline, the sync badge and the letter', async () => {
    // A member known upstream, with no unfinished transfer (the domain refuses a second one).
    const { members } = await api<{ members: { nodes: { id: string; name: string; upstreamId: string | null; idCardNumber: string }[] } }>(
      '{ members(first: 60, orderBy: NAME) { nodes { id name upstreamId idCardNumber } } }',
    );
    let member: (typeof members.nodes)[number] | undefined;
    for (const candidate of members.nodes) {
      if (!candidate.upstreamId) continue;
      const { transfers } = await api<{ transfers: { totalCount: number } }>('query($id: ID) { transfers(filter: { memberId: $id }, first: 0) { totalCount } }', {
        id: candidate.id,
      });
      if (transfers.totalCount === 0) {
        member = candidate;
        break;
      }
    }
    if (!member) throw new Error('no member without a transfer in the demo');

    const { page, problems } = await openPage(browser);
    await signIn(page, stack.baseUrl, stack.adminUsername, stack.adminPassword);
    await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/transfers`);
    await page.getByTestId('transfer-row').first().waitFor({ timeout: 15_000 });

    // The wizard: member → destination → reason → confirm.
    await page.getByTestId('transfer-create').click();
    const wizard = page.getByTestId('transfer-wizard');
    await wizard.waitFor();
    await wizard.getByTestId('wizard-next').click();
    await expect.poll(() => wizard.getByText('请选择').count()).toBeGreaterThan(0);
    await wizard.getByTestId('member-picker').click();
    await page.keyboard.type(member.name);
    const option = page.getByTestId('member-option').filter({ hasText: member.idCardNumber });
    await option.waitFor({ timeout: 10_000 });
    await option.click();
    await wizard.getByTestId('wizard-member-card').waitFor();
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('wizard-kind-WITHIN_SYSTEM').click();
    await wizard.getByTestId('wizard-to-name').fill('郑州市金水区文化路街道北林路社区党委');
    await wizard.getByTestId('wizard-to-code').fill('4101');
    await wizard.getByTestId('wizard-next').click();
    await expect.poll(() => wizard.getByText('组织代码应为 12–15 位数字').count()).toBe(1);
    await wizard.getByTestId('wizard-to-code').fill('');
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('wizard-reason').fill('工作调动至郑州市金水区');
    await wizard.getByTestId('wizard-next').click();
    await expect.poll(() => wizard.getByTestId('wizard-summary').innerText()).toContain(member.name);
    await screenshot(page, 'transfers-wizard-confirm');
    await wizard.getByTestId('wizard-submit').click();

    // The new transfer opens in the drawer, waiting for approval, on its way upstream.
    const drawer = page.getByTestId('transfer-drawer');
    await expect.poll(() => drawer.getByTestId('transfer-drawer-name').innerText(), { timeout: 15_000 }).toBe(member.name);
    expect(await page.getByTestId('transfer-drawer-status').getAttribute('data-status')).toBe('PENDING_APPROVAL');
    await waitSynced(page);

    // Only what the state machine allows from the current status is offered.
    expect(await drawer.getByTestId('transfer-action-ISSUE_LETTER').count()).toBe(0);
    await act(page, 'APPROVE', 'APPROVED');
    expect(await drawer.getByTestId('transfer-action-APPROVE').count()).toBe(0);

    // A revocation asks for the reason: without one it is refused at the field.
    await page.getByTestId('transfer-action-REVOKE').click();
    const dialog = page.getByTestId('transfer-action-dialog');
    await dialog.getByTestId('action-confirm').click();
    await expect.poll(() => dialog.getByText('此项为必填项').count()).toBe(1);
    await dialog.getByRole('button', { name: '取消', exact: true }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await act(page, 'ISSUE_LETTER', 'IN_TRANSIT');
    const transferId = await drawer.getAttribute('data-transfer-id');
    if (!transferId) throw new Error('the drawer names no transfer');
    const { transfer } = await api<{ transfer: { upstreamId: string | null; letterNumber: string | null } }>(
      'query($id: ID!) { transfer(id: $id) { upstreamId letterNumber } }',
      { id: transferId },
    );
    expect(transfer.upstreamId).toBeTruthy();
    expect(transfer.letterNumber).toBeTruthy();
    await screenshot(page, 'transfers-in-transit');

    // The receiving organisation receives the member and returns the receipt, upstream.
    await farSide(transfer.upstreamId as string, 'RECEIVE');
    await farSide(transfer.upstreamId as string, 'CONFIRM_RECEIPT');

    // A sync brings it home.
    const { requestSync } = await api<{ requestSync: { id: string } }>('mutation { requestSync(collections: [TRANSFERS]) { id } }');
    await expect
      .poll(
        async () => (await api<{ syncRun: { status: string } }>('query($id: ID!) { syncRun(id: $id) { status } }', { id: requestSync.id })).syncRun.status,
        { timeout: 60_000 },
      )
      .toBe('SUCCEEDED');

    await page.waitForLoadState('networkidle');
    await page.goto(`${stack.baseUrl}/transfers?list=ALL&id=${transferId}`);
    await expect.poll(() => page.getByTestId('transfer-drawer-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('COMPLETED');
    const timeline = await page.getByTestId('transfer-timeline-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
    expect(timeline).toEqual(['COMPLETED', 'RECEIVED', 'IN_TRANSIT', 'APPROVED', 'PENDING_APPROVAL']);
    expect(await page.getByTestId('transfer-no-actions').count()).toBe(1);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'transfers-completed');

    // The introduction letter: stub, letter and receipt, with the letter number.
    await page.getByTestId('transfer-print-letter').click();
    await page.getByTestId('transfer-letter').waitFor({ timeout: 15_000 });
    for (const part of ['letter-stub', 'letter-main', 'letter-receipt']) {
      expect(await page.getByTestId(part).innerText()).toContain(transfer.letterNumber as string);
    }
    expect(await page.getByTestId('letter-main').innerText()).toContain(member.name);
    expect(await page.getByTestId('letter-id-card').innerText()).toBe(member.idCardNumber);

    // No contact details yet: the page says so, and the issuing organisation's are set from here.
    await page.getByTestId('letter-no-contact').waitFor();
    await page.getByTestId('letter-contact-edit').click();
    const contactDialog = page.getByTestId('letter-contact-dialog');
    await contactDialog.waitFor();
    await contactDialog.getByTestId('letter-contact-phone').fill('电话');
    await contactDialog.getByTestId('letter-contact-submit').click();
    await expect.poll(() => contactDialog.innerText()).toContain('联系电话格式不正确');
    await contactDialog.getByTestId('letter-contact-person').fill('王主任');
    await contactDialog.getByTestId('letter-contact-phone').fill('0371-66661234');
    await contactDialog.getByTestId('letter-contact-address').fill('郑州市管城区陇海马路 88 号');
    await contactDialog.getByTestId('letter-contact-submit').click();
    await contactDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('letter-stub-contact').innerText(), { timeout: 15_000 }).toContain('0371-66661234');
    expect(await page.getByTestId('letter-stub-contact').innerText()).toContain('王主任');
    const mainContact = await page.getByTestId('letter-main-contact').innerText();
    expect(mainContact).toContain('郑州市管城区陇海马路 88 号');
    expect(mainContact).toContain('0371-66661234');
    expect(await page.getByTestId('letter-no-contact').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'transfers-letter');
    expect(problems).toEqual([]);
    // Printed, the three parts fit one A4 sheet without the console around them.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('side-menu').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  });
});

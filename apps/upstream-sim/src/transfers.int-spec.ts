import { randomUUID } from 'node:crypto';
import { demoSubdistrict, letterExpiresOn } from '@dangjian/domain/demo';
import { UpstreamError } from '@dangjian/upstream-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './server.js';
import { call, clientFor, readFeed, startTestSimulator, TODAY } from './test-support.js';

const demo = demoSubdistrict();
const ours = new Set(demo.organizations.map((o) => o.id));
const outgoing = (status: string) => demo.transfers.filter((t) => ours.has(t.fromOrganizationId) && t.status === status);
const incoming = (status: string) => demo.transfers.filter((t) => t.toOrganizationId !== null && ours.has(t.toOrganizationId) && t.status === status);
const busyMembers = new Set(demo.transfers.map((t) => t.memberId));
const seatHolders = new Set(demo.committees.flatMap((c) => c.seats.map((s) => s.memberId)));
/** An ordinary member of a community branch with no transfer under way. */
const quietMember = (n: number) => demo.members.filter((m) => m.organizationId.length === 14 && !busyMembers.has(m.id) && !seatHolders.has(m.id))[n];

let sim: Simulator;
beforeEach(async () => {
  sim = await startTestSimulator();
});
afterEach(() => sim.close());

describe('creating a transfer', () => {
  it('starts PENDING_APPROVAL from the member’s organisation and shows in the feed', async () => {
    const client = clientFor(sim);
    const { cursor } = await readFeed(client, 'transfers', null, 1000);
    const member = quietMember(0);
    const transfer = await client.createTransfer(
      { memberId: member.id, kind: 'WITHIN_SYSTEM', toOrganizationId: '410105003012', toOrganizationName: '郑州市金水区文化路街道北林路社区党委', reason: '工作调动' },
      randomUUID(),
    );
    expect(transfer).toMatchObject({
      memberId: member.id,
      memberName: member.name,
      fromOrganizationId: member.organizationId,
      fromOrganizationName: demo.organizations.find((o) => o.id === member.organizationId)!.name,
      status: 'PENDING_APPROVAL',
      reason: '工作调动',
      version: 1,
      letterNumber: null,
      history: [{ status: 'PENDING_APPROVAL', by: expect.any(String), note: '工作调动' }],
    });
    expect(transfer.id).toMatch(/^T\d{8}$/);
    expect(demo.transfers.some((t) => t.id === transfer.id)).toBe(false);
    const changes = await readFeed(client, 'transfers', cursor);
    expect(changes.items).toEqual([transfer]);
    expect(await client.getTransfer(transfer.id)).toEqual(transfer);
  });

  it('refuses an unknown member with 404 and a malformed body with 400, without retrying', async () => {
    const client = clientFor(sim);
    const body = { memberId: 'M00000000', kind: 'WITHIN_SYSTEM', toOrganizationName: '某社区党委', reason: '工作调动' };
    await expect(client.createTransfer(body, randomUUID())).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const bad = await client.createTransfer({ ...body, memberId: quietMember(1).id, kind: 'BY_CAMEL', reason: ' ' }, randomUUID()).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: { fields: ['kind', 'reason'] } });
    expect(client.stats).toMatchObject({ requests: 2, retries: 0 });
    const noKey = await call(sim, '/v1/transfers', { method: 'POST', body: { ...body, memberId: quietMember(1).id } });
    expect(noKey).toMatchObject({ status: 400, json: { error: 'VALIDATION_FAILED' } });
  });
});

describe('the transfer state machine', () => {
  it('takes an outgoing transfer to COMPLETED, the member leaving the member feed as a tombstone', async () => {
    const client = clientFor(sim);
    const member = quietMember(2);
    const created = await client.createTransfer(
      { memberId: member.id, kind: 'WITHIN_SYSTEM', toOrganizationId: '410103002005', toOrganizationName: '郑州市二七区淮河路街道春华社区党总支', reason: '迁居' },
      randomUUID(),
    );
    const members = await readFeed(client, 'members', null, 1000);
    const approved = await client.actOnTransfer(created.id, { action: 'APPROVE' }, randomUUID());
    expect(approved).toMatchObject({ status: 'APPROVED', version: 2, history: [{}, { status: 'APPROVED', by: '陇海马路街道党工委' }] });
    const issued = await client.actOnTransfer(created.id, { action: 'ISSUE_LETTER' }, randomUUID());
    expect(issued).toMatchObject({ status: 'IN_TRANSIT', letterIssuedOn: TODAY, letterValidDays: 30, letterNumber: expect.stringMatching(/^管陇组介〔2026〕\d+号$/) });
    // The member stays ours while the letter is on its way.
    expect((await readFeed(client, 'members', members.cursor)).items).toEqual([]);

    const received = sim.farSide(created.id, 'RECEIVE');
    expect(received).toMatchObject({ status: 'RECEIVED', receivedOn: TODAY });
    expect((received.history as Array<{ by: string }>).at(-1)!.by).toBe('郑州市二七区淮河路街道春华社区党总支');
    const left = await readFeed(client, 'members', members.cursor);
    expect(left.items).toEqual([{ id: member.id, version: 2, updatedAt: expect.any(String), deleted: true }]);

    const completed = sim.farSide(created.id, 'CONFIRM_RECEIPT');
    expect(completed).toMatchObject({ status: 'COMPLETED', receiptOn: TODAY, version: 5 });
    expect((completed.history as Array<{ status: string }>).map((h) => h.status)).toEqual([
      'PENDING_APPROVAL', 'APPROVED', 'IN_TRANSIT', 'RECEIVED', 'COMPLETED',
    ]);
  });

  it('answers 409 with the current status when the action does not fit, at once', async () => {
    const client = clientFor(sim);
    const transfer = outgoing('PENDING_APPROVAL')[0];
    const error = await client.actOnTransfer(transfer.id, { action: 'RECEIVE' }, randomUUID()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 409, code: 'INVALID_TRANSITION', details: { currentStatus: 'PENDING_APPROVAL', action: 'RECEIVE' } });
    expect(client.stats.retries).toBe(0);
    const completed = outgoing('COMPLETED')[0];
    await expect(client.actOnTransfer(completed.id, { action: 'REVOKE', note: '撤销' }, randomUUID())).rejects.toMatchObject({
      details: { currentStatus: 'COMPLETED' },
    });
    // Refreshing shows it unchanged.
    expect(await client.getTransfer(transfer.id)).toMatchObject({ status: 'PENDING_APPROVAL', version: 1 });
    await expect(client.getTransfer('T99999999')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('needs a reason to return or revoke', async () => {
    const client = clientFor(sim);
    const transfer = incoming('IN_TRANSIT')[0];
    await expect(client.actOnTransfer(transfer.id, { action: 'RETURN' }, randomUUID())).rejects.toMatchObject({
      status: 400,
      details: { fields: ['note'] },
    });
    const returned = await client.actOnTransfer(transfer.id, { action: 'RETURN', note: '介绍信姓名有误' }, randomUUID());
    expect(returned).toMatchObject({ status: 'RETURNED', history: expect.arrayContaining([expect.objectContaining({ note: '介绍信姓名有误' })]) });
    await expect(client.actOnTransfer(transfer.id, { action: 'FLY' }, randomUUID())).rejects.toMatchObject({ status: 400 });
  });

  it('brings the member of a received incoming transfer into scope, in the receiving branch', async () => {
    const client = clientFor(sim);
    const transfer = incoming('IN_TRANSIT')[1];
    expect(sim.currentRecords('members').some((m) => m.id === transfer.memberId)).toBe(false);
    const { cursor } = await readFeed(client, 'members', null, 1000);
    await client.actOnTransfer(transfer.id, { action: 'RECEIVE' }, randomUUID());
    const arrived = await readFeed(client, 'members', cursor);
    expect(arrived.quarantined).toEqual([]);
    expect(arrived.items).toEqual([expect.objectContaining({ id: transfer.memberId, name: transfer.memberName, organizationId: transfer.toOrganizationId, version: 1 })]);
    const done = await client.actOnTransfer(transfer.id, { action: 'CONFIRM_RECEIPT' }, randomUUID());
    expect(done).toMatchObject({ status: 'COMPLETED', receiptOn: TODAY });
  });

  it('moves a member between two organisations of the subdistrict', async () => {
    const client = clientFor(sim);
    const member = quietMember(3);
    const target = demo.organizations.find((o) => o.type === 'BRANCH' && o.category === 'COMMUNITY' && o.id !== member.organizationId)!;
    const created = await client.createTransfer(
      { memberId: member.id, kind: 'WITHIN_SYSTEM', toOrganizationId: target.id, toOrganizationName: target.name, reason: '搬家' },
      randomUUID(),
    );
    for (const action of ['APPROVE', 'ISSUE_LETTER', 'RECEIVE']) await client.actOnTransfer(created.id, { action }, randomUUID());
    expect(sim.currentRecords('members').find((m) => m.id === member.id)).toMatchObject({ organizationId: target.id, version: 2 });
  });
});

describe('idempotency', () => {
  it('answers a repeat with the first answer and does the work once', async () => {
    const client = clientFor(sim);
    const key = randomUUID();
    const body = { memberId: quietMember(4).id, kind: 'CROSS_PROVINCE', toOrganizationName: '上海市浦东新区花木街道锦绣社区党委', reason: '工作调动' };
    const before = sim.currentRecords('transfers').length;
    const first = await client.createTransfer(body, key);
    const again = await client.createTransfer({ reason: body.reason, kind: body.kind, toOrganizationName: body.toOrganizationName, memberId: body.memberId }, key);
    expect(again).toEqual(first);
    expect(sim.currentRecords('transfers')).toHaveLength(before + 1);

    const error = await client.createTransfer({ ...body, reason: '另一个理由' }, key).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED', retryable: false });
    const actionKey = randomUUID();
    await client.actOnTransfer(first.id, { action: 'APPROVE' }, actionKey);
    const replay = await client.actOnTransfer(first.id, { action: 'APPROVE' }, actionKey);
    expect(replay).toMatchObject({ status: 'APPROVED', version: 2 });
    expect(sim.pushes().map((p) => [p.idempotencyKey, p.status, p.outcome, p.firstTime])).toEqual([
      [key, 201, 'PROCESSED', true],
      [key, 201, 'REPLAYED', false],
      [key, 422, 'PROCESSED', false],
      [actionKey, 200, 'PROCESSED', true],
      [actionKey, 200, 'REPLAYED', false],
    ]);
    expect(sim.pushes()[0]).toMatchObject({ path: '/v1/transfers', body });
  });
});

describe('the far side and the clock', () => {
  it('lets the far side approve and issue the letter of an incoming transfer', async () => {
    const transfer = incoming('PENDING_APPROVAL')[0];
    sim.farSide(transfer.id, 'APPROVE');
    const issued = await call(sim, `/admin/transfers/${transfer.id}/far-side`, { method: 'POST', body: { action: 'ISSUE_LETTER' } });
    expect(issued.json).toMatchObject({ status: 'IN_TRANSIT', letterIssuedOn: TODAY, fromOrganizationId: transfer.fromOrganizationId });
    expect((issued.json.history as Array<{ by: string }>).at(-1)!.by).toBe(transfer.fromOrganizationName);
    expect(() => sim.farSide(transfer.id, 'APPROVE')).toThrow(/不能审批/);
    const refused = await call(sim, `/admin/transfers/${transfer.id}/far-side`, { method: 'POST', body: { action: 'WITHDRAW' } });
    expect(refused.status).toBe(400);
    const wrong = await call(sim, `/admin/transfers/${transfer.id}/far-side`, { method: 'POST', body: { action: 'APPROVE' } });
    expect(wrong).toMatchObject({ status: 409, json: { error: 'INVALID_TRANSITION', details: { currentStatus: 'IN_TRANSIT' } } });
  });

  it('expires letters when the clock passes their validity, in the feed, and lets them be reissued', async () => {
    const client = clientFor(sim);
    const { cursor } = await readFeed(client, 'transfers', null, 1000);
    const soon = demo.transfers.filter((t) => t.status === 'IN_TRANSIT' && letterExpiresOn(t)! <= '2026-12-03');
    expect(soon.length).toBeGreaterThanOrEqual(3);
    sim.advanceClock(3);
    expect(sim.today()).toBe('2026-11-29');
    const clock = await call(sim, '/admin/clock', { method: 'POST', body: { days: 5 } });
    expect(clock.json).toEqual({ today: '2026-12-04' });

    const changes = await readFeed(client, 'transfers', cursor);
    expect(changes.items.map((t) => t.id).sort()).toEqual(soon.map((t) => t.id).sort());
    for (const item of changes.items) {
      expect(item).toMatchObject({ status: 'EXPIRED', version: 2 });
      expect((item.history as Array<{ status: string; by: string | null }>).at(-1)).toMatchObject({ status: 'EXPIRED', by: null });
    }
    const reissued = await client.actOnTransfer(soon[0].id, { action: 'REISSUE', letterValidDays: 60, letterNumber: '管陇组介〔2026〕901号' }, randomUUID());
    expect(reissued).toMatchObject({ status: 'IN_TRANSIT', letterIssuedOn: '2026-12-04', letterValidDays: 60, letterNumber: '管陇组介〔2026〕901号' });
    await expect(client.actOnTransfer(soon[1].id, { action: 'RECEIVE' }, randomUUID())).rejects.toMatchObject({
      details: { currentStatus: 'EXPIRED' },
    });
    await expect(client.actOnTransfer(soon[1].id, { action: 'REISSUE', letterValidDays: 181 }, randomUUID())).rejects.toMatchObject({ status: 400 });
  });

  it('expires on start the letters already past validity on the simulator’s day', async () => {
    const later = await startTestSimulator({ today: '2027-06-01' });
    try {
      const transfers = later.currentRecords('transfers');
      expect(transfers.filter((t) => t.status === 'IN_TRANSIT')).toEqual([]);
      expect(transfers.filter((t) => t.status === 'EXPIRED').length).toBeGreaterThan(demo.transfers.filter((t) => t.status === 'EXPIRED').length);
    } finally {
      await later.close();
    }
  });
});

describe('admin endpoints', () => {
  it('show state, change records and report health', async () => {
    expect(await fetch(`${sim.url}/healthz`).then((r) => r.json())).toEqual({ status: 'ok', today: TODAY });
    const state = await call(sim, '/admin/state/organizations');
    expect(state.json.count).toBe(demo.organizations.length);
    const member = demo.members[30];
    const upserted = await call(sim, '/admin/records/members', { method: 'PUT', body: { id: member.id, phone: '13700000000' } });
    expect(upserted.json).toMatchObject({ id: member.id, phone: '13700000000', name: member.name, version: 2 });
    const removed = await call(sim, `/admin/records/members/${member.id}`, { method: 'DELETE' });
    expect(removed.json).toMatchObject({ id: member.id, deleted: true, version: 3 });
    expect((await call(sim, '/admin/state/members')).json.count).toBe(demo.members.length - 1);
    expect((await call(sim, '/admin/faults', { method: 'POST', body: { errorRate: 2 } })).status).toBe(400);
    expect((await call(sim, '/admin/faults', { method: 'POST', body: { latencyMs: 1 } })).json).toEqual({ faults: { latencyMs: 1 } });
    expect((await call(sim, '/admin/faults', { method: 'DELETE' })).json).toEqual({ faults: {} });
    expect((await call(sim, '/admin/state/members', { token: 'nope' })).status).toBe(401);
    expect((await call(sim, '/admin/nothing')).status).toBe(404);
  });
});

import { addDays, todayIn } from '@dangjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from './support/expect.js';
import { seedFixture, type Fixture } from './support/fixture.js';
import { startGateway, type Gateway } from './support/harness.js';

interface TransferView {
  id: string;
  status: string;
  syncState: string;
  letterNumber: string | null;
  letterIssuedOn: string | null;
  letterExpiresOn: string | null;
  receivedOn: string | null;
  receiptOn: string | null;
  allowedActions: string[];
  history: Array<{ status: string; by: string | null; note: string | null }>;
}

const FIELDS = 'id status syncState letterNumber letterIssuedOn letterExpiresOn receivedOn receiptOn allowedActions history { status by note }';

describe('relation transfers', () => {
  let gw: Gateway;
  let fx: Fixture;
  let token: string;
  const today = todayIn('Asia/Shanghai');

  beforeAll(async () => {
    gw = await startGateway('transfers');
    fx = await seedFixture(gw);
    token = fx.users.adminA;
  });
  afterAll(async () => {
    await gw?.close();
  });

  const outbox = async (transferId: string) =>
    (await gw.db.dataSource.query('SELECT kind, payload, idempotency_key AS idempotencyKey, status FROM outbox_entry WHERE transfer_id = ? ORDER BY id', [
      transferId,
    ])) as Array<{ kind: string; payload: unknown; idempotencyKey: string; status: string }>;
  const payloadOf = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;

  const act = (id: string, input: Record<string, unknown>) =>
    gw.gql<{ actOnTransfer: TransferView }>(
      `mutation ($id: ID!, $input: TransferActionInput!) { actOnTransfer(id: $id, input: $input) { ${FIELDS} } }`,
      { id, input },
      { token },
    );

  it('creates an outgoing transfer with its outbox row and audit row in one go', async () => {
    const created = expectOk(
      await gw.gql<{ createTransferOut: TransferView & { direction: string; memberName: string; toOrganizationName: string } }>(
        `mutation ($input: CreateTransferOutInput!) { createTransferOut(input: $input) { ${FIELDS} direction memberName toOrganizationName } }`,
        { input: { memberId: fx.members.a2.id, kind: 'WITHIN_SYSTEM', toOrganizationName: '金水区某党支部', toOrganizationUpstreamId: '410105002003', reason: '工作调动' } },
        { token },
      ),
    ).createTransferOut;
    expect(created).toMatchObject({
      status: 'PENDING_APPROVAL',
      direction: 'OUTGOING',
      syncState: 'PENDING_PUSH',
      memberName: '张四',
      toOrganizationName: '金水区某党支部',
      allowedActions: ['APPROVE', 'RETURN', 'WITHDRAW'],
    });
    const entries = await outbox(created.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.kind).toBe('CREATE_TRANSFER');
    expect(entries[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(payloadOf(entries[0]?.payload)).toEqual({
      memberId: fx.members.a2.upstreamId,
      kind: 'WITHIN_SYSTEM',
      toOrganizationId: '410105002003',
      toOrganizationName: '金水区某党支部',
      reason: '工作调动',
    });
    const audit = (await gw.db.dataSource.query("SELECT actor, action FROM audit_log WHERE entity_type = 'Transfer' AND entity_id = ?", [
      created.id,
    ])) as Array<{ actor: string; action: string }>;
    expect(audit).toEqual([{ actor: 'xinzheng', action: 'CREATE' }]);

    // The member now has an unfinished transfer: a second one is refused.
    const again = await gw.gql(
      'mutation ($input: CreateTransferOutInput!) { createTransferOut(input: $input) { id } }',
      { input: { memberId: fx.members.a2.id, kind: 'PAPER', toOrganizationName: '某地', reason: '再次' } },
      { token },
    );
    expectError(again, 'CONFLICT', 'TRANSFER_ALREADY_OPEN');
  });

  it('validates the application with every problem at its field, in Chinese', async () => {
    const result = await gw.gql(
      'mutation ($input: CreateTransferOutInput!) { createTransferOut(input: $input) { id } }',
      { input: { memberId: fx.members.a1.id, kind: 'WITHIN_SYSTEM', toOrganizationName: ' ', toOrganizationUpstreamId: '12ab', reason: '' } },
      { token },
    );
    const error = expectError(result, 'BAD_USER_INPUT');
    const fields = (error.extensions?.fields as Array<{ field: string; message: string }>).map((f) => f.field).sort();
    expect(fields).toEqual(['reason', 'toOrganizationName', 'toOrganizationUpstreamId']);
  });

  it('walks a transfer through the state machine, writing letter fields, history and one outbox row per step', async () => {
    const id = fx.transfers.a;
    await gw.db.dataSource.query("UPDATE transfer SET to_organization_upstream_id = '410199000001', from_organization_upstream_id = '410104001011' WHERE id = ?", [id]);
    expect(expectOk(await act(id, { action: 'APPROVE', note: '同意' })).actOnTransfer).toMatchObject({
      status: 'APPROVED',
      syncState: 'PENDING_PUSH',
      allowedActions: ['ISSUE_LETTER', 'REVOKE'],
    });
    const issued = expectOk(await act(id, { action: 'ISSUE_LETTER' })).actOnTransfer;
    // Same city (4101…): 30 days by default, the issue day counted, so the last valid day is +29.
    expect(issued).toMatchObject({ status: 'IN_TRANSIT', letterIssuedOn: today, letterExpiresOn: addDays(today, 29) });
    expect(issued.letterNumber).toMatch(/^ZJ\d{8}-\d{6}$/);
    expect(issued.allowedActions).toEqual(['REVOKE']);

    // Receiving is the receiving side's step, not ours.
    expectError(await act(id, { action: 'RECEIVE' }), 'CONFLICT', 'TRANSFER_WRONG_SIDE');
    // A revocation needs its reason.
    expectError(await act(id, { action: 'REVOKE' }), 'BAD_USER_INPUT', 'TRANSFER_NOTE_REQUIRED');
    // An action the state does not allow.
    const invalid = expectError(await act(id, { action: 'APPROVE' }), 'CONFLICT', 'TRANSFER_INVALID_TRANSITION');
    expect(invalid.message).toContain('在途');

    const entries = await outbox(id);
    expect(entries.map((e) => [e.kind, payloadOf(e.payload).action])).toEqual([
      ['TRANSFER_ACTION', 'APPROVE'],
      ['TRANSFER_ACTION', 'ISSUE_LETTER'],
    ]);
    expect(payloadOf(entries[1]?.payload)).toMatchObject({ letterValidDays: 30, letterNumber: issued.letterNumber });
    expect(new Set(entries.map((e) => e.idempotencyKey)).size).toBe(2);
    const history = expectOk(await gw.gql<{ transfer: TransferView }>(`query ($id: ID!) { transfer(id: $id) { ${FIELDS} } }`, { id }, { token }))
      .transfer.history;
    expect(history.map((h) => [h.status, h.by])).toEqual([
      ['APPROVED', 'xinzheng'],
      ['IN_TRANSIT', 'xinzheng'],
    ]);
  });

  it('receives an incoming transfer and confirms its receipt', async () => {
    const id = await fx.seeder.transfer({
      organization: fx.branchA,
      direction: 'INCOMING',
      status: 'IN_TRANSIT',
      memberName: '孙八',
      letterIssuedOn: addDays(today, -3),
      letterExpiresOn: addDays(today, 26),
    });
    expect(expectOk(await act(id, { action: 'RECEIVE' })).actOnTransfer).toMatchObject({ status: 'RECEIVED', receivedOn: today });
    expect(expectOk(await act(id, { action: 'CONFIRM_RECEIPT' })).actOnTransfer).toMatchObject({ status: 'COMPLETED', receiptOn: today, allowedActions: [] });
  });

  it('checks the letter validity against the settings', async () => {
    const id = await fx.seeder.transfer({ organization: fx.branchA, status: 'APPROVED', memberName: '周九' });
    const error = expectError(await act(id, { action: 'ISSUE_LETTER', letterValidDays: 181 }), 'BAD_USER_INPUT', 'LETTER_VALID_DAYS_RANGE');
    expect(error.message).toContain('180');
    // Elsewhere (no destination code): 90 days.
    expect(expectOk(await act(id, { action: 'ISSUE_LETTER', letterNumber: '郑管党介〔2025〕7号' })).actOnTransfer).toMatchObject({
      letterExpiresOn: addDays(today, 89),
      letterNumber: '郑管党介〔2025〕7号',
    });
  });

  it('does not push a transfer that only exists here, and rolls back a refused step completely', async () => {
    const local = await fx.seeder.transfer({ organization: fx.branchA, status: 'PENDING_APPROVAL', memberName: '吴十', syncState: 'LOCAL_ONLY' });
    expect(expectOk(await act(local, { action: 'APPROVE' })).actOnTransfer.syncState).toBe('LOCAL_ONLY');
    expect(await outbox(local)).toHaveLength(0);
    const before = (await gw.db.dataSource.query('SELECT COUNT(*) AS n FROM audit_log')) as Array<{ n: number }>;
    expectError(await act(local, { action: 'RECEIVE' }), 'CONFLICT');
    const after = (await gw.db.dataSource.query('SELECT COUNT(*) AS n FROM audit_log')) as Array<{ n: number }>;
    expect(Number(after[0]?.n)).toBe(Number(before[0]?.n));
  });

  it('files transfers into the three work lists and the overdue filter', async () => {
    const branch = await fx.seeder.organization({ name: '工作清单党支部', parent: fx.communityB });
    const seed = (input: Omit<Parameters<Fixture['seeder']['transfer']>[0], 'organization'>) => fx.seeder.transfer({ organization: branch, ...input });
    const todo1 = await seed({ status: 'PENDING_APPROVAL', memberName: '待审批' });
    const todo2 = await seed({ status: 'IN_TRANSIT', direction: 'INCOMING', memberName: '待接收', letterExpiresOn: addDays(today, 20) });
    const waiting = await seed({ status: 'IN_TRANSIT', memberName: '在途', letterExpiresOn: addDays(today, 20) });
    const expiring = await seed({ status: 'IN_TRANSIT', memberName: '将过期', letterExpiresOn: addDays(today, 5) });
    const expired = await seed({ status: 'IN_TRANSIT', memberName: '已过期', letterExpiresOn: addDays(today, -1) });
    const receiptDue = await seed({ status: 'RECEIVED', direction: 'INCOMING', memberName: '回执将到期', receivedOn: addDays(today, -25) });
    const receiptOverdue = await seed({ status: 'RECEIVED', direction: 'INCOMING', memberName: '回执逾期', receivedOn: addDays(today, -31) });
    await seed({ status: 'COMPLETED', memberName: '已完成', receivedOn: addDays(today, -40), receiptOn: addDays(today, -35) });

    const ids = async (filter: Record<string, unknown>) =>
      expectOk(
        await gw.gql<{ transfers: { nodes: Array<{ id: string }> } }>(
          'query ($filter: TransferFilter) { transfers(filter: $filter, first: 100) { nodes { id } } }',
          { filter: { ...filter, organizationId: branch.id } },
          { token: fx.users.adminB },
        ),
      ).transfers.nodes.map((t) => t.id).sort();
    expect(await ids({ workList: 'TODO' })).toEqual([todo1, todo2, receiptDue, receiptOverdue].sort());
    expect(await ids({ workList: 'UNFINISHED' })).toEqual([waiting, expiring, expired].sort());
    expect(await ids({ workList: 'UPCOMING' })).toEqual([expiring, receiptDue, receiptOverdue].sort());
    expect(await ids({ overdue: true })).toEqual([expired, receiptOverdue].sort());
    expect(await ids({ overdue: false })).not.toContain(expired);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../../test/support/expect.js';
import { seedFixture, type Fixture } from '../../test/support/fixture.js';
import { startGateway, type Gateway } from '../../test/support/harness.js';

const SET = `mutation ($organizationId: ID!, $input: LetterContactInput!) {
  setLetterContact(organizationId: $organizationId, input: $input) { organizationId organizationName contactPerson contactPhone contactAddress }
}`;
const LETTER = 'query ($id: ID!) { transfer(id: $id) { id direction letterContact { organizationId organizationName contactPerson contactPhone contactAddress } } }';
const OWN = 'query ($id: ID!) { organizationLetterContact(organizationId: $id) { organizationId contactPerson contactPhone contactAddress } }';

type LetterResult = { transfer: { letterContact: null | Record<string, string | null> } };

describe('the issuing organisation’s contact on the introduction letter', () => {
  let gw: Gateway;
  let fx: Fixture;

  beforeAll(async () => {
    gw = await startGateway('letter-contact');
    fx = await seedFixture(gw);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('prints the nearest contact on the path, lets a transfer manager set it in scope, and audits it', async () => {
    const token = fx.users.adminA;
    // Nothing set anywhere: the letter keeps its blanks.
    expect(expectOk(await gw.gql<LetterResult>(LETTER, { id: fx.transfers.a }, { token })).transfer.letterContact).toBeNull();

    const set = expectOk(
      await gw.gql<{ setLetterContact: Record<string, string | null> }>(
        SET,
        { organizationId: fx.communityA.id, input: { contactPerson: ' 王主任 ', contactPhone: '0371-66661234', contactAddress: '郑州市管城区新郑路 1 号' } },
        { token },
      ),
    ).setLetterContact;
    expect(set).toEqual({
      organizationId: fx.communityA.id,
      organizationName: '新郑路社区党委',
      contactPerson: '王主任',
      contactPhone: '0371-66661234',
      contactAddress: '郑州市管城区新郑路 1 号',
    });
    // The branch's letter carries its committee's contact.
    expect(expectOk(await gw.gql<LetterResult>(LETTER, { id: fx.transfers.a }, { token })).transfer.letterContact).toEqual(set);

    // The branch's own details, once given, come first; an empty value clears one field only.
    expectOk(await gw.gql(SET, { organizationId: fx.branchA.id, input: { contactPhone: '(0371) 6666 5678' } }, { token }));
    expect(expectOk(await gw.gql<LetterResult>(LETTER, { id: fx.transfers.a }, { token })).transfer.letterContact).toEqual({
      organizationId: fx.branchA.id,
      organizationName: '新郑路社区第一党支部',
      contactPerson: null,
      contactPhone: '(0371) 6666 5678',
      contactAddress: null,
    });
    expectOk(await gw.gql(SET, { organizationId: fx.communityA.id, input: { contactAddress: '' } }, { token }));
    expect(expectOk(await gw.gql<{ organizationLetterContact: unknown }>(OWN, { id: fx.communityA.id }, { token })).organizationLetterContact).toEqual({
      organizationId: fx.communityA.id,
      contactPerson: '王主任',
      contactPhone: '0371-66661234',
      contactAddress: null,
    });

    const bad = expectError(await gw.gql(SET, { organizationId: fx.communityA.id, input: { contactPhone: '电话号码' } }, { token }), 'BAD_USER_INPUT');
    expect(bad.message).toContain('联系电话格式不正确');
    // Another community's committee is outside the scope; a viewer may not change anything.
    expectError(await gw.gql(SET, { organizationId: fx.communityB.id, input: { contactPhone: '0371-66660000' } }, { token }), 'NOT_FOUND');
    expectError(await gw.gql(OWN, { id: fx.communityB.id }, { token }), 'NOT_FOUND');
    expectError(await gw.gql(SET, { organizationId: fx.communityA.id, input: { contactPhone: '0371-66660000' } }, { token: fx.users.viewer }), 'FORBIDDEN');

    const audits = (await gw.db.dataSource.query(
      "SELECT actor, entity_id AS entityId, JSON_UNQUOTE(JSON_EXTRACT(`after`, '$.contactPhone')) AS phone FROM audit_log WHERE action = 'UPDATE' AND entity_type = 'Organization' ORDER BY id",
    )) as Array<{ actor: string; entityId: string; phone: string }>;
    expect(audits.map((row) => [row.actor, String(row.entityId), row.phone])).toEqual([
      ['xinzheng', fx.communityA.id, '0371-66661234'],
      ['xinzheng', fx.branchA.id, '(0371) 6666 5678'],
      ['xinzheng', fx.communityA.id, '0371-66661234'],
    ]);
  });
});

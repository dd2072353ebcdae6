import { describe, expect, it } from 'vitest';
import { validateRecord, validateTransfer } from './validate.js';

const member = {
  id: 'M10000001',
  name: '李辉',
  gender: 'MALE',
  ethnicity: '汉族',
  birthDate: '1975-01-20',
  idCardNumber: '410104197501201716',
  phone: '18136924828',
  education: 'HIGH_SCHOOL',
  status: 'FULL',
  joinedOn: '2004-03-06',
  fullMemberOn: '2005-03-06',
  organizationId: '410104001001',
  duesPaidThrough: '2026-11',
  flags: [],
  version: 3,
  updatedAt: '2026-11-25T20:00:00+08:00',
  deleted: false,
};

const organization = {
  id: '410104001001',
  name: '新郑路社区党总支',
  type: 'GENERAL_BRANCH',
  category: 'COMMUNITY',
  parentId: '410104001000',
  establishedOn: '2001-06-18',
  unitCreditCodes: [],
  version: 1,
  updatedAt: '2026-11-25T20:00:00+08:00',
  deleted: false,
};

const transfer = {
  id: 'T00000021',
  memberId: 'M10002551',
  memberName: '胡红梅',
  kind: 'WITHIN_SYSTEM',
  fromOrganizationId: '41010400100902',
  fromOrganizationName: '郑新里社区第二网格党支部',
  toOrganizationId: '410303001007',
  toOrganizationName: '洛阳市西工区王城路街道洛浦社区党委',
  status: 'IN_TRANSIT',
  reason: '购房迁出本辖区',
  letterNumber: '管陇组介〔2026〕126号',
  letterIssuedOn: '2026-09-03',
  letterValidDays: 90,
  receivedOn: null,
  receiptOn: null,
  history: [{ status: 'PENDING_APPROVAL', at: '2026-08-29T12:38:00+08:00', by: '郑新里社区第二网格党支部', note: '购房迁出本辖区' }],
  version: 1,
  updatedAt: '2026-09-03T11:33:00+08:00',
  deleted: false,
};

function reasonOf(result: ReturnType<typeof validateRecord>): string {
  if (result.ok) throw new Error('expected the record to be quarantined');
  return result.entry.reason;
}

describe('validateRecord', () => {
  it('accepts records that keep the contract, one of each collection', () => {
    expect(validateRecord('members', member)).toEqual({ ok: true, record: member });
    expect(validateRecord('organizations', organization)).toEqual({ ok: true, record: organization });
    expect(validateRecord('transfers', transfer)).toEqual({ ok: true, record: transfer });
  });

  it('keeps fields it does not know', () => {
    const result = validateRecord('members', { ...member, politicalRank: '党员', extra: { a: 1 } });
    expect(result.ok && (result.record as unknown as Record<string, unknown>).extra).toEqual({ a: 1 });
    expect(result.ok && (result.record as unknown as Record<string, unknown>).politicalRank).toBe('党员');
  });

  it('reads an absent nullable field as null and absent lists as empty', () => {
    const { phone: _phone, flags: _flags, ...rest } = member;
    const result = validateRecord('members', rest);
    expect(result.ok && result.record).toMatchObject({ phone: null, flags: [] });
  });

  it('accepts a tombstone in a feed and refuses it in a snapshot', () => {
    const tombstone = { id: 'M10000001', version: 9, updatedAt: '2026-11-26T09:00:00+08:00', deleted: true };
    expect(validateRecord('members', tombstone)).toEqual({ ok: true, record: tombstone });
    expect(reasonOf(validateRecord('members', tombstone, { allowTombstone: false }))).toContain('(UNEXPECTED_TOMBSTONE)');
    expect(reasonOf(validateRecord('members', { deleted: true, version: 2 }))).toBe('缺少 id (MISSING_ID)');
  });

  it('quarantines a record without an id, with null as its id', () => {
    const { id: _id, ...rest } = member;
    const result = validateRecord('members', rest);
    expect(result).toEqual({ ok: false, entry: { id: null, reason: '缺少 id (MISSING_ID)', payload: rest } });
  });

  it('quarantines an unknown enum value, naming the field and value', () => {
    const reason = reasonOf(validateRecord('members', { ...member, status: 'SUSPENDED' }));
    expect(reason).toBe('字段 status 的取值「SUSPENDED」不在约定范围内 (UNKNOWN_ENUM_VALUE)');
    expect(reasonOf(validateRecord('organizations', { ...organization, type: 'BRIGADE' }))).toContain('(UNKNOWN_ENUM_VALUE)');
    expect(reasonOf(validateRecord('members', { ...member, flags: ['MOBILE', 'ABROAD'] }))).toContain('flags[1]');
    expect(reasonOf(validateRecord('transfers', { ...transfer, history: [{ ...transfer.history[0], status: 'DRAFT' }] }))).toContain(
      'history[0].status',
    );
  });

  it('quarantines an impossible date', () => {
    expect(reasonOf(validateRecord('members', { ...member, joinedOn: '2023-02-29' }))).toBe(
      '字段 joinedOn 不是有效日期「2023-02-29」 (INVALID_DATE)',
    );
    expect(reasonOf(validateRecord('transfers', { ...transfer, letterIssuedOn: '2026-13-01' }))).toContain('(INVALID_DATE)');
    expect(reasonOf(validateRecord('members', { ...member, duesPaidThrough: '2026-13' }))).toContain('(INVALID_MONTH)');
    expect(reasonOf(validateRecord('members', { ...member, updatedAt: 'yesterday' }))).toContain('(INVALID_DATETIME)');
    expect(validateRecord('members', { ...member, joinedOn: '2024-02-29' }).ok).toBe(true);
  });

  it('quarantines an id card number with a wrong check digit, and a malformed one', () => {
    const result = validateRecord('members', { ...member, idCardNumber: '410104197501201717' });
    expect(result).toMatchObject({ ok: false, entry: { id: 'M10000001', reason: '身份证号校验位错误 (ID_CARD_CHECK_DIGIT)' } });
    expect(reasonOf(validateRecord('members', { ...member, idCardNumber: '41010419750120171' }))).toBe('身份证号格式错误 (ID_CARD_FORMAT)');
    expect(reasonOf(validateRecord('members', { ...member, idCardNumber: '410104197502301716' }))).toContain('(ID_CARD_BIRTH_DATE)');
    // A final lower-case x is the same character.
    expect(validateRecord('members', { ...member, idCardNumber: '11010519491231002x' }).ok).toBe(true);
  });

  it('lists every problem of a record once', () => {
    const reason = reasonOf(validateRecord('members', { ...member, gender: 'X', birthDate: '1975-02-30', version: 0 }));
    expect(reason.split('；')).toHaveLength(3);
    expect(reason).toContain('(UNKNOWN_ENUM_VALUE)');
    expect(reason).toContain('(INVALID_DATE)');
    expect(reason).toContain('(INVALID_VERSION)');
  });

  it('quarantines a missing required field and a wrong organisation code', () => {
    const { name: _name, ...rest } = member;
    expect(reasonOf(validateRecord('members', rest))).toBe('缺少字段 name (MISSING_FIELD)');
    expect(reasonOf(validateRecord('organizations', { ...organization, parentId: 'ROOT' }))).toContain('(INVALID_ORGANIZATION_CODE)');
    expect(reasonOf(validateRecord('members', 'not a record'))).toBe('记录不是 JSON 对象 (NOT_AN_OBJECT)');
  });

  it('validates a transfer answered by a push', () => {
    expect(validateTransfer(transfer).ok).toBe(true);
    expect(validateTransfer({ ...transfer, status: 'LOST' }).ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  isDayDate,
  validateCreditCode,
  validateDayDate,
  validateIdCardNumber,
  validatePassword,
  validatePhone,
  validateRevealReason,
  validateUsername,
} from './validators';

describe('validateIdCardNumber', () => {
  it('accepts numbers with the right ISO 7064 check character, X included', () => {
    expect(validateIdCardNumber('11010519491231002X')).toBeNull();
    expect(validateIdCardNumber('11010519491231002x')).toBeNull();
    expect(validateIdCardNumber(' 410102199003071230 ')).toBeNull();
    expect(validateIdCardNumber('410104200002290018')).toBeNull();
  });

  it('names a wrong check character as such', () => {
    expect(validateIdCardNumber('110105194912310021')).toBe('ID_CARD_CHECK_DIGIT');
    expect(validateIdCardNumber('410102199003071231')).toBe('ID_CARD_CHECK_DIGIT');
  });

  it('refuses a birth date that does not exist', () => {
    expect(validateIdCardNumber('410104190002290011')).toBe('ID_CARD_BIRTH_DATE'); // 1900 was not a leap year
    expect(validateIdCardNumber('410104199013010011')).toBe('ID_CARD_BIRTH_DATE');
  });

  it('refuses wrong shapes', () => {
    expect(validateIdCardNumber('41010219900307123')).toBe('ID_CARD_FORMAT');
    expect(validateIdCardNumber('010102199003071230')).toBe('ID_CARD_FORMAT');
    expect(validateIdCardNumber('4101021990030712X0')).toBe('ID_CARD_FORMAT');
    expect(validateIdCardNumber(410102199003071230)).toBe('ID_CARD_FORMAT');
  });
});

describe('validateCreditCode', () => {
  it('accepts codes with the right GB 32100 check character', () => {
    expect(validateCreditCode('91350100M000100Y43')).toBeNull();
    expect(validateCreditCode('91110000600037341L')).toBeNull();
    expect(validateCreditCode('91110000600037341l')).toBeNull();
  });

  it('says which rule a bad code breaks', () => {
    expect(validateCreditCode('91350100M000100Y44')).toBe('CREDIT_CODE_CHECK_CHARACTER');
    expect(validateCreditCode('91350100M000100Y4')).toBe('CREDIT_CODE_FORMAT');
    expect(validateCreditCode('91350100M0001O0Y43')).toBe('CREDIT_CODE_CHARSET');
  });
});

describe('dates', () => {
  it('knows real calendar days', () => {
    expect(isDayDate('2024-02-29')).toBe(true);
    expect(isDayDate('2023-02-29')).toBe(false);
    expect(isDayDate('2024-04-31')).toBe(false);
    expect(isDayDate('2024-4-1')).toBe(false);
  });

  it('checks bounds as the server does', () => {
    expect(validateDayDate('2024-05-01', { notAfter: '2024-05-01' })).toBeNull();
    expect(validateDayDate('2024-05-02', { notAfter: '2024-05-01' })).toBe('DATE_IN_FUTURE');
    expect(validateDayDate('2024-04-30', { notBefore: '2024-05-01' })).toBe('DATE_ORDER');
    expect(validateDayDate('2024-13-01')).toBe('DATE_INVALID');
  });
});

describe('other fields', () => {
  it('phones: mobiles and landlines with area code', () => {
    expect(validatePhone('13812345678')).toBeNull();
    expect(validatePhone('0371-66881234')).toBeNull();
    expect(validatePhone('12812345678')).toBe('PHONE_FORMAT');
    expect(validatePhone('66881234')).toBe('PHONE_FORMAT');
  });

  it('usernames as the server accepts them', () => {
    expect(validateUsername('zhang.san_01')).toBeNull();
    expect(validateUsername('_admin')).toBeNull();
    expect(validateUsername('zs')).toBe('USERNAME_FORMAT');
    expect(validateUsername('张三丰')).toBe('USERNAME_FORMAT');
  });

  it('passwords: length, three kinds of characters, no username, no repetition', () => {
    expect(validatePassword('Dangjian-2024')).toBeNull();
    expect(validatePassword('Ab1!')).toBe('PASSWORD_TOO_SHORT');
    expect(validatePassword('a'.repeat(129))).toBe('PASSWORD_TOO_LONG');
    expect(validatePassword('abcdefgh12')).toBe('PASSWORD_TOO_SIMPLE');
    expect(validatePassword('Zhangsan-2024', 'zhangsan')).toBe('PASSWORD_CONTAINS_USERNAME');
    expect(validatePassword('Aa1Aa1Aa1Aa1', 'zs')).toBeNull();
  });

  it('a reason to see personal data has a few real characters', () => {
    expect(validateRevealReason('办理转接核对')).toBeNull();
    expect(validateRevealReason('   ')).toBe('REQUIRED');
    expect(validateRevealReason('核对')).toBe('REASON_TOO_SHORT');
  });
});

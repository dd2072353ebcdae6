import { describe, expect, it } from 'vitest';
import {
  idCardCheckCharacter,
  maskIdCardNumber,
  maskName,
  maskPhone,
  normalizeIdCardNumber,
  validateIdCardNumber,
  validatePhone,
} from './id-card.js';

describe('id card number (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('computes the check character of the standard examples, X included', () => {
    expect(idCardCheckCharacter('11010519491231002')).toBe('X');
    expect(idCardCheckCharacter('44052418800101001')).toBe('4');
    expect(idCardCheckCharacter('41010219900307123')).toBe('0');
  });

  it('refuses to compute a check character from anything but 17 digits', () => {
    expect(() => idCardCheckCharacter('1234')).toThrow(RangeError);
    expect(() => idCardCheckCharacter('4101021990030712X')).toThrow(RangeError);
  });

  it('accepts a valid number and reads the birth date and gender it encodes', () => {
    expect(validateIdCardNumber('11010519491231002X')).toEqual({
      valid: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'FEMALE',
    });
    const male = validateIdCardNumber('440524188001010014');
    expect(male.valid && male.gender).toBe('MALE');
  });

  it('accepts a lower-case x and surrounding spaces, normalised to upper case', () => {
    const result = validateIdCardNumber(' 11010519491231002x ');
    expect(result.valid && result.value).toBe('11010519491231002X');
    expect(normalizeIdCardNumber(' 11010519491231002x')).toBe('11010519491231002X');
  });

  it('refuses a wrong check digit with reason ID_CARD_CHECK_DIGIT and a Chinese message', () => {
    const result = validateIdCardNumber('410102199003071234');
    expect(result).toMatchObject({ valid: false, reason: 'ID_CARD_CHECK_DIGIT' });
    expect(!result.valid && result.message).toMatch(/校验位/);
    expect(validateIdCardNumber('410102199003071230').valid).toBe(true);
  });

  it('refuses a birth date that does not exist (29 February of a common year)', () => {
    const first17 = '41010219930229123';
    const result = validateIdCardNumber(first17 + idCardCheckCharacter(first17));
    expect(result).toMatchObject({ valid: false, reason: 'ID_CARD_BIRTH_DATE' });
    expect(!result.valid && result.message).toContain('19930229');
    const leap = '41010219920229123';
    expect(validateIdCardNumber(leap + idCardCheckCharacter(leap)).valid).toBe(true);
  });

  it('refuses a wrong length, letters in the body, a leading zero or a non-string', () => {
    for (const bad of ['41010219900307123', '4101021990030712300', '41010A199003071230', '010102199003071230', '', 410102199003071230, null]) {
      expect(validateIdCardNumber(bad)).toMatchObject({ valid: false, reason: 'ID_CARD_FORMAT' });
    }
    const result = validateIdCardNumber('123');
    expect(!result.valid && result.message).toMatch(/18 位/);
  });
});

describe('masking personal data', () => {
  it('masks an id card number to the first 6 and last 4: 410102********1234', () => {
    expect(maskIdCardNumber('410102199003071234')).toBe('410102********1234');
    expect(maskIdCardNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('masks a short or odd value completely rather than revealing it', () => {
    expect(maskIdCardNumber('1234567890')).toBe('**********');
    expect(maskIdCardNumber('')).toBe('');
    expect(maskPhone('1234567')).toBe('*******');
  });

  it('masks a phone to the first 3 and last 4: 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('037112345678')).toBe('037*****5678');
  });

  it('masks a name to its surname and one star, two-character names too', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧*');
    expect(maskName('  李 ')).toBe('李*');
    expect(maskName('')).toBe('');
  });
});

describe('phone numbers', () => {
  it('accepts a mainland mobile or a landline with area code', () => {
    expect(validatePhone('13812345678')).toEqual({ valid: true, value: '13812345678' });
    expect(validatePhone('0371-12345678')).toEqual({ valid: true, value: '0371-12345678' });
    expect(validatePhone('138 1234 5678')).toEqual({ valid: true, value: '13812345678' });
  });

  it('refuses other shapes with reason PHONE_FORMAT', () => {
    for (const bad of ['12812345678', '1381234567', '138123456789', 'abc', '', undefined]) {
      expect(validatePhone(bad)).toMatchObject({ valid: false, reason: 'PHONE_FORMAT' });
    }
  });
});

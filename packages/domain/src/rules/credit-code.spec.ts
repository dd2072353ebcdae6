import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter, validateCreditCode } from './credit-code.js';

describe('unified social credit code (GB 32100-2015)', () => {
  it('uses 31 characters: digits and capitals without I, O, Z, S, V', () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    for (const c of 'IOZSV') expect(CREDIT_CODE_CHARSET).not.toContain(c);
  });

  it('computes the check character of published codes', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91110108551385082')).toBe('Q');
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
  });

  it('accepts valid codes, lower case and spaces normalised', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ valid: true, value: '91350100M000100Y43' });
    expect(validateCreditCode(' 91110108551385082q ')).toEqual({ valid: true, value: '91110108551385082Q' });
  });

  it('refuses a credit code with a wrong check character, with a clear reason', () => {
    const result = validateCreditCode('91350100M000100Y44');
    expect(result).toMatchObject({ valid: false, reason: 'CREDIT_CODE_CHECK_CHARACTER' });
    expect(!result.valid && result.message).toMatch(/校验位/);
  });

  it('refuses a code with a character outside the set (I O Z S V), naming it', () => {
    const result = validateCreditCode('91350100O000100Y43');
    expect(result).toMatchObject({ valid: false, reason: 'CREDIT_CODE_CHARSET' });
    expect(!result.valid && result.message).toContain('O');
  });

  it('refuses a code that is not 18 characters long', () => {
    for (const bad of ['91350100M000100Y4', '91350100M000100Y433', '', 123, null]) {
      expect(validateCreditCode(bad)).toMatchObject({ valid: false, reason: 'CREDIT_CODE_FORMAT' });
    }
  });

  it('refuses to compute a check character from a wrong input', () => {
    expect(() => creditCodeCheckCharacter('9135')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('91350100M000100I4')).toThrow(RangeError);
  });

  it('every check character it computes validates, for any body of the set', () => {
    const body = '92410104MA44XKE0W';
    expect(validateCreditCode(body + creditCodeCheckCharacter(body)).valid).toBe(true);
  });
});

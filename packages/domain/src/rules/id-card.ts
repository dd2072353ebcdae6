import type { Gender } from '../entities/member.entity.js';
import { isDayDate, type DayDate } from './dates.js';

/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence (odd for
 * men), and a check character by ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

export type IdCardProblemReason = 'ID_CARD_FORMAT' | 'ID_CARD_BIRTH_DATE' | 'ID_CARD_CHECK_DIGIT';

export type IdCardValidation =
  | { valid: true; value: string; birthDate: DayDate; gender: Gender }
  | { valid: false; reason: IdCardProblemReason; message: string };

/** The check character for the first 17 digits. */
export function idCardCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('idCardCheckCharacter needs exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** Trims and upper-cases a final "x", the only normalisation a typed number needs. */
export function normalizeIdCardNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Checks an 18-character id card number; on success gives the birth date and gender it encodes. */
export function validateIdCardNumber(value: unknown): IdCardValidation {
  const text = typeof value === 'string' ? normalizeIdCardNumber(value) : '';
  if (!/^[1-9]\d{16}[\dX]$/.test(text)) {
    return {
      valid: false,
      reason: 'ID_CARD_FORMAT',
      message: '身份证号码格式不正确，应为 18 位，前 17 位为数字，最后一位为数字或 X',
    };
  }
  const birthDate = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  if (!isDayDate(birthDate) || Number(text.slice(6, 10)) < 1800) {
    return {
      valid: false,
      reason: 'ID_CARD_BIRTH_DATE',
      message: `身份证号码中的出生日期（${text.slice(6, 14)}）不是有效日期`,
    };
  }
  const expected = idCardCheckCharacter(text.slice(0, 17));
  if (text[17] !== expected) {
    return {
      valid: false,
      reason: 'ID_CARD_CHECK_DIGIT',
      message: '身份证号码校验位不正确，请核对号码是否录入有误',
    };
  }
  return { valid: true, value: text, birthDate, gender: Number(text[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

/** First 6 and last 4 shown: 410102********1234. */
export function maskIdCardNumber(value: string): string {
  const text = value.trim();
  if (text.length <= 10) return '*'.repeat(text.length);
  return `${text.slice(0, 6)}${'*'.repeat(text.length - 10)}${text.slice(-4)}`;
}

export type PhoneValidation =
  | { valid: true; value: string }
  | { valid: false; reason: 'PHONE_FORMAT'; message: string };

/** A mainland mobile number (11 digits, 1[3-9]…) or a landline with area code (0371-12345678). */
export function validatePhone(value: unknown): PhoneValidation {
  const text = typeof value === 'string' ? value.trim().replace(/\s+/g, '') : '';
  if (/^1[3-9]\d{9}$/.test(text) || /^0\d{2,3}-?\d{7,8}$/.test(text)) return { valid: true, value: text };
  return {
    valid: false,
    reason: 'PHONE_FORMAT',
    message: '电话号码格式不正确，应为 11 位手机号或带区号的固定电话',
  };
}

/** First 3 and last 4 shown: 138****5678. */
export function maskPhone(value: string): string {
  const text = value.trim();
  if (text.length < 8) return '*'.repeat(text.length);
  return `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`;
}

/**
 * The surname character and one star, whatever the name's length (张三 → 张*, 张三丰 → 张*), so
 * that a masked export does not reveal the length of the given name either.
 */
export function maskName(value: string): string {
  const chars = Array.from(value.trim());
  if (!chars.length) return '';
  return `${chars[0]}*`;
}

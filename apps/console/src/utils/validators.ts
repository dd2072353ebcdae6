/**
 * The checks the server runs on input, repeated in the browser so a person learns of a typo before
 * sending. Each returns a stable reason (the same words the server uses in extensions.fields) or
 * null; the form turns the reason into a sentence through i18n (`validation.<reason>`).
 */

export type ValidationReason =
  | 'REQUIRED'
  | 'ID_CARD_FORMAT'
  | 'ID_CARD_BIRTH_DATE'
  | 'ID_CARD_CHECK_DIGIT'
  | 'CREDIT_CODE_FORMAT'
  | 'CREDIT_CODE_CHARSET'
  | 'CREDIT_CODE_CHECK_CHARACTER'
  | 'DATE_INVALID'
  | 'DATE_IN_FUTURE'
  | 'DATE_ORDER'
  | 'PHONE_FORMAT'
  | 'USERNAME_FORMAT'
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_TOO_LONG'
  | 'PASSWORD_TOO_SIMPLE'
  | 'PASSWORD_CONTAINS_USERNAME'
  | 'REASON_TOO_SHORT';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real calendar day written 'YYYY-MM-DD'. */
export function isDayDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function validateDayDate(value: unknown, options: { notAfter?: string; notBefore?: string } = {}): ValidationReason | null {
  if (!isDayDate(value)) return 'DATE_INVALID';
  // 'YYYY-MM-DD' strings sort as the days they name.
  if (options.notAfter && value > options.notAfter) return 'DATE_IN_FUTURE';
  if (options.notBefore && value < options.notBefore) return 'DATE_ORDER';
  return null;
}

const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CARD_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCardCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_CARD_WEIGHTS[i];
  return ID_CARD_CHECK[sum % 11];
}

/** 居民身份证号码 (GB 11643-1999): 18 characters, a real birth date, the right check character. */
export function validateIdCardNumber(value: unknown): ValidationReason | null {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!/^[1-9]\d{16}[\dX]$/.test(text)) return 'ID_CARD_FORMAT';
  const birthDate = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  if (!isDayDate(birthDate) || Number(text.slice(6, 10)) < 1800) return 'ID_CARD_BIRTH_DATE';
  if (text[17] !== idCardCheckCharacter(text.slice(0, 17))) return 'ID_CARD_CHECK_DIGIT';
  return null;
}

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character of the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * CREDIT_CODE_WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** 统一社会信用代码: 18 characters of the 31-character set, the last a MOD 31 check character. */
export function validateCreditCode(value: unknown): ValidationReason | null {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (text.length !== 18) return 'CREDIT_CODE_FORMAT';
  if ([...text].some((c) => !CREDIT_CODE_CHARSET.includes(c))) return 'CREDIT_CODE_CHARSET';
  if (text[17] !== creditCodeCheckCharacter(text.slice(0, 17))) return 'CREDIT_CODE_CHECK_CHARACTER';
  return null;
}

/** A mainland mobile number or a landline with its area code. */
export function validatePhone(value: unknown): ValidationReason | null {
  const text = typeof value === 'string' ? value.trim().replace(/\s+/g, '') : '';
  return /^1[3-9]\d{9}$/.test(text) || /^0\d{2,3}-?\d{7,8}$/.test(text) ? null : 'PHONE_FORMAT';
}

/** Sign-in names: 3–64 letters, digits, "_", "." or "-". */
export function validateUsername(value: unknown): ValidationReason | null {
  const text = typeof value === 'string' ? value.trim() : '';
  return /^[A-Za-z0-9_.-]{3,64}$/.test(text) ? null : 'USERNAME_FORMAT';
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Console passwords: 10–128 characters, three of the four kinds (lower case, upper case, digits,
 * symbols), not containing the username. (The server's "not one or two characters repeated"
 * cannot fail once three kinds are present.)
 */
export function validatePassword(value: unknown, username = ''): ValidationReason | null {
  const text = typeof value === 'string' ? value : '';
  if (text.length < PASSWORD_MIN_LENGTH) return 'PASSWORD_TOO_SHORT';
  if (text.length > PASSWORD_MAX_LENGTH) return 'PASSWORD_TOO_LONG';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(text)).length;
  if (kinds < 3) return 'PASSWORD_TOO_SIMPLE';
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && text.toLowerCase().includes(name)) return 'PASSWORD_CONTAINS_USERNAME';
  return null;
}

/** Why a person asks for full personal data: a few words, recorded in the audit log. */
export function validateRevealReason(value: unknown): ValidationReason | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return 'REQUIRED';
  return Array.from(text).length < 4 ? 'REASON_TOO_SHORT' : null;
}

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (digits and capitals
 * without I, O, Z, S, V), the last a MOD 31 check character.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeProblemReason = 'CREDIT_CODE_FORMAT' | 'CREDIT_CODE_CHARSET' | 'CREDIT_CODE_CHECK_CHARACTER';

export type CreditCodeValidation =
  | { valid: true; value: string }
  | { valid: false; reason: CreditCodeProblemReason; message: string };

function valueOf(char: string): number {
  return CREDIT_CODE_CHARSET.indexOf(char);
}

/** The check character for the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  const text = first17.toUpperCase();
  if (text.length !== 17 || [...text].some((c) => valueOf(c) < 0)) {
    throw new RangeError('creditCodeCheckCharacter needs 17 characters of the GB 32100 set');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += valueOf(text[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

export function validateCreditCode(value: unknown): CreditCodeValidation {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (text.length !== 18) {
    return { valid: false, reason: 'CREDIT_CODE_FORMAT', message: '统一社会信用代码应为 18 位' };
  }
  const bad = [...text].filter((c) => valueOf(c) < 0);
  if (bad.length) {
    return {
      valid: false,
      reason: 'CREDIT_CODE_CHARSET',
      message: `统一社会信用代码含有不允许的字符「${[...new Set(bad)].join('')}」（只能是数字和除 I、O、Z、S、V 以外的大写字母）`,
    };
  }
  if (text[17] !== creditCodeCheckCharacter(text.slice(0, 17))) {
    return {
      valid: false,
      reason: 'CREDIT_CODE_CHECK_CHARACTER',
      message: '统一社会信用代码校验位不正确，请核对代码是否录入有误',
    };
  }
  return { valid: true, value: text };
}

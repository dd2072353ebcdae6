import type { FormItemRule } from 'element-plus';
import type { Translate } from '@/api/errors';
import { registerMessages, type FeatureMessages } from '@/locales';
import type { ValidationReason } from '@/utils/validators';

/**
 * Form rules for the checks the gateway's domain runs on free text and numbers (lengths, counts,
 * codes), beyond the shared validators: the same limits, so the form refuses what the server would.
 * Shared by the forms of the console's feature areas.
 */
export const formCheckMessages: FeatureMessages = {
  'zh-CN': {
    formChecks: {
      TOO_LONG: '不能超过 {max} 个字',
      INTEGER_RANGE: '应为 {min} 至 {max} 的整数',
      UPSTREAM_CODE_FORMAT: '组织代码应为 12–15 位数字',
      CHOOSE: '请选择',
    },
  },
  'en-US': {
    formChecks: {
      TOO_LONG: 'At most {max} characters',
      INTEGER_RANGE: 'A whole number from {min} to {max}',
      UPSTREAM_CODE_FORMAT: 'An organisation code has 12–15 digits',
      CHOOSE: 'Please choose',
    },
  },
};

registerMessages(formCheckMessages);

/** A reason of ours or of the shared validators. */
export type CheckReason = ValidationReason | 'TOO_LONG' | 'INTEGER_RANGE' | 'UPSTREAM_CODE_FORMAT' | 'CHOOSE';

const OWN_REASONS = new Set(['TOO_LONG', 'INTEGER_RANGE', 'UPSTREAM_CODE_FORMAT', 'CHOOSE']);

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** The sentence for a reason: ours under formChecks, the shared ones under validation. */
export function checkMessage(reason: CheckReason, t: Translate, params: Record<string, unknown> = {}): string {
  return OWN_REASONS.has(reason) ? t(`formChecks.${reason}`, params) : t(`validation.${reason}`, params);
}

/** An Element Plus rule from a check; empty optional values pass, empty required ones are refused. */
export function checkRule(
  check: (value: unknown) => CheckReason | null,
  t: Translate,
  options: { required?: boolean; trigger?: 'blur' | 'change'; params?: Record<string, unknown> } = {},
): FormItemRule {
  return {
    trigger: options.trigger ?? 'blur',
    required: options.required,
    validator: (_rule, value: unknown, callback: (error?: Error) => void) => {
      if (isEmpty(value)) {
        callback(options.required ? new Error(t('validation.REQUIRED')) : undefined);
        return;
      }
      const reason = check(value);
      callback(reason ? new Error(checkMessage(reason, t, options.params)) : undefined);
    },
  };
}

/** Text of at most `max` characters (as the domain counts them, after trimming). */
export function maxLength(max: number): (value: unknown) => CheckReason | null {
  return (value) => (typeof value === 'string' && value.trim().length > max ? 'TOO_LONG' : null);
}

export function textRule(t: Translate, max: number, options: { required?: boolean; trigger?: 'blur' | 'change' } = {}): FormItemRule {
  return checkRule(maxLength(max), t, { ...options, params: { max } });
}

/** A whole number in [min, max]. */
export function integerIn(min: number, max: number): (value: unknown) => CheckReason | null {
  return (value) => {
    const number = typeof value === 'string' ? Number(value) : value;
    return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max ? null : 'INTEGER_RANGE';
  };
}

export function integerRule(t: Translate, min: number, max: number, options: { required?: boolean; trigger?: 'blur' | 'change' } = {}): FormItemRule {
  return checkRule(integerIn(min, max), t, { trigger: 'change', ...options, params: { min, max } });
}

/** A required choice (select, radio). */
export function choiceRule(t: Translate): FormItemRule {
  return { required: true, trigger: 'change', message: t('formChecks.CHOOSE') };
}

/**
 * Field problems of a refused request by the full field path (`items[2].state` stays as it is), for
 * forms with repeated parts; `fieldErrors` of the shared layer keeps only the last segment.
 */
export function fieldErrorsByPath(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  const fields = (error as { fields?: { field: string; message: string }[] } | null)?.fields;
  if (!Array.isArray(fields)) return result;
  for (const problem of fields) {
    const key = problem.field.replace(/^input\./, '');
    result[key] = result[key] ? `${result[key]}；${problem.message}` : problem.message;
  }
  return result;
}

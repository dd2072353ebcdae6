import type { FormItemRule } from 'element-plus';
import type { Translate } from '@/api/errors';
import type { ValidationReason } from './validators';

type Check = (value: unknown) => ValidationReason | null;

/** An Element Plus rule from one of our checks; empty optional values pass. */
export function ruleOf(check: Check, t: Translate, options: { required?: boolean; trigger?: 'blur' | 'change' } = {}): FormItemRule {
  return {
    trigger: options.trigger ?? 'blur',
    required: options.required,
    validator: (_rule, value: unknown, callback: (error?: Error) => void) => {
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
      if (empty) {
        callback(options.required ? new Error(t('validation.REQUIRED')) : undefined);
        return;
      }
      const reason = check(value);
      callback(reason ? new Error(t(`validation.${reason}`)) : undefined);
    },
  };
}

export function requiredRule(t: Translate, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return { required: true, trigger, message: t('validation.REQUIRED') };
}

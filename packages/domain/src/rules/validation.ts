import type { Problems } from '../errors/domain-error.js';
import { validateCreditCode } from './credit-code.js';
import { compareDays, isDayDate, type DayDate } from './dates.js';
import { validateIdCardNumber } from './id-card.js';

/**
 * Small checks that add Chinese field problems to a `Problems`, so that one form reports all its
 * mistakes at once. Each returns whether the value passed.
 */

function checkDay(problems: Problems, field: string, value: DayDate | null | undefined, label: string): boolean {
  if (value == null || value === '') return true;
  if (isDayDate(value)) return true;
  problems.add(field, 'DATE_INVALID', `${label}「${value}」不是有效日期（格式 YYYY-MM-DD）`);
  return false;
}

/** An end date may not be before its start date (either may be absent). */
export function checkDateOrder(
  problems: Problems,
  startField: string,
  start: DayDate | null | undefined,
  endField: string,
  end: DayDate | null | undefined,
  labels: { start?: string; end?: string } = {},
): boolean {
  const startLabel = labels.start ?? '开始日期';
  const endLabel = labels.end ?? '结束日期';
  const startOk = checkDay(problems, startField, start, startLabel);
  const endOk = checkDay(problems, endField, end, endLabel);
  if (!startOk || !endOk) return false;
  if (start && end && compareDays(end, start) < 0) {
    problems.add(endField, 'DATE_ORDER', `${endLabel}（${end}）不能早于${startLabel}（${start}）`);
    return false;
  }
  return true;
}

/** A number that may not be negative (an area, a count, an amount in fen). */
export function checkNonNegative(problems: Problems, field: string, value: number | null | undefined, labelZh: string): boolean {
  if (value == null) return true;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.add(field, 'NOT_A_NUMBER', `${labelZh}应为数字`);
    return false;
  }
  if (value < 0) {
    problems.add(field, 'NEGATIVE', `${labelZh}不能为负数`);
    return false;
  }
  return true;
}

/** Text that must be given (after trimming) and fit `maxLength` characters. */
export function checkRequiredText(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  labelZh: string,
  maxLength: number,
): boolean {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) {
    problems.add(field, 'REQUIRED', `请填写${labelZh}`);
    return false;
  }
  if (Array.from(text).length > maxLength) {
    problems.add(field, 'TOO_LONG', `${labelZh}不能超过 ${maxLength} 个字`);
    return false;
  }
  return true;
}

/** An id card number with a valid birth date and check digit. */
export function checkIdCard(problems: Problems, field: string, value: string | null | undefined): boolean {
  const result = validateIdCardNumber(value);
  if (result.valid) return true;
  problems.add(field, result.reason, result.message);
  return false;
}

/** A unified social credit code with a valid check character. */
export function checkCreditCode(problems: Problems, field: string, value: string | null | undefined): boolean {
  const result = validateCreditCode(value);
  if (result.valid) return true;
  problems.add(field, result.reason, result.message);
  return false;
}

import { describe, expect, it } from 'vitest';
import { DomainError, Problems } from '../errors/domain-error.js';
import { checkCreditCode, checkDateOrder, checkIdCard, checkNonNegative, checkRequiredText } from './validation.js';

describe('form checks collect Chinese field problems', () => {
  it('refuses an end date before a start date', () => {
    const problems = new Problems();
    expect(checkDateOrder(problems, 'startOn', '2026-05-10', 'endOn', '2026-05-09')).toBe(false);
    expect(problems.all).toEqual([
      { field: 'endOn', reason: 'DATE_ORDER', message: '结束日期（2026-05-09）不能早于开始日期（2026-05-10）' },
    ]);
  });

  it('accepts the same day, a later day, or a missing end', () => {
    const problems = new Problems();
    expect(checkDateOrder(problems, 'startOn', '2026-05-10', 'endOn', '2026-05-10')).toBe(true);
    expect(checkDateOrder(problems, 'startOn', '2026-05-10', 'endOn', '2026-06-01')).toBe(true);
    expect(checkDateOrder(problems, 'startOn', '2026-05-10', 'endOn', null)).toBe(true);
    expect(problems.empty).toBe(true);
  });

  it('names the dates with the labels given and reports impossible dates', () => {
    const problems = new Problems();
    checkDateOrder(problems, 'claimedOn', '2026-05-10', 'fulfilledOn', '2026-05-01', { start: '认领日期', end: '圆梦日期' });
    checkDateOrder(problems, 'startOn', '2023-02-29', 'endOn', '2023-03-01');
    expect(problems.all[0].message).toBe('圆梦日期（2026-05-01）不能早于认领日期（2026-05-10）');
    expect(problems.all[1]).toMatchObject({ field: 'startOn', reason: 'DATE_INVALID' });
  });

  it('refuses a negative number and a value that is not a number', () => {
    const problems = new Problems();
    expect(checkNonNegative(problems, 'areaM2', -1, '面积')).toBe(false);
    expect(checkNonNegative(problems, 'amountFen', Number.NaN, '金额')).toBe(false);
    expect(checkNonNegative(problems, 'households', 0, '户数')).toBe(true);
    expect(checkNonNegative(problems, 'households', undefined, '户数')).toBe(true);
    expect(problems.all).toEqual([
      { field: 'areaM2', reason: 'NEGATIVE', message: '面积不能为负数' },
      { field: 'amountFen', reason: 'NOT_A_NUMBER', message: '金额应为数字' },
    ]);
  });

  it('requires text and limits its length in characters', () => {
    const problems = new Problems();
    expect(checkRequiredText(problems, 'title', '  ', '标题', 10)).toBe(false);
    expect(checkRequiredText(problems, 'title', '一二三四五六七八九十', '标题', 10)).toBe(true);
    expect(checkRequiredText(problems, 'title', '一二三四五六七八九十一', '标题', 10)).toBe(false);
    expect(checkRequiredText(problems, 'title', null, '标题', 10)).toBe(false);
    expect(problems.all.map((p) => [p.reason, p.message])).toEqual([
      ['REQUIRED', '请填写标题'],
      ['TOO_LONG', '标题不能超过 10 个字'],
      ['REQUIRED', '请填写标题'],
    ]);
  });

  it('refuses a wrong id card check digit and a wrong credit code check character, then throws them together', () => {
    const problems = new Problems();
    expect(checkIdCard(problems, 'idCardNumber', '11010519491231002X')).toBe(true);
    expect(checkIdCard(problems, 'idCardNumber', '110105194912310021')).toBe(false);
    expect(checkCreditCode(problems, 'creditCode', '91350100M000100Y43')).toBe(true);
    expect(checkCreditCode(problems, 'creditCode', '91350100M000100Y44')).toBe(false);
    expect(problems.all.map((p) => [p.field, p.reason])).toEqual([
      ['idCardNumber', 'ID_CARD_CHECK_DIGIT'],
      ['creditCode', 'CREDIT_CODE_CHECK_CHARACTER'],
    ]);
    try {
      problems.throwIfAny();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('BAD_USER_INPUT');
      expect((e as DomainError).fields).toHaveLength(2);
      expect((e as DomainError).message).toMatch(/身份证.*；.*信用代码/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import zhCN from '@/locales/zh-CN';
import { ApiError, accountLock, describeError, errorFromGraphQL, fieldErrors, fieldKey, remainingAttempts, type Translate } from './errors';

/** A translate over the real zh-CN catalogue, with {name} interpolation. */
const t: Translate = (key, params = {}) => {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], zhCN);
  if (typeof value !== 'string') return key;
  return value.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
};

describe('error code → message', () => {
  it('says every contract code in Chinese', () => {
    for (const code of [
      'FORBIDDEN',
      'GRAPHQL_VALIDATION_FAILED',
      'QUERY_TOO_COMPLEX',
      'RATE_LIMITED',
      'INTERNAL_SERVER_ERROR',
      'NETWORK_ERROR',
    ] as const) {
      const message = describeError(new ApiError(code, 'Something went wrong'), t);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(message).not.toContain('Something went wrong');
    }
  });

  it('prefers the Chinese sentence a domain error carries', () => {
    const error = errorFromGraphQL([{ message: '该转接已被审批，不能撤回', extensions: { code: 'CONFLICT', reason: 'TRANSFER_INVALID_TRANSITION' } }]);
    expect(describeError(error, t)).toBe('该转接已被审批，不能撤回');
  });

  it('does not show an English server message to a Chinese reader', () => {
    const error = errorFromGraphQL([{ message: 'Cannot query field "foo" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    expect(describeError(error, t)).toBe(zhCN.errors.GRAPHQL_VALIDATION_FAILED);
    const forbidden = errorFromGraphQL([{ message: 'Forbidden resource', extensions: { code: 'FORBIDDEN' } }]);
    expect(describeError(forbidden, t)).toBe(zhCN.errors.FORBIDDEN);
  });

  it('an unknown code or a thrown non-API error reads as a generic failure', () => {
    expect(describeError(errorFromGraphQL([{ message: 'x', extensions: { code: 'SOMETHING_NEW' } }]), t)).toBe(zhCN.errors.UNKNOWN);
    expect(describeError(new TypeError('boom'), t)).toBe(zhCN.errors.UNKNOWN);
  });

  it('tells how long to wait when rate limited', () => {
    const error = errorFromGraphQL([{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 12 } }]);
    expect(describeError(error, t)).toBe('操作过于频繁，请 12 秒后再试');
    const long = errorFromGraphQL([{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 540 } }]);
    expect(describeError(long, t)).toBe('操作过于频繁，请 9 分钟后再试');
    const fromServer = errorFromGraphQL([{ message: '登录尝试过于频繁，请 9 分钟后再试', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 540 } }]);
    expect(describeError(fromServer, t)).toBe('登录尝试过于频繁，请 9 分钟后再试');
  });

  it('recognises a locked account and when it opens again', () => {
    const until = new Date(2024, 4, 1, 14, 5).toISOString();
    const error = errorFromGraphQL([{ message: 'Account locked', extensions: { code: 'FORBIDDEN', reason: 'ACCOUNT_LOCKED', lockedUntil: until } }]);
    expect(accountLock(error)).toEqual({ until });
    expect(describeError(error, t)).toBe('因多次输错密码，账号已被暂时锁定，请于 14:05 后再试');
    const fromServer = errorFromGraphQL([
      { message: '密码错误次数过多，账号已锁定，请于 14:05 后再试', extensions: { code: 'FORBIDDEN', reason: 'ACCOUNT_LOCKED', details: { lockedUntil: until } } },
    ]);
    expect(accountLock(fromServer)).toEqual({ until });
    expect(describeError(fromServer, t)).toBe('密码错误次数过多，账号已锁定，请于 14:05 后再试');
    const wrongPassword = errorFromGraphQL([
      { message: '用户名或密码错误', extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS', remainingAttempts: 2 } },
    ]);
    expect(accountLock(wrongPassword)).toBeUndefined();
    expect(remainingAttempts(wrongPassword)).toBe(2);
  });
});

describe('field problems', () => {
  it('collects extensions.fields of every error, keyed by the form field', () => {
    const error = errorFromGraphQL([
      {
        message: '输入有误',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'input.username', reason: 'USERNAME_TAKEN', message: '用户名已被使用' },
            { field: 'idCardNumber', reason: 'ID_CARD_CHECK_DIGIT', message: '身份证号码校验位不正确' },
          ],
        },
      },
      { message: '输入有误', extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'idCardNumber', reason: 'X', message: '已存在' }] } },
    ]);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(fieldErrors(error)).toEqual({ username: '用户名已被使用', idCardNumber: '身份证号码校验位不正确；已存在' });
  });

  it('ignores malformed entries and non-API errors', () => {
    const error = errorFromGraphQL([{ message: 'x', extensions: { code: 'BAD_USER_INPUT', fields: [{ nope: true }, 'text'] } }]);
    expect(error.fields).toEqual([]);
    expect(fieldErrors(new Error('x'))).toEqual({});
  });

  it('maps nested paths to the last segment', () => {
    expect(fieldKey('seats[2].memberId')).toBe('memberId');
    expect(fieldKey('members[0]')).toBe('members');
    expect(fieldKey('reason')).toBe('reason');
  });
});

import type { FieldProblem } from '../../errors/domain-error.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The password rules for console accounts: at least 10 characters, three of the four kinds
 * (lower case, upper case, digits, symbols), and not built around the username. Returns the
 * problems (empty when the password is acceptable).
 */
export function checkPasswordRules(password: string, username: string, field = 'password'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (reason: string, message: string) => problems.push({ field, reason, message });
  if (password.length < PASSWORD_MIN_LENGTH) add('PASSWORD_TOO_SHORT', `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (password.length > PASSWORD_MAX_LENGTH) add('PASSWORD_TOO_LONG', `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`);
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (kinds < 3) add('PASSWORD_TOO_SIMPLE', '密码需包含小写字母、大写字母、数字、符号中的至少三类');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    add('PASSWORD_CONTAINS_USERNAME', '密码不能包含用户名');
  }
  if (password.length > 0 && new Set(password).size <= 2) add('PASSWORD_REPETITIVE', '密码不能由一两个字符重复组成');
  return problems;
}

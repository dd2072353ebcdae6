import type { FormRules } from 'element-plus';
import { ApiError, accountLock, describeError, remainingAttempts, type Translate } from '@/api/errors';

export interface LoginForm {
  username: string;
  password: string;
}

export function loginRules(t: Translate): FormRules<LoginForm> {
  return {
    username: [{ required: true, trigger: 'blur', message: t('login.usernamePlaceholder') }],
    password: [{ required: true, trigger: 'blur', message: t('login.passwordPlaceholder') }],
  };
}

export interface LoginProblem {
  title: string;
  message: string;
  locked: boolean;
}

/** What a refused sign-in tells the person: locked, wrong credentials (with attempts left), or other. */
export function loginProblem(error: unknown, t: Translate, locale: string): LoginProblem {
  if (error instanceof ApiError) {
    if (accountLock(error)) return { title: t('login.lockedTitle'), message: describeError(error, t, locale), locked: true };
    if (error.code === 'UNAUTHENTICATED' || (error.code === 'BAD_USER_INPUT' && error.fields.length === 0)) {
      const base = /[\u3400-\u9fff]/.test(error.message) && locale.startsWith('zh') ? error.message : t('login.invalidCredentials');
      const left = remainingAttempts(error);
      return { title: t('login.failedTitle'), message: left !== undefined ? `${base}。${t('login.remainingAttempts', { count: left })}` : base, locked: false };
    }
  }
  return { title: t('login.failedTitle'), message: describeError(error, t, locale), locked: false };
}

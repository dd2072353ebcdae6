import { redactUrl } from '@dangjian/config';

/**
 * One readable sentence for a failure to reach MySQL, naming the variable to fix, so that an
 * operator never has to read a stack trace to learn that the database is down or misnamed.
 */
export function describeDatabaseError(error: unknown, variable = 'DATABASE_URL'): string {
  const err = error as { code?: string; message?: string; errno?: number };
  const url = process.env[variable] ? ` (${redactUrl(process.env[variable] ?? '')})` : '';
  switch (err?.code) {
    case 'ECONNREFUSED':
      return `无法连接数据库：${variable}${url} 指向的地址没有 MySQL 在监听 (connection refused).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `无法连接数据库：${variable}${url} 中的主机名无法解析 (host not found).`;
    case 'ETIMEDOUT':
      return `无法连接数据库：${variable}${url} 连接超时 (timed out).`;
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      return `数据库拒绝登录：请检查 ${variable}${url} 中的用户名和密码；MariaDB 的 root 可能只允许通过 unix socket 登录 (access denied).`;
    case 'ER_BAD_DB_ERROR':
      return `数据库不存在：${variable}${url}；运行 pnpm db:migrate 创建它 (unknown database).`;
    default:
      return `数据库出错 (${variable}${url}): ${err?.message ?? String(error)}`;
  }
}

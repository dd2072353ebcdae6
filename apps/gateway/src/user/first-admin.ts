import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { dataDir, type Config } from '@dangjian/config';
import {
  checkPasswordRules,
  countUsersWithRole,
  createUserRecord,
  DomainError,
  findLoginRecord,
  FULL_SCOPE,
  SYSTEM_ACTOR,
} from '@dangjian/domain';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password-hasher.js';

export const ADMIN_PASSWORD_FILE = 'admin-password.txt';

/** A password that meets the rules: four kinds of characters around 16 random bytes. */
function generatePassword(): string {
  return `Dj!${randomBytes(16).toString('base64url')}7`;
}

/**
 * Makes sure a district administrator exists (DANGJIAN_ADMIN_USERNAME / DANGJIAN_ADMIN_PASSWORD).
 * In development without a configured password a random one is generated, printed once and
 * written to .data/admin-password.txt; elsewhere a missing password is reported, never invented.
 */
export async function ensureFirstAdmin(dataSource: DataSource, config: Config, logger = new Logger('FirstAdmin')): Promise<void> {
  if ((await countUsersWithRole(dataSource, 'DISTRICT_ADMIN')) > 0) return;
  const username = config.DANGJIAN_ADMIN_USERNAME;
  if (await findLoginRecord(dataSource, username)) {
    logger.warn(`没有区级管理员，而用户名 ${username} 已被其他角色使用；请用 DANGJIAN_ADMIN_USERNAME 指定另一个用户名`);
    return;
  }
  let password = config.DANGJIAN_ADMIN_PASSWORD;
  let generated = false;
  if (!password) {
    if (config.NODE_ENV !== 'development') {
      logger.warn('还没有区级管理员：请设置 DANGJIAN_ADMIN_PASSWORD（及 DANGJIAN_ADMIN_USERNAME）后重启网关');
      return;
    }
    password = generatePassword();
    generated = true;
  } else if (checkPasswordRules(password, username).length > 0) {
    logger.warn('DANGJIAN_ADMIN_PASSWORD 不符合密码规则（至少 10 位、三类字符、不含用户名），请登录后尽快修改');
  }
  try {
    await createUserRecord(
      dataSource,
      FULL_SCOPE,
      SYSTEM_ACTOR,
      { username, password, passwordHash: await hashPassword(password), displayName: '区级管理员', role: 'DISTRICT_ADMIN' },
      { passwordRules: false },
    );
  } catch (error) {
    // Another gateway starting at the same moment created it first.
    if (error instanceof DomainError && error.code === 'CONFLICT') return;
    throw error;
  }
  if (generated) {
    const file = join(dataDir(), ADMIN_PASSWORD_FILE);
    mkdirSync(dataDir(), { recursive: true });
    writeFileSync(file, `${username}\n${password}\n`, { mode: 0o600 });
    // Printed once, on the first start only: this account did not exist before.
    console.log(`\n已创建区级管理员 ${username}，初始密码：${password}\n（也已写入 ${file}；登录后请修改密码）\n`);
  } else {
    logger.log(`已创建区级管理员 ${username}`);
  }
}

import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLE_LABELS } from '@dangjian/domain';
import { ACCESS_RULE, requestInfoOf, type AccessRule } from './access.decorators.js';
import { GatewayError } from './errors.js';

const PERMISSION_LABELS: Record<string, string> = {
  READ: '查看数据',
  REVEAL_PII: '查看完整个人信息',
  MANAGE_TRANSFERS: '办理组织关系转接',
  MANAGE_ELECTIONS: '管理换届',
  MANAGE_WORK: '管理日常工作',
  EXPORT: '导出数据',
  READ_SYNC: '查看数据同步',
  REQUEST_SYNC: '发起数据同步',
  MANAGE_USERS: '管理用户',
  MANAGE_API_KEYS: '管理 API 密钥',
  READ_AUDIT_LOG: '查看审计日志',
  MANAGE_SETTINGS: '管理设置',
};

/**
 * The one gate in front of every query, mutation and HTTP route: the declared rule (`@Allow`,
 * `@Public`, `@SignedIn`) against the caller. A handler without a rule is refused, so a new
 * operation is closed until someone decides who may use it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule?.kind === 'public') return true;
    const { principal } = requestInfoOf(context);
    if (principal.kind === 'anonymous') {
      throw GatewayError.unauthenticated(principal.problem?.message ?? '请先登录', principal.problem?.reason);
    }
    if (!rule) throw GatewayError.forbidden('此操作未开放');
    if (rule.kind === 'user') {
      if (principal.kind !== 'user') throw GatewayError.forbidden('API 密钥不能执行此操作，请使用用户账号', 'API_KEY_READ_ONLY');
      return true;
    }
    const missing = rule.permissions.filter((permission) => !principal.permissions.has(permission));
    if (missing.length) {
      const who = principal.kind === 'user' ? `「${ROLE_LABELS[principal.role]}」` : 'API 密钥';
      throw GatewayError.forbidden(
        `${who}没有「${missing.map((p) => PERMISSION_LABELS[p] ?? p).join('、')}」的权限`,
        principal.kind === 'apiKey' ? 'API_KEY_READ_ONLY' : 'FORBIDDEN',
      );
    }
    return true;
  }
}

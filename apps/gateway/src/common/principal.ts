import type { Actor, DataScope, Permission, Role } from '@dangjian/domain';
import { EMPTY_SCOPE } from '@dangjian/domain';
import type { Request } from 'express';

/** Why a presented credential was not accepted (the request then continues as anonymous). */
export interface CredentialProblem {
  reason: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' | 'TOKEN_REVOKED' | 'API_KEY_INVALID' | 'API_KEY_REVOKED' | 'ACCOUNT_DISABLED';
  message: string;
}

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  role: Role;
  organizationId: string | null;
  scope: DataScope;
  permissions: ReadonlySet<Permission>;
}

/** Another team's service: read-only, personal data always masked. */
export interface ApiKeyPrincipal {
  kind: 'apiKey';
  clientId: string;
  name: string;
  scope: DataScope;
  permissions: ReadonlySet<Permission>;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
  problem: CredentialProblem | null;
}

export type Principal = UserPrincipal | ApiKeyPrincipal | AnonymousPrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous', problem: null };

/** What the gateway learns about a request before any handler runs. */
export interface RequestInfo {
  requestId: string;
  ip: string | null;
  principal: Principal;
}

const INFO = Symbol('dangjian.request');

export function setRequestInfo(req: Request, info: RequestInfo): void {
  (req as unknown as Record<symbol, RequestInfo>)[INFO] = info;
}

export function requestInfo(req: Request): RequestInfo {
  return (
    (req as unknown as Record<symbol, RequestInfo | undefined>)[INFO] ?? {
      requestId: 'unknown',
      ip: req.ip ?? null,
      principal: ANONYMOUS,
    }
  );
}

export function scopeOf(principal: Principal): DataScope {
  return principal.kind === 'anonymous' ? EMPTY_SCOPE : principal.scope;
}

/** The actor written into audit rows. */
export function actorOf(info: RequestInfo): Actor {
  const { principal } = info;
  const base = { ip: info.ip, requestId: info.requestId };
  if (principal.kind === 'user') return { username: principal.username, userId: principal.userId, ...base };
  if (principal.kind === 'apiKey') return { username: `api-key:${principal.name}`, userId: null, ...base };
  return { username: 'anonymous', userId: null, ...base };
}

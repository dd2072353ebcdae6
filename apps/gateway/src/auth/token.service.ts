import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@dangjian/config';
import { findUserById, normalizeScope, type DataScope, type Role, type UserRecord } from '@dangjian/domain';
import { errors, jwtVerify, SignJWT } from 'jose';
import { DatabaseService } from '../common/database.service.js';
import { GatewayError, isRedisUnavailable } from '../common/errors.js';
import { RedisService } from '../common/redis.service.js';
import { CONFIG, GATEWAY_OPTIONS } from '../common/tokens.js';
import type { GatewayOptions } from '../gateway-options.js';

const ISSUER = 'dangjian';
const AUDIENCE = 'dangjian-gateway';
const VERIFIED_TOKENS_KEPT = 10_000;

export interface AccessClaims {
  userId: string;
  username: string;
  role: Role;
  organizationId: string | null;
  scope: DataScope;
  tokenVersion: number;
}

export interface RefreshClaims {
  userId: string;
  tokenVersion: number;
  tokenId: string;
  expiresAt: Date;
}

export interface IssuedTokens {
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/**
 * Short-lived access tokens (HS256) carry who the user is and their data scope, so an ordinary
 * request needs no database read; the token version in Redis makes logout, a password change or
 * a role change revoke every earlier token at once. Refresh tokens are single-use.
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  /** Tokens whose signature was already checked, until they expire: a request costs no HMAC. */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @Inject(RedisService) private readonly redis: RedisService,
    @Inject(DatabaseService) private readonly database: DatabaseService,
  ) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
  }

  async issue(user: Pick<UserRecord, 'id' | 'username' | 'role' | 'organizationId' | 'tokenVersion'>, scope: DataScope): Promise<IssuedTokens> {
    const now = Math.floor(Date.now() / 1000);
    const accessExp = now + this.options.tokens.accessTokenSeconds;
    const refreshExp = now + this.options.tokens.refreshTokenSeconds;
    const normalized = normalizeScope(scope);
    const accessToken = await new SignJWT({
      typ: 'access',
      usr: user.username,
      role: user.role,
      org: user.organizationId,
      scp: normalized.all ? 'all' : normalized.organizationPaths,
      tv: user.tokenVersion,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(accessExp)
      .sign(this.key);
    const refreshToken = await new SignJWT({ typ: 'refresh', tv: user.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(refreshExp)
      .sign(this.key);
    await this.rememberTokenVersion(user.id, user.tokenVersion);
    return {
      accessToken,
      expiresAt: new Date(accessExp * 1000),
      refreshToken,
      refreshExpiresAt: new Date(refreshExp * 1000),
    };
  }

  /** Checks signature, expiry and revocation of an access token. */
  async verifyAccess(token: string): Promise<AccessClaims> {
    const claims = await this.accessClaims(token);
    const current = await this.currentTokenVersion(claims.userId);
    if (current === null || current !== claims.tokenVersion) {
      throw GatewayError.unauthenticated('登录已失效（已退出登录或权限已变更），请重新登录', 'TOKEN_REVOKED');
    }
    return claims;
  }

  private async accessClaims(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.claims;
    if (known) this.verified.delete(token);
    const payload = await this.verify(token, 'access');
    const scope = payload.scp;
    const claims: AccessClaims = {
      userId: String(payload.sub),
      username: String(payload.usr),
      role: payload.role as Role,
      organizationId: (payload.org as string | null) ?? null,
      scope:
        scope === 'all'
          ? { all: true }
          : { all: false, organizationPaths: Array.isArray(scope) ? scope.map(String) : [] },
      tokenVersion: Number(payload.tv),
    };
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { claims, expiresAt: Number(payload.exp) * 1000 });
    return claims;
  }

  /** Checks a refresh token and uses it up: a second use of the same token is refused. */
  async useRefreshToken(token: string): Promise<RefreshClaims> {
    const payload = await this.verify(token, 'refresh');
    const claims: RefreshClaims = {
      userId: String(payload.sub),
      tokenVersion: Number(payload.tv),
      tokenId: String(payload.jti),
      expiresAt: new Date(Number(payload.exp) * 1000),
    };
    const ttl = Math.max(1, Math.ceil((claims.expiresAt.getTime() - Date.now()) / 1000));
    const first = await this.redis.client.set(this.redis.key('auth', 'refresh-used', claims.tokenId), '1', 'EX', ttl, 'NX');
    if (first !== 'OK') throw GatewayError.unauthenticated('登录已失效，请重新登录', 'TOKEN_REVOKED');
    return claims;
  }

  private async verify(token: string, type: 'access' | 'refresh') {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (payload.typ !== type || typeof payload.sub !== 'string') throw new errors.JWTInvalid('wrong token type');
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw GatewayError.unauthenticated('登录已过期，请重新登录', 'TOKEN_EXPIRED');
      }
      throw GatewayError.unauthenticated('登录凭证无效，请重新登录', 'TOKEN_INVALID');
    }
  }

  /**
   * The user's current token version: Redis first (one round trip), MySQL when Redis has no entry
   * or is unreachable. Null when the account is gone or disabled.
   */
  async currentTokenVersion(userId: string): Promise<number | null> {
    const key = this.redis.key('auth', 'tv', userId);
    try {
      const cached = await this.redis.client.get(key);
      if (cached !== null) return cached === 'disabled' ? null : Number(cached);
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
    }
    const user = await findUserById(this.database.dataSource, userId);
    const value = !user || user.disabled ? null : user.tokenVersion;
    await this.cacheTokenVersion(userId, value);
    return value;
  }

  /** Called whenever the version changes (login, logout, password or permission change). */
  async rememberTokenVersion(userId: string, tokenVersion: number | null): Promise<void> {
    await this.cacheTokenVersion(userId, tokenVersion);
  }

  private async cacheTokenVersion(userId: string, value: number | null): Promise<void> {
    try {
      await this.redis.client.set(
        this.redis.key('auth', 'tv', userId),
        value === null ? 'disabled' : String(value),
        'EX',
        this.options.tokens.refreshTokenSeconds + 3600,
      );
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
    }
  }
}

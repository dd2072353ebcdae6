import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  API_KEY_PERMISSIONS,
  findApiClientByKey,
  FULL_SCOPE,
  hashApiKey,
  ROLE_PERMISSIONS,
  touchApiClient,
} from '@dangjian/domain';
import type { NextFunction, Request, Response } from 'express';
import { DatabaseService } from '../common/database.service.js';
import { MetricsService } from '../common/metrics.service.js';
import { GatewayError, httpErrorBody, isRedisUnavailable } from '../common/errors.js';
import { requestIdOf } from '../common/logging.js';
import { ANONYMOUS, setRequestInfo, type Principal } from '../common/principal.js';
import { RedisService } from '../common/redis.service.js';
import { CONFIG, GATEWAY_OPTIONS } from '../common/tokens.js';
import type { GatewayOptions } from '../gateway-options.js';
import type { Config } from '@dangjian/config';
import { TokenService } from './token.service.js';

interface CachedClient {
  id: string;
  name: string;
  revoked: boolean;
}

const API_KEY_CACHE_SECONDS = 300;

/**
 * Works out who is calling, once per request, before GraphQL or an export runs: a console user
 * (Authorization: Bearer <access token>) or another team's service (X-Api-Key: <key>). A bad
 * credential does not end the request here; it continues as anonymous with the reason, and the
 * access guard answers UNAUTHENTICATED with it for anything that needs a caller. API keys are
 * rate-limited here (429 RATE_LIMITED).
 */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(RedisService) private readonly redis: RedisService,
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /** Express middleware for /graphql and /export. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const requestId = requestIdOf(req, res);
      const ip = req.ip ?? null;
      this.principalOf(req)
        .then(async (principal) => {
          if (principal.kind === 'anonymous') await this.throttleAnonymous(ip ?? 'unknown');
          setRequestInfo(req, { requestId, ip, principal });
          next();
        })
        .catch((error: unknown) => {
          if (!(error instanceof GatewayError)) this.logger.error(`authentication failed: ${(error as Error).message}`);
          const { status, body } = httpErrorBody(error, {
            development: this.config.NODE_ENV === 'development',
            requestId,
          });
          const retryAfter = error instanceof GatewayError ? error.extensions.retryAfterSeconds : undefined;
          if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
          res.status(status).type('application/json').send(JSON.stringify(body));
        });
    };
  }

  async principalOf(req: Request): Promise<Principal> {
    const apiKey = req.get('x-api-key');
    if (apiKey) return this.apiKeyPrincipal(apiKey.trim());
    const authorization = req.get('authorization');
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) {
      return { kind: 'anonymous', problem: { reason: 'TOKEN_INVALID', message: '登录凭证格式无效，请重新登录' } };
    }
    try {
      const claims = await this.tokens.verifyAccess(match[1]);
      return {
        kind: 'user',
        userId: claims.userId,
        username: claims.username,
        role: claims.role,
        organizationId: claims.organizationId,
        scope: claims.scope,
        permissions: new Set(ROLE_PERMISSIONS[claims.role] ?? []),
      };
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'UNAUTHENTICATED') {
        const reason = error.extensions.reason as 'TOKEN_EXPIRED' | 'TOKEN_INVALID' | 'TOKEN_REVOKED';
        return { kind: 'anonymous', problem: { reason, message: error.message } };
      }
      throw error;
    }
  }

  private async apiKeyPrincipal(key: string): Promise<Principal> {
    const client = await this.lookUpKey(key);
    if (!client) return { kind: 'anonymous', problem: { reason: 'API_KEY_INVALID', message: 'API 密钥无效' } };
    if (client.revoked) return { kind: 'anonymous', problem: { reason: 'API_KEY_REVOKED', message: 'API 密钥已被吊销' } };
    const windowMs = 60_000;
    let hit;
    try {
      hit = await this.redis.hit(this.redis.key('rl', 'key', client.id), windowMs);
    } catch (error) {
      if (isRedisUnavailable(error)) throw GatewayError.redisUnavailable();
      throw error;
    }
    if (hit.count > this.options.throttle.apiKeyRequestsPerMinute) {
      this.metrics.rateLimited('api_key');
      throw GatewayError.rateLimited(
        Math.max(1, Math.ceil(hit.resetInMs / 1000)),
        `此 API 密钥的请求过于频繁（每分钟最多 ${this.options.throttle.apiKeyRequestsPerMinute} 次），请 ${Math.max(1, Math.ceil(hit.resetInMs / 1000))} 秒后再试`,
      );
    }
    this.noteUse(client.id);
    return { kind: 'apiKey', clientId: client.id, name: client.name, scope: FULL_SCOPE, permissions: new Set(API_KEY_PERMISSIONS) };
  }

  /** Callers without credentials (sign-in, public views) are limited per client address. */
  private async throttleAnonymous(ip: string): Promise<void> {
    let hit;
    try {
      hit = await this.redis.hit(this.redis.key('rl', 'anon', ip), 60_000);
    } catch (error) {
      if (isRedisUnavailable(error)) throw GatewayError.redisUnavailable();
      throw error;
    }
    if (hit.count > this.options.throttle.anonymousRequestsPerMinute) {
      this.metrics.rateLimited('anonymous');
      throw GatewayError.rateLimited(Math.max(1, Math.ceil(hit.resetInMs / 1000)));
    }
  }

  /** Redis remembers keys for a few minutes so a request costs no SQL; revocation clears the entry. */
  private async lookUpKey(key: string): Promise<CachedClient | null> {
    const cacheKey = this.redis.key('auth', 'key', hashApiKey(key));
    try {
      const cached = await this.redis.client.get(cacheKey);
      if (cached === 'none') return null;
      if (cached) return JSON.parse(cached) as CachedClient;
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
    }
    const found = await findApiClientByKey(this.database.dataSource, key);
    const client = found ? { id: found.id, name: found.name, revoked: found.revokedAt !== null } : null;
    try {
      await this.redis.client.set(cacheKey, client ? JSON.stringify(client) : 'none', 'EX', API_KEY_CACHE_SECONDS);
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
    }
    return client;
  }

  /** Forgets a key after it is revoked, so the next request sees the revocation. */
  async forgetKey(keyHash: string): Promise<void> {
    await this.redis.client.del(this.redis.key('auth', 'key', keyHash));
  }

  /** last_used_at is written at most once a minute per key, never on the request's path. */
  private noteUse(clientId: string): void {
    this.redis.client
      .set(this.redis.key('auth', 'key-used', clientId), '1', 'EX', 60, 'NX')
      .then(async (first) => {
        if (first === 'OK') await touchApiClient(this.database.dataSource, clientId);
      })
      .catch((error: unknown) => this.logger.warn(`could not record API key use: ${(error as Error).message}`));
  }
}

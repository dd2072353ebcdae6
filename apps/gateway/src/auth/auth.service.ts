import { Inject, Injectable } from '@nestjs/common';
import {
  checkPasswordRules,
  DomainError,
  findLoginRecord,
  findUserById,
  recordFailedLogin,
  recordSuccessfulLogin,
  resolveDataScope,
  revokeUserTokens,
  setUserPassword,
  todayIn,
  type Actor,
  type UserRecord,
} from '@dangjian/domain';
import type { Config } from '@dangjian/config';
import { DatabaseService } from '../common/database.service.js';
import { MetricsService } from '../common/metrics.service.js';
import { GatewayError, isRedisUnavailable } from '../common/errors.js';
import { RedisService } from '../common/redis.service.js';
import { CONFIG, GATEWAY_OPTIONS } from '../common/tokens.js';
import type { GatewayOptions } from '../gateway-options.js';
import { hashPassword, verifyAgainstNobody, verifyPassword } from './password-hasher.js';
import { TokenService, type IssuedTokens } from './token.service.js';

export interface SignedIn extends IssuedTokens {
  user: UserRecord;
}

function formatTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(instant);
}

/**
 * Signing in and out. Attempts are throttled per username and per client address in Redis; five
 * wrong passwords in a row lock the account for a while; every attempt, good or bad, is audited.
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(RedisService) private readonly redis: RedisService,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  async login(username: string, password: string, actor: Omit<Actor, 'username' | 'userId'>): Promise<SignedIn> {
    try {
      const signedIn = await this.attemptLogin(username, password, actor);
      this.metrics.login('ok');
      return signedIn;
    } catch (error) {
      const reason = error instanceof GatewayError ? error.extensions.reason : null;
      this.metrics.login(reason === 'ACCOUNT_LOCKED' ? 'locked' : reason === 'RATE_LIMITED' ? 'throttled' : 'failed');
      if (reason === 'RATE_LIMITED') this.metrics.rateLimited('login');
      throw error;
    }
  }

  private async attemptLogin(username: string, password: string, actor: Omit<Actor, 'username' | 'userId'>): Promise<SignedIn> {
    const name = username.trim();
    if (!name || !password) {
      throw DomainError.badInput([
        ...(!name ? [{ field: 'username', reason: 'REQUIRED', message: '请输入用户名' }] : []),
        ...(!password ? [{ field: 'password', reason: 'REQUIRED', message: '请输入密码' }] : []),
      ]);
    }
    await this.throttle(name, actor.ip ?? 'unknown');
    const dataSource = this.database.dataSource;
    const user = await findLoginRecord(dataSource, name);
    const who: Actor = { ...actor, username: name, userId: user?.id ?? null };
    const policy = { maxFailures: this.options.throttle.lockAfterFailures, lockMinutes: this.options.throttle.lockMinutes };
    const refused = () => GatewayError.unauthenticated('用户名或密码错误', 'BAD_CREDENTIALS');

    if (!user) {
      await verifyAgainstNobody(password);
      await recordFailedLogin(dataSource, who, null, 'UNKNOWN_USER', policy);
      throw refused();
    }
    if (user.disabled) {
      await recordFailedLogin(dataSource, who, null, 'ACCOUNT_DISABLED', policy);
      throw GatewayError.forbidden('账号已停用，请联系管理员', 'ACCOUNT_DISABLED');
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      await recordFailedLogin(dataSource, who, null, 'ACCOUNT_LOCKED', policy);
      throw this.locked(user.lockedUntil);
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const lockedUntil = await recordFailedLogin(dataSource, who, user, 'BAD_PASSWORD', policy);
      if (lockedUntil) throw this.locked(lockedUntil);
      const left = policy.maxFailures - (user.failedLoginCount + 1);
      throw GatewayError.unauthenticated(
        left <= 2 ? `用户名或密码错误，再错 ${left} 次账号将被锁定 ${policy.lockMinutes} 分钟` : '用户名或密码错误',
        'BAD_CREDENTIALS',
      );
    }
    await recordSuccessfulLogin(dataSource, who, user.id);
    await this.forgiveAttempt(name, actor.ip ?? 'unknown');
    return this.signIn(user);
  }

  private locked(until: Date): GatewayError {
    return new GatewayError(
      'FORBIDDEN',
      `密码错误次数过多，账号已锁定，请于 ${formatTime(until, this.config.TZ)} 后再试`,
      { reason: 'ACCOUNT_LOCKED', lockedUntil: until.toISOString() },
    );
  }

  private async throttle(username: string, ip: string): Promise<void> {
    const { loginWindowSeconds, loginAttemptsPerUser, loginAttemptsPerAddress } = this.options.throttle;
    const windowMs = loginWindowSeconds * 1000;
    try {
      const [byUser, byAddress] = await Promise.all([
        this.redis.hit(this.redis.key('rl', 'login', 'user', username.toLowerCase()), windowMs),
        this.redis.hit(this.redis.key('rl', 'login', 'ip', ip), windowMs),
      ]);
      const over = [
        byUser.count > loginAttemptsPerUser ? byUser.resetInMs : 0,
        byAddress.count > loginAttemptsPerAddress ? byAddress.resetInMs : 0,
      ];
      const wait = Math.max(...over);
      if (wait > 0) {
        const minutes = Math.max(1, Math.ceil(wait / 60_000));
        throw GatewayError.rateLimited(Math.ceil(wait / 1000), `登录尝试过于频繁，请 ${minutes} 分钟后再试`);
      }
    } catch (error) {
      // Without Redis there is no throttle; refusing sign-in is safer than signing in unthrottled.
      if (isRedisUnavailable(error)) throw GatewayError.redisUnavailable();
      throw error;
    }
  }

  /**
   * A successful sign-in gives back the attempt it used, so only failures add up: several people
   * signing in to one office account, or from one office address, are not throttled for it.
   */
  private async forgiveAttempt(username: string, ip: string): Promise<void> {
    await Promise.all([
      this.redis.unhit(this.redis.key('rl', 'login', 'user', username.toLowerCase())),
      this.redis.unhit(this.redis.key('rl', 'login', 'ip', ip)),
    ]);
  }

  /** Tokens for a user, with their data scope worked out now (it travels in the access token). */
  async signIn(user: UserRecord): Promise<SignedIn> {
    const scope = await resolveDataScope(this.database.dataSource, user, todayIn(this.config.TZ));
    const issued = await this.tokens.issue(user, scope);
    return { ...issued, user };
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    const claims = await this.tokens.useRefreshToken(refreshToken);
    const user = await findUserById(this.database.dataSource, claims.userId);
    if (!user || user.disabled || user.tokenVersion !== claims.tokenVersion) {
      throw GatewayError.unauthenticated('登录已失效，请重新登录', 'TOKEN_REVOKED');
    }
    return this.signIn(user);
  }

  /** Signs the user out everywhere: every access and refresh token issued before stops working. */
  async logout(actor: Actor & { userId: string }): Promise<void> {
    const version = await revokeUserTokens(this.database.dataSource, actor, actor.userId);
    await this.tokens.rememberTokenVersion(actor.userId, version);
  }

  async changePassword(actor: Actor & { userId: string }, currentPassword: string, newPassword: string): Promise<SignedIn> {
    const dataSource = this.database.dataSource;
    const user = await findUserById(dataSource, actor.userId);
    const login = user ? await findLoginRecord(dataSource, user.username) : null;
    if (!user || !login) throw GatewayError.unauthenticated();
    if (!(await verifyPassword(login.passwordHash, currentPassword))) {
      throw DomainError.badInput([{ field: 'currentPassword', reason: 'BAD_PASSWORD', message: '当前密码不正确' }]);
    }
    const problems = checkPasswordRules(newPassword, user.username, 'newPassword');
    if (newPassword === currentPassword) {
      problems.push({ field: 'newPassword', reason: 'PASSWORD_UNCHANGED', message: '新密码不能与当前密码相同' });
    }
    if (problems.length) throw DomainError.badInput(problems);
    await setUserPassword(dataSource, actor, user.id, await hashPassword(newPassword));
    const updated = await findUserById(dataSource, user.id);
    if (!updated) throw GatewayError.unauthenticated();
    return this.signIn(updated);
  }
}

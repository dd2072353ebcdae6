import { Inject, Injectable } from '@nestjs/common';
import { GatewayError, isRedisUnavailable } from '../../common/errors.js';
import type { RequestInfo } from '../../common/principal.js';
import { RedisService } from '../../common/redis.service.js';
import { GATEWAY_OPTIONS } from '../../common/tokens.js';
import type { GatewayOptions } from '../../gateway-options.js';

const WINDOW_MS = 60_000;

/**
 * The rate limit of what anyone may call without signing in (the public 公示 view): per client
 * address, the same number per minute as an API key gets, counted in Redis like every other limit.
 * Signed-in callers are not counted here; API keys are already limited when they are recognised.
 */
@Injectable()
export class PublicThrottle {
  constructor(
    @Inject(RedisService) private readonly redis: RedisService,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  async check(info: RequestInfo, setHeader: (name: string, value: string) => void): Promise<void> {
    if (info.principal.kind !== 'anonymous') return;
    const limit = this.options.throttle.apiKeyRequestsPerMinute;
    let hit;
    try {
      hit = await this.redis.hit(this.redis.key('rl', 'public', info.ip ?? 'unknown'), WINDOW_MS);
    } catch (error) {
      if (isRedisUnavailable(error)) throw GatewayError.redisUnavailable();
      throw error;
    }
    if (hit.count > limit) {
      const seconds = Math.max(1, Math.ceil(hit.resetInMs / 1000));
      setHeader('Retry-After', String(seconds));
      throw GatewayError.rateLimited(seconds, `公示查询过于频繁（每分钟最多 ${limit} 次），请 ${seconds} 秒后再试`);
    }
  }
}

import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { redactUrl, type Config } from '@dangjian/config';
import { Redis } from 'ioredis';
import { withTimeout, type HealthCheck } from './database.service.js';
import { CONFIG } from './tokens.js';

// INCR and set the window's expiry atomically: a counter can never outlive its window.
const FIXED_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

/** Decrements a window's count if it is above zero; leaves its expiry alone. */
const UNHIT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

export interface WindowCount {
  count: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
}

/**
 * Redis for rate limits, the sign-in throttle and token revocation. Every key lives under
 * `${QUEUE_PREFIX}:`. Commands fail fast while Redis is away (no offline queue), so a request
 * gets a clean error instead of hanging, and the client reconnects by itself.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis;
  readonly prefix: string;
  private lastError: string | null = 'not connected yet';

  constructor(@Inject(CONFIG) config: Config) {
    this.prefix = config.QUEUE_PREFIX;
    this.client = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
      retryStrategy: (times) => Math.min(200 * times, 2000),
    });
    let logged: string | null = null;
    this.client.on('ready', () => {
      this.lastError = null;
      logged = null;
    });
    this.client.on('error', (error: Error) => {
      this.lastError = `无法连接 Redis：REDIS_URL (${redactUrl(config.REDIS_URL)}) — ${error.message}`;
      if (logged !== this.lastError) {
        this.logger.warn(this.lastError);
        logged = this.lastError;
      }
    });
  }

  /** Starts connecting (ioredis then reconnects by itself whenever the connection drops). */
  start(): void {
    this.client.connect().catch(() => {
      // Reported through the 'error' event and /readyz; the retry strategy keeps trying.
    });
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** Counts one event in a fixed window under `key`. */
  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await this.client.eval(FIXED_WINDOW, 1, key, String(windowMs))) as [number, number];
    return { count: Number(count), resetInMs: Number(ttl) };
  }

  /** Takes one hit back (a window's count never goes below zero). */
  async unhit(key: string): Promise<void> {
    await this.client.eval(UNHIT, 1, key);
  }

  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.client.status !== 'ready') {
      if (Date.now() > deadline) throw new Error(`redis not ready: ${this.lastError ?? this.client.status}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async check(): Promise<HealthCheck> {
    if (this.client.status !== 'ready') return { ok: false, error: this.lastError ?? `Redis ${this.client.status}` };
    try {
      await withTimeout(this.client.ping(), 2000, 'Redis ping timed out');
      return { ok: true, error: null };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}

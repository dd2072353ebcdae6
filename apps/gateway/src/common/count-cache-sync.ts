import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { FIGURES_CHANNEL, type FiguresMessage } from '@dangjian/domain';
import { changesFigures, TtlCountCache } from './count-cache.js';
import { RedisService } from './redis.service.js';

/**
 * Keeps the remembered figures of every gateway in step: after a mutation, this gateway forgets
 * what it may have changed and publishes the mutation's root fields on a Redis channel; the
 * others forget the same. When a sync has changed organisations, members or transfers, the worker
 * says so on the same channel and every gateway forgets all it remembers. Without it, a person whose next request reached another replica would
 * see a total that ignores their own change for as long as that replica keeps it. A message lost
 * while Redis is away only leaves a figure to run out by its own lifetime.
 */
@Injectable()
export class CountCacheSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CountCache');
  /** This process's mark on its own messages, which it has already acted on. */
  private readonly origin = randomUUID();
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    @Inject(RedisService) private readonly redis: RedisService,
    @Inject(TtlCountCache) private readonly counts: TtlCountCache,
  ) {
    this.channel = redis.key(FIGURES_CHANNEL);
  }

  onApplicationBootstrap(): void {
    // A connection of its own: one that subscribes can send nothing else. It queues the
    // subscription until connected and subscribes again after every reconnection.
    const subscriber = this.redis.client.duplicate({
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    subscriber.on('error', () => {
      // The main connection reports Redis being away (logs and /readyz).
    });
    subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    subscriber
      .subscribe(this.channel)
      .catch((error: Error) => this.logger.warn(`could not subscribe: ${error.message}`));
    this.subscriber = subscriber;
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
    this.subscriber = null;
  }

  /** After a mutation with these root fields (null: not plain fields), here and on every other gateway. */
  forgetAfter(fields: readonly string[] | null): void {
    this.counts.forgetAfter(fields);
    if (!changesFigures(fields)) return;
    this.redis.client
      .publish(
        this.channel,
        JSON.stringify({
          origin: this.origin,
          fields: fields === null ? null : [...fields],
        } satisfies FiguresMessage),
      )
      .catch(() => {
        // Redis away: the other gateways' figures run out by their lifetime.
      });
  }

  private receive(message: string): void {
    let parsed: Partial<FiguresMessage>;
    try {
      parsed = JSON.parse(message) as Partial<FiguresMessage>;
    } catch {
      return;
    }
    if (parsed.origin === this.origin) return;
    if (parsed.synced !== undefined) {
      this.counts.forgetEverything();
      return;
    }
    const fields =
      Array.isArray(parsed.fields) && parsed.fields.every((f) => typeof f === 'string')
        ? parsed.fields
        : null;
    this.counts.forgetAfter(fields);
  }
}

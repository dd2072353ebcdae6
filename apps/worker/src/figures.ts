import { FIGURES_CHANNEL, type FiguresMessage, type SyncCollection } from '@dangjian/domain';
import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * Tells every gateway that a sync run changed a collection, so that the figures they remember
 * (totals, the overview, the to-dos, the tree's member counts) are worked out again now rather
 * than when they run out. A message lost while Redis is away only leaves them to run out.
 */
export class FiguresAnnouncer {
  private client: Redis | null = null;

  constructor(
    private readonly redisUrl: string,
    private readonly queuePrefix: string,
    private readonly log: Logger,
  ) {}

  async syncChanged(collection: SyncCollection): Promise<void> {
    const message: FiguresMessage = { origin: 'worker', synced: collection };
    try {
      this.client ??= new Redis(this.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 3_000 });
      await this.client.publish(`${this.queuePrefix}:${FIGURES_CHANNEL}`, JSON.stringify(message));
    } catch (error) {
      this.log.warn('could not tell the gateways what the sync changed', { error: (error as Error).message });
    }
  }

  close(): void {
    this.client?.disconnect();
    this.client = null;
  }
}

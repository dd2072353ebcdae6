import { FIGURES_CHANNEL } from '@dangjian/domain';
import { testQueuePrefix } from '@dangjian/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, waitFor } from '../../test/support/harness.js';
import { CountCacheSync } from './count-cache-sync.js';
import { TtlCountCache } from './count-cache.js';
import { RedisService } from './redis.service.js';

/** Two gateways' caches on one real Redis: a mutation on one forgets what it may change on both. */
describe('CountCacheSync', () => {
  const config = testConfig({ QUEUE_PREFIX: testQueuePrefix('count-cache-sync') });
  const MEMBERS_TOTAL = 'SELECT COUNT(*) FROM `member` m WHERE m.deleted_at IS NULL|[]';
  const gateways = [0, 1].map(() => {
    const redis = new RedisService(config);
    const counts = new TtlCountCache();
    return { redis, counts, sync: new CountCacheSync(redis, counts) };
  });

  beforeAll(async () => {
    for (const g of gateways) {
      g.redis.start();
      g.sync.onApplicationBootstrap();
    }
    await waitFor(async () => gateways.every((g) => g.redis.client.status === 'ready'), 10_000, 'Redis');
    // Until both subscriptions are in place a message could pass one by.
    await waitFor(
      async () => {
        const [, subscribers] = (await gateways[0]!.redis.client.call(
          'PUBSUB',
          'NUMSUB',
          gateways[0]!.redis.key(FIGURES_CHANNEL),
        )) as [string, number];
        return Number(subscribers) === 2;
      },
      10_000,
      'both subscriptions',
    );
  });

  afterAll(async () => {
    for (const g of gateways) {
      await g.sync.onApplicationShutdown();
      await g.redis.onApplicationShutdown();
    }
  });

  const offerEverywhere = () => {
    for (const g of gateways) g.counts.offer(MEMBERS_TOTAL, 100_000);
  };

  it('forgets the member totals on the other gateway after a transfer action on this one', async () => {
    offerEverywhere();
    gateways[0]!.sync.forgetAfter(['actOnTransfer']);
    expect(gateways[0]!.counts.get(MEMBERS_TOTAL)).toBeUndefined();
    await waitFor(
      async () => gateways[1]!.counts.get(MEMBERS_TOTAL) === undefined,
      5_000,
      'the other gateway to forget',
    );
  });

  it('keeps them on both over a meeting recorded, and over a sign-in tells nobody at all', async () => {
    offerEverywhere();
    const listener = gateways[0]!.redis.client.duplicate({ lazyConnect: false, enableOfflineQueue: true });
    const heard: string[] = [];
    listener.on('message', (_channel: string, message: string) => heard.push(message));
    await listener.subscribe(gateways[0]!.redis.key(FIGURES_CHANNEL));
    try {
      gateways[1]!.sync.forgetAfter(['login']);
      gateways[1]!.sync.forgetAfter(['createMeeting']);
      await waitFor(async () => heard.length > 0, 5_000, 'the message');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard.map((message) => (JSON.parse(message) as { fields: string[] }).fields)).toEqual([
        ['createMeeting'],
      ]);
      expect(gateways.map((g) => g.counts.get(MEMBERS_TOTAL))).toEqual([100_000, 100_000]);
    } finally {
      listener.disconnect();
    }
  });

  it("forgets every figure, the tree's member counts too, when the worker says a sync changed records", async () => {
    offerEverywhere();
    for (const g of gateways) void g.counts.remember('memberCounts|all', async () => 'counts', 300_000);
    await gateways[0]!.redis.client.publish(
      gateways[0]!.redis.key(FIGURES_CHANNEL),
      JSON.stringify({ origin: 'worker', synced: 'MEMBERS' }),
    );
    await waitFor(
      async () => gateways.every((g) => g.counts.get(MEMBERS_TOTAL) === undefined),
      5_000,
      'both to forget',
    );
    for (const g of gateways)
      expect(await g.counts.remember('memberCounts|all', async () => 'again', 300_000)).toBe('again');
  });

  it('forgets everything on the other gateway for a message whose fields it cannot read, and ignores one not JSON', async () => {
    offerEverywhere();
    const channel = gateways[0]!.redis.key(FIGURES_CHANNEL);
    await gateways[0]!.redis.client.publish(channel, 'not json');
    await gateways[0]!.redis.client.publish(channel, JSON.stringify({ origin: 'elsewhere', fields: [1, 2] }));
    await waitFor(
      async () => gateways.every((g) => g.counts.get(MEMBERS_TOTAL) === undefined),
      5_000,
      'both to forget',
    );
  });
});

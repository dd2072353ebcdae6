import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs, Semaphore } from './timing.js';

describe('backoffDelay', () => {
  it('draws between zero and a cap that doubles each attempt up to the maximum', () => {
    expect(backoffDelay(0, 200, 10_000, () => 0.999)).toBe(199);
    expect(backoffDelay(3, 200, 10_000, () => 0.5)).toBe(800);
    expect(backoffDelay(20, 200, 10_000, () => 0.999)).toBe(9_990);
    expect(backoffDelay(4, 200, 10_000, () => 0)).toBe(0);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2_000);
    expect(retryAfterMs('0.5')).toBe(500);
    const now = Date.parse('2026-11-26T08:00:00Z');
    expect(retryAfterMs('Thu, 26 Nov 2026 08:00:03 GMT', now)).toBe(3_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});

describe('Semaphore', () => {
  it('lets at most `limit` holders in and serves waiters in order', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    const first = await semaphore.acquire();
    const second = await semaphore.acquire();
    const third = semaphore.acquire().then((release) => {
      order.push(3);
      return release;
    });
    const fourth = semaphore.acquire().then((release) => {
      order.push(4);
      return release;
    });
    await Promise.resolve();
    expect(semaphore.inUse).toBe(2);
    expect(order).toEqual([]);
    first();
    first(); // a second release of the same hold changes nothing
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect(semaphore.inUse).toBe(0);
  });

  it('drops a waiter whose signal aborts', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    held();
    const again = await semaphore.acquire();
    expect(semaphore.inUse).toBe(1);
    again();
  });
});

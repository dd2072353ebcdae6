import { describe, expect, it } from 'vitest';
import { call, startTestSimulator, TOKEN } from './test-support.js';

/** Reads one feed page cheaply (no JSON parse of the items): 150 pages of a thousand members. */
async function rawPage(url: string): Promise<{ count: number; nextCursor: string; hasMore: boolean }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body = Buffer.from(await response.arrayBuffer());
  let count = 0;
  for (let at = body.indexOf('"deleted":'); at >= 0; at = body.indexOf('"deleted":', at + 10)) count++;
  const tail = body.subarray(body.lastIndexOf('"nextCursor"')).toString('utf8');
  const { nextCursor, hasMore } = JSON.parse(`{${tail}`) as { nextCursor: string; hasMore: boolean };
  return { count, nextCursor, hasMore };
}

describe('a generated population of a million members', () => {
  it('starts small and serves its members page after page from on-demand records', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const sim = await startTestSimulator({ population: { members: 1_000_000, transfers: 100_000, seed: 7 } });
    try {
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);

      // Whole pages are checked where they start each run; the rest are counted.
      const first = await call(sim, '/v1/changes/members?limit=1000');
      const items = first.json.items as Array<{ id: string; version: number }>;
      expect(items).toHaveLength(1000);
      expect(new Set(items.map((item) => item.id)).size).toBe(1000);
      expect(items.at(-1)).toMatchObject({ id: 'M00001000', version: 1 });
      let cursor = first.json.nextCursor as string;

      // How fast it serves them is measured by the sync benchmark (bench/sync.bench.mjs), not here.
      let served = 1000;
      for (let page = 0; page < 150; page++) {
        const answer = await rawPage(`${sim.url}/v1/changes/members?limit=1000&cursor=${cursor}`);
        expect(answer.hasMore).toBe(true);
        served += answer.count;
        cursor = answer.nextCursor;
      }
      expect(served).toBe(151_000);
      const next = await call(sim, `/v1/changes/members?limit=1&cursor=${cursor}`);
      expect(next.json.items).toEqual([expect.objectContaining({ id: 'M00151001' })]);
      expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);

      // A snapshot and the transfers feed come from the same on-demand records.
      const snapshot = await call(sim, '/v1/snapshot/members?limit=2');
      expect((snapshot.json.items as Array<{ id: string }>).map((m) => m.id)).toEqual(['M00000001', 'M00000002']);
      const transfers = await call(sim, '/v1/changes/transfers?limit=1000');
      expect(transfers.json.items).toHaveLength(1000);
    } finally {
      await sim.close();
    }
  }, 120_000);
});

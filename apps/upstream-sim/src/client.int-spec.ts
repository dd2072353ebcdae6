import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { demoSubdistrict } from '@dangjian/domain/demo';
import { type RetryInfo, UpstreamClient, UpstreamError } from '@dangjian/upstream-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './server.js';
import { clientFor, startTestSimulator, TOKEN } from './test-support.js';

const demo = demoSubdistrict();
const busy = new Set(demo.transfers.map((t) => t.memberId));
const member = demo.members.find((m) => m.organizationId.length === 14 && !busy.has(m.id))!;

let sim: Simulator;
beforeEach(async () => {
  sim = await startTestSimulator({ seed: 5 });
});
afterEach(() => sim.close());

describe('the upstream client against the simulator', () => {
  it('stops at once on a wrong token', async () => {
    const client = new UpstreamClient({ baseUrl: sim.url, token: 'wrong', retryBaseMs: 1 });
    const error = await client.changes('members').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', retryable: false, message: '访问令牌无效' });
    expect(client.stats).toMatchObject({ requests: 1, retries: 0 });
  });

  it('sends the same idempotency key on every retry of a push', async () => {
    sim.setFaults({ errorRate: 0.7 });
    const retries: RetryInfo[] = [];
    const client = clientFor(sim, { maxRetries: 20, onRetry: (info) => retries.push(info) });
    const key = randomUUID();
    const transfer = await client.createTransfer({ memberId: member.id, kind: 'WITHIN_SYSTEM', toOrganizationName: '某社区党委', reason: '迁居' }, key);
    const pushes = sim.pushes();
    expect(pushes.length).toBe(retries.length + 1);
    expect(pushes.length).toBeGreaterThan(1);
    expect(pushes.every((p) => p.idempotencyKey === key)).toBe(true);
    expect(pushes.filter((p) => p.firstTime)).toHaveLength(1);
    expect(sim.currentRecords('transfers').filter((t) => t.memberId === member.id && t.id === transfer.id)).toHaveLength(1);
    expect(retries.map((r) => r.attempt)).toEqual(retries.map((_, i) => i + 1));
  });

  it('gives up on a server that does not answer, as NETWORK', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const client = new UpstreamClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN, maxRetries: 2, retryBaseMs: 1 });
    await expect(client.getTransfer('T00000001')).rejects.toMatchObject({ code: 'NETWORK', retryable: true, status: 0 });
    expect(client.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it('stops waiting when the caller aborts', async () => {
    sim.setFaults({ latencyMs: 2_000 });
    const client = clientFor(sim);
    const controller = new AbortController();
    const pending = client.changes('organizations', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('sync cancelled')), 20);
    const started = Date.now();
    await expect(pending).rejects.toThrow('sync cancelled');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(client.stats.retries).toBe(0);
  });

  it('reads a transfer after a conflict to see what happened', async () => {
    const client = clientFor(sim);
    const transfer = demo.transfers.find((t) => t.status === 'IN_TRANSIT' && t.toOrganizationId && demo.organizations.some((o) => o.id === t.toOrganizationId))!;
    const error = (await client.actOnTransfer(transfer.id, { action: 'APPROVE' }, randomUUID()).catch((e: unknown) => e)) as UpstreamError;
    expect(error.code).toBe('INVALID_TRANSITION');
    const fresh = await client.getTransfer(transfer.id);
    expect(fresh.status).toBe(error.details.currentStatus);
    expect(fresh).toMatchObject({ id: transfer.id, version: 1, deleted: false });
  });
});

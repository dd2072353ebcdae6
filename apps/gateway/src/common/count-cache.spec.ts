import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPrivateAddress } from '../health/health.controller.js';
import { parse, type OperationDefinitionNode } from 'graphql';
import { CHECKLIST_TODOS_PREFIX, mutationFields, TtlCountCache } from './count-cache.js';

describe('TtlCountCache', () => {
  it('keeps only large totals, and forgets them all on clear', () => {
    const cache = new TtlCountCache();
    cache.offer('small', 4_999);
    cache.offer('large', 1_000_000);
    expect(cache.get('small')).toBeUndefined();
    expect(cache.get('large')).toBe(1_000_000);
    cache.clear();
    expect(cache.get('large')).toBeUndefined();
  });

  describe('when a total runs out', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('lets one request recount while the others keep the last total for a moment', () => {
      vi.useFakeTimers({ now: new Date('2026-11-26T08:00:00Z') });
      const cache = new TtlCountCache();
      cache.offer('members', 100_000);
      vi.advanceTimersByTime(3_001);
      // The first request after expiry recounts; those arriving meanwhile are not sent to the database too.
      expect(cache.get('members')).toBeUndefined();
      expect(cache.get('members')).toBe(100_000);
      expect(cache.get('members')).toBe(100_000);
      cache.offer('members', 100_001);
      expect(cache.get('members')).toBe(100_001);
    });

    it('never answers with a total older than the grace beyond its lifetime', () => {
      vi.useFakeTimers({ now: new Date('2026-11-26T08:00:00Z') });
      const cache = new TtlCountCache();
      cache.offer('members', 100_000);
      vi.advanceTimersByTime(3_500);
      expect(cache.get('members')).toBeUndefined();
      // The recount never came back (the request failed): after the grace, others count for themselves.
      vi.advanceTimersByTime(1_000);
      expect(cache.get('members')).toBeUndefined();
      expect(cache.get('members')).toBeUndefined();
    });

    it('keeps the member counts of organisations over a mutation and for half a minute: only the sync changes them', async () => {
      vi.useFakeTimers({ now: new Date('2026-11-26T08:00:00Z') });
      const cache = new TtlCountCache();
      let computed = 0;
      const compute = async () => ++computed;
      expect(await cache.remember('memberCounts|all', compute, 30_000)).toBe(1);
      cache.offer('members|all', 100_000);
      cache.clear();
      vi.advanceTimersByTime(20_000);
      expect(await cache.remember('memberCounts|all', compute, 30_000)).toBe(1);
      expect(cache.get('members|all')).toBeUndefined();
      // Past its half minute and the grace after it: worked out again.
      vi.advanceTimersByTime(45_000);
      expect(await cache.remember('memberCounts|all', compute, 30_000)).toBe(2);
    });

    it('drops totals long run out that nobody asks for again, so that it does not grow to its limit', () => {
      vi.useFakeTimers({ now: new Date('2026-11-26T08:00:00Z') });
      const cache = new TtlCountCache();
      cache.offer('asked once', 100_000);
      vi.advanceTimersByTime(60_000);
      for (let i = 0; i < 500; i++) cache.offer(`filter ${i}`, 100_000);
      const entries = (cache as unknown as { entries: Map<string, unknown> }).entries;
      expect(entries.has('asked once')).toBe(false);
      expect(entries.size).toBe(500);
    });

    it('forgets a total that has become small', () => {
      const cache = new TtlCountCache();
      cache.offer('members', 100_000);
      cache.offer('members', 12);
      expect(cache.get('members')).toBeUndefined();
    });
  });

  describe('remember', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('works a result out once for concurrent callers and keeps it', async () => {
      const cache = new TtlCountCache();
      let computed = 0;
      let release: (value: { memberCount: number }) => void = () => undefined;
      const compute = () => {
        computed++;
        return new Promise<{ memberCount: number }>((resolve) => {
          release = resolve;
        });
      };
      const first = cache.remember('overview|all', compute);
      const second = cache.remember('overview|all', compute);
      release({ memberCount: 7 });
      expect(await first).toEqual({ memberCount: 7 });
      expect(await second).toEqual({ memberCount: 7 });
      expect(await cache.remember('overview|all', compute)).toEqual({ memberCount: 7 });
      expect(computed).toBe(1);
    });

    it('answers with the last result while the next one is worked out, never with one older than the grace', async () => {
      vi.useFakeTimers({ now: new Date('2026-11-26T08:00:00Z') });
      const cache = new TtlCountCache();
      let next = 1;
      let release: () => void = () => undefined;
      const compute = () => {
        const value = next++;
        return new Promise<number>((resolve) => {
          release = () => resolve(value);
        });
      };
      const first = cache.remember('overview|all', compute);
      release();
      expect(await first).toBe(1);

      vi.advanceTimersByTime(3_500);
      // Run out: this caller is answered at once with the last figures, and a recount starts behind it.
      expect(await cache.remember('overview|all', compute)).toBe(1);
      expect(await cache.remember('overview|all', compute)).toBe(1);
      release();
      await vi.waitFor(async () => expect(await cache.remember('overview|all', compute)).toBe(2));
      expect(next).toBe(3);

      // Long unused: the caller waits for figures worked out now rather than get old ones.
      vi.advanceTimersByTime(60_000);
      const late = cache.remember('overview|all', compute);
      release();
      expect(await late).toBe(3);
    });

    it('does not keep a result worked out before a mutation cleared the cache', async () => {
      const cache = new TtlCountCache();
      let release: (value: number) => void = () => undefined;
      const before = cache.remember('overview|all', () => new Promise<number>((resolve) => (release = resolve)));
      cache.clear();
      release(1);
      expect(await before).toBe(1);
      expect(await cache.remember('overview|all', async () => 2)).toBe(2);
    });

    it('does not keep a failure', async () => {
      const cache = new TtlCountCache();
      await expect(cache.remember('overview|all', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
      expect(await cache.remember('overview|all', async () => 3)).toBe(3);
    });
  });
});

describe('isPrivateAddress', () => {
  it('accepts loopback and private ranges only', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:10.1.2.3', '192.168.0.9', '172.20.0.1', 'fd12:3456::1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '::ffff:1.2.3.4', '2001:db8::1']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

describe('forgetAfter', () => {
  const fields = (text: string) => mutationFields(parse(text).definitions[0] as OperationDefinitionNode);
  const MEMBERS_TOTAL = 'SELECT COUNT(*) FROM `member` m JOIN organization m_scope ON m_scope.id = m.organization_id WHERE …|[]';
  const filled = () => {
    const cache = new TtlCountCache();
    cache.offer('SELECT COUNT(*) FROM `meeting` x WHERE …|[]', 100_000);
    cache.offer(MEMBERS_TOTAL, 100_000);
    void cache.remember('memberCounts|all', async () => 'counts', 30_000);
    void cache.remember('overview|all|', async () => 'overview');
    void cache.remember('todos|all|2026-11-26', async () => 'todos');
    void cache.remember(`${CHECKLIST_TODOS_PREFIX}all|2026-11-26`, async () => 'checklist');
    return cache;
  };
  const kept = async (cache: TtlCountCache) => ({
    totals: cache.get('SELECT COUNT(*) FROM `meeting` x WHERE …|[]') !== undefined,
    memberTotals: cache.get(MEMBERS_TOTAL) !== undefined,
    memberCounts: (await cache.remember('memberCounts|all', async () => 'again', 30_000)) === 'counts',
    overview: (await cache.remember('overview|all|', async () => 'again')) === 'overview',
    todos: (await cache.remember('todos|all|2026-11-26', async () => 'again')) === 'todos',
    checklistTodos: (await cache.remember(`${CHECKLIST_TODOS_PREFIX}all|2026-11-26`, async () => 'again')) === 'checklist',
  });
  const all = { totals: true, memberTotals: true, memberCounts: true, overview: true, todos: true, checklistTodos: true };

  it('keeps everything over signing in, renewing a session and signing out', async () => {
    const cache = filled();
    await Promise.resolve();
    cache.forgetAfter(fields('mutation { login(username: "a", password: "b") { accessToken } }'));
    cache.forgetAfter(fields('mutation { refreshToken(refreshToken: "r") { accessToken } logout }'));
    expect(await kept(cache)).toEqual(all);
  });

  it('keeps the overview, the to-dos and the member totals over a meeting recorded; other list totals go', async () => {
    const cache = filled();
    await Promise.resolve();
    cache.forgetAfter(fields('mutation { createMeeting(input: {}) { id } }'));
    expect(await kept(cache)).toEqual({ ...all, totals: false });
  });

  it('forgets only the checklist to-dos over a checklist item, keeping the overview and the member totals', async () => {
    const cache = filled();
    await Promise.resolve();
    cache.forgetAfter(fields('mutation { createChecklistItem(input: {}) { id } }'));
    expect(await kept(cache)).toEqual({ ...all, totals: false, checklistTodos: false });
    const again = filled();
    await Promise.resolve();
    again.forgetAfter(fields('mutation { createMeeting(input: {}) { id } changeChecklistStatus(id: 1, input: {}) { id } }'));
    expect(await kept(again)).toEqual({ ...all, totals: false, checklistTodos: false });
  });

  it('forgets all but the member counts over a transfer action, a mutation it does not know, or a fragment', async () => {
    for (const text of [
      'mutation { actOnTransfer(id: 1, input: {}) { id } }',
      'mutation { somethingNew { id } }',
      'mutation { login(username: "a", password: "b") { accessToken } createMeeting(input: {}) { id } createChecklistItem(input: {}) { id } createTransferOut(input: {}) { id } }',
      'mutation { ... on Mutation { logout } }',
    ]) {
      const cache = filled();
      await Promise.resolve();
      cache.forgetAfter(fields(text));
      expect(await kept(cache), text).toEqual({
        totals: false,
        memberTotals: false,
        memberCounts: true,
        overview: false,
        todos: false,
        checklistTodos: false,
      });
    }
  });

  it("keeps a daily-work list's total whatever its size, and forgets it only after a mutation of its own table", () => {
    const meetings = 'dailyTotal|meeting|SELECT … FROM `meeting` `meeting` …|{}';
    const checklist = 'dailyTotal|checklist_item|SELECT … FROM `checklist_item` `checklist` …|{}';
    const cache = new TtlCountCache();
    const offerBoth = () => {
      cache.offer(meetings, 12);
      cache.offer(checklist, 7);
    };
    offerBoth();
    expect([cache.get(meetings), cache.get(checklist)]).toEqual([12, 7]);
    cache.forgetAfter(fields('mutation { createChecklistItem(input: {}) { id } }'));
    expect([cache.get(meetings), cache.get(checklist)]).toEqual([12, undefined]);
    offerBoth();
    cache.forgetAfter(fields('mutation { changeChecklistStatus(id: 1, input: {}) { id } createMeeting(input: {}) { id } }'));
    expect([cache.get(meetings), cache.get(checklist)]).toEqual([undefined, undefined]);
    offerBoth();
    cache.forgetAfter(fields('mutation { login(username: "a", password: "b") { accessToken } }'));
    expect([cache.get(meetings), cache.get(checklist)]).toEqual([12, 7]);
    // A mutation whose tables are not known one by one (a building may take its units along).
    cache.forgetAfter(fields('mutation { deleteBuilding(id: 1) { id } }'));
    expect([cache.get(meetings), cache.get(checklist)]).toEqual([undefined, undefined]);
  });

  it('forgets the member, organisation and transfer totals over a setting changed: the work lists follow the settings', async () => {
    const cache = filled();
    await Promise.resolve();
    cache.forgetAfter(fields('mutation { updateSetting(key: "x", value: "1") { key } }'));
    expect((await kept(cache)).memberTotals).toBe(false);
  });
});

import { Injectable } from '@nestjs/common';
import { DAILY_WORK_TOTAL_PREFIX, type CountCache } from '@dangjian/domain';
import { Kind, type OperationDefinitionNode } from 'graphql';

/**
 * Totals below this are always counted afresh (cheap, and a person may be watching them change);
 * larger ones are remembered for `TTL_MS`. Deciding by size rather than by the time the statement
 * took keeps the behaviour the same on a busy server and an idle one.
 */
const LARGE_COUNT = 5_000;
/**
 * The transfer work lists are ORs of statuses and dates that no one index range answers: a
 * thousand of them cost as much to count as five thousand members.
 */
const LARGE_TRANSFER_COUNT = 1_000;
const TTL_MS = 3_000;
/**
 * The totals of the member, organisation and transfer lists, the overview and the to-do summary:
 * only the sync and the console's mutations change them, and every gateway forgets them at once
 * after either (a mutation's fields, or the sync's word that a run changed records, through
 * `CountCacheSync`). So they are kept for minutes; the lifetime only bounds how long a figure
 * could lag if such a message were lost while Redis was away, or rows were changed by hand.
 */
export const REGISTRY_TTL_MS = 5 * 60_000;
/**
 * When a remembered value runs out, one request works it out again; the requests arriving
 * meanwhile keep getting the last value for up to this long, rather than all recounting at once
 * (at 300 requests a second, a 20 ms count would otherwise run a handful of times in parallel).
 */
const REFRESH_GRACE_MS = 1_000;
/**
 * For the summaries (`remember`: the overview, the to-do summaries, the member counts): how long
 * past its time the last value is still answered while the next is worked out. On a busy server a
 * recount of the overview takes seconds; every dashboard waiting for it would queue behind it.
 * A mutation that may change a summary still forgets it at once (`forgetAfter`).
 */
const SUMMARY_GRACE_MS = 30_000;
/** Every this many values remembered, those long run out are dropped (`sweep`). */
const SWEEP_EVERY = 500;
/** Room for the member counts of every organisation of a large district, twice (members, full members). */
const MAX_ENTRIES = 20_000;
/**
 * The subtree member counts of a scope's organisations (the tree's figures), remembered as one map.
 * Members and organisations come only from the upstream system, through the sync, so nothing done
 * in the console changes them: a mutation does not forget them, the sync's word that it changed
 * records does, and they are kept for `MEMBER_COUNTS_TTL_MS`. Without this, an office saving
 * forms all morning would have the tree count the whole subdistrict on every view.
 */
export const MEMBER_COUNTS_PREFIX = 'memberCounts|';
export const MEMBER_COUNTS_TTL_MS = REGISTRY_TTL_MS;

interface Entry {
  value: unknown;
  until: number;
  /** When one caller set out to work the value out again (0: nobody is). */
  refreshingSince: number;
}

/**
 * The totals of large lists, the subtree member counts, the overview and the to-do summaries,
 * remembered by this gateway process: counting a million members on every page request would
 * cost more than the page itself. Small lists stay exact; a mutation through any gateway forgets
 * at once whatever it may have changed (`forgetAfter`, told to the others by `CountCacheSync`), so
 * a person never sees a figure that ignores their own change. What the nightly sync changes shows
 * once its run has ended (the worker says so, see `CountCacheSync`), and other list totals within
 * seconds (`TTL_MS + REFRESH_GRACE_MS`).
 */
@Injectable()
export class TtlCountCache implements CountCache {
  private readonly entries = new Map<string, Entry>();
  private stores = 0;
  private readonly pending = new Map<string, Promise<unknown>>();
  /**
   * Bumped when a mutation forgets a kind of value: a computation that started before the mutation
   * must not be remembered after it. One counter per kind (see `kindOf`).
   */
  private readonly generations = new Map<string, number>();

  get(key: string): number | undefined {
    const value = this.fresh(key, Date.now());
    return typeof value === 'number' ? value : undefined;
  }

  offer(key: string, count: number): void {
    const daily = key.startsWith(DAILY_WORK_TOTAL_PREFIX);
    if (!daily && count < (TRANSFER_TOTAL.test(key) ? LARGE_TRANSFER_COUNT : LARGE_COUNT)) {
      this.entries.delete(key);
      return;
    }
    this.store(key, count, kindOf(key) === 'registryTotals' ? REGISTRY_TTL_MS : TTL_MS);
  }

  /**
   * The value under `key`, worked out by `compute` at most once per `TTL_MS`, for results that
   * sum up the whole scope (the overview). Concurrent callers share one computation; once the value
   * has run out, callers within `SUMMARY_GRACE_MS` get the last one while the next is worked out
   * behind them, so that no request waits for a recount a dashboard in constant use keeps asking for.
   */
  async remember<T>(key: string, compute: () => Promise<T>, ttlMs = TTL_MS): Promise<T> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.until >= now) return entry.value as T;
    const running = this.pending.get(key) as Promise<T> | undefined;
    if (entry && now - entry.until <= SUMMARY_GRACE_MS) {
      // A failed refresh leaves the last value in place until the grace ends; then a caller waits for a new one.
      if (!running) this.start(key, compute, ttlMs).catch(() => undefined);
      return entry.value as T;
    }
    return running ?? this.start(key, compute, ttlMs);
  }

  /** Forgets everything a mutation may change (see `forgetAfter` for a mutation whose fields are known). */
  clear(): void {
    this.forget((kind) => kind !== 'memberCounts');
  }

  /** Forgets every value, the member counts too: the sync has changed organisations, members or transfers. */
  forgetEverything(): void {
    this.forget(() => true);
  }

  /**
   * After a mutation with these root fields: forgets the values they may have changed. The member
   * counts stay (only the sync changes them); the overview, the to-do summaries and the totals of
   * the member, organisation and transfer lists stay when every field is one that leaves them as
   * they were (`OVERVIEW_UNCHANGED_BY`, `TODOS_UNCHANGED_BY`, `REGISTRY_UNCHANGED_BY`; a checklist
   * item forgets only the checklist part of the to-dos); other list totals go after any mutation
   * but signing in and out. `null` (the fields are not plain fields, e.g. a fragment on Mutation):
   * forgets all.
   */
  forgetAfter(fields: readonly string[] | null): void {
    if (fields === null) return this.clear();
    const changing = fields.filter((field) => !SESSION_MUTATIONS.has(field));
    if (changing.length === 0) return;
    const keeps = (unchangedBy: RegExp) => changing.every((field) => unchangedBy.test(field));
    const kept: Record<CacheKind, boolean> = {
      memberCounts: true,
      overview: keeps(OVERVIEW_UNCHANGED_BY),
      todos: changing.every((field) => TODOS_UNCHANGED_BY.test(field) || CHECKLIST_MUTATIONS.test(field)),
      checklistTodos: keeps(TODOS_UNCHANGED_BY),
      registryTotals: keeps(REGISTRY_UNCHANGED_BY),
      dailyTotals: false,
      totals: false,
    };
    // A daily-work list's total goes only with a mutation of its own table, where each field's is known.
    const tables = changing.map(tableWrittenBy);
    const known = tables.every((table) => table !== null);
    const written = new Set(tables);
    this.forget(
      (kind) => !kept[kind],
      (key) => !known || written.has(key.slice(DAILY_WORK_TOTAL_PREFIX.length, key.indexOf('|', DAILY_WORK_TOTAL_PREFIX.length))),
    );
  }

  /** Forgets the values of the kinds `kinds` says, and of the daily-work totals those `dailyTotal` says. */
  private forget(kinds: (kind: CacheKind) => boolean, dailyTotal: (key: string) => boolean = () => true): void {
    for (const kind of CACHE_KINDS) {
      if (kinds(kind)) this.generations.set(kind, (this.generations.get(kind) ?? 0) + 1);
    }
    for (const key of this.entries.keys()) {
      const kind = kindOf(key);
      if (kind === 'dailyTotals' ? kinds(kind) && dailyTotal(key) : kinds(kind)) this.entries.delete(key);
    }
    for (const key of this.pending.keys()) if (kinds(kindOf(key))) this.pending.delete(key);
  }

  private start<T>(key: string, compute: () => Promise<T>, ttlMs: number): Promise<T> {
    const kind = kindOf(key);
    const generation = this.generations.get(kind) ?? 0;
    const settle = () => {
      if (this.pending.get(key) === work) this.pending.delete(key);
    };
    const work: Promise<T> = compute().then(
      (value) => {
        settle();
        if (generation === (this.generations.get(kind) ?? 0)) this.store(key, value, ttlMs);
        return value;
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
    this.pending.set(key, work);
    return work;
  }

  /** The remembered value if still good, or undefined when this caller should work it out. */
  private fresh(key: string, now: number): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until >= now) return entry.value;
    const recentlyExpired = now - entry.until <= REFRESH_GRACE_MS;
    const someoneRefreshing = entry.refreshingSince > 0 && now - entry.refreshingSince <= REFRESH_GRACE_MS;
    if (recentlyExpired && someoneRefreshing) return entry.value;
    if (!recentlyExpired) {
      this.entries.delete(key);
      return undefined;
    }
    entry.refreshingSince = now;
    return undefined;
  }

  private store(key: string, value: unknown, ttlMs = TTL_MS): void {
    if (++this.stores % SWEEP_EVERY === 0) this.sweep(Date.now());
    if (!this.entries.has(key) && this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until: Date.now() + ttlMs, refreshingSince: 0 });
  }

  /**
   * Drops the values past their lifetime and every grace: one no request asks for again (a filter
   * used once) would otherwise stay until the cache is full, and the process would grow to that.
   */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.until > SUMMARY_GRACE_MS && !this.pending.has(key)) this.entries.delete(key);
    }
  }
}

/**
 * Mutations that change no figure a list or the overview counts: signing in and out, renewing a
 * session, changing one's password. They are the commonest mutations of all.
 */
const SESSION_MUTATIONS: ReadonlySet<string> = new Set(['login', 'refreshToken', 'logout', 'changePassword']);

/**
 * Mutations that change none of the overview's figures (communities, members, committees, staff,
 * instructors, coverage, activities, wishes, transfers): the records of organisational life, lists,
 * evaluations, enterprises' and residents' requests, relief and renovation, accounts and keys.
 * A mutation not named here forgets the overview.
 */
const OVERVIEW_UNCHANGED_BY =
  /^(?:(?:create|update|delete)(?:ChecklistItem|Meeting|Evaluation|Request|ReliefPayment|RenovationProject|User|ApiKey)|changeChecklistStatus|publishChecklistItem|advanceRequest|revokeApiKey|revealMemberPii|setLetterContact|requestSync)$/;

/**
 * Mutations that change nothing the to-do summary lists (transfers, letters and receipts, checklist
 * items, guidance follow-ups, terms of office, the settings behind them). A mutation not named here
 * forgets every to-do summary.
 */
const TODOS_UNCHANGED_BY =
  /^(?:(?:create|update|delete)(?:Meeting|Activity|Wish|ServiceCenter|ServiceRecord|Alliance|AllianceUnit|LinkageProject|ReliefPayment|RenovationProject|Request|Building|BuildingStation|Unit|Staff|User|ApiKey)|advanceRequest|advanceWish|revokeApiKey|revealMemberPii|setLetterContact|requestSync)$/;

/**
 * Mutations that change only checklist items: of the to-do summary they change the overdue
 * checklist and rectification items (`CHECKLIST_TODOS_PREFIX`), and nothing of its other kinds.
 */
const CHECKLIST_MUTATIONS = /^(?:(?:create|update|delete)ChecklistItem|changeChecklistStatus|publishChecklistItem)$/;

/**
 * Mutations that leave members, organisations and transfers as they were (and the settings that
 * decide the transfer work lists): the daily-work records, accounts and keys. The totals of those
 * lists (a district's 100,000 members among them) stay over them; a transfer action, a setting or a
 * mutation not named here forgets them.
 */
const REGISTRY_UNCHANGED_BY =
  /^(?:(?:create|update|delete)(?:ChecklistItem|Meeting|Activity|Wish|ServiceCenter|ServiceRecord|Alliance|AllianceUnit|LinkageProject|ReliefPayment|RenovationProject|Request|Building|BuildingStation|Unit|Staff|User|ApiKey|Evaluation|Election|GuidanceVisit|Instructor|InstructorAssignment)|addCommitteeSeat|removeCommitteeSeat|endInstructorAssignment|completeGuidanceFollowUp|changeChecklistStatus|publishChecklistItem|advanceRequest|advanceWish|revokeApiKey|revealMemberPii|setLetterContact|requestSync)$/;

/** The list totals counted over the member, organisation and transfer tables (see `listPage`'s keys). */
const REGISTRY_TOTAL = /^SELECT COUNT\(\*\) FROM `(?:member|organization|transfer)`/;
const TRANSFER_TOTAL = /^SELECT COUNT\(\*\) FROM `transfer`/;

/** Whether a mutation with these root fields may change anything remembered here (not a sign-in). */
export function changesFigures(fields: readonly string[] | null): boolean {
  return fields === null || fields.some((field) => !SESSION_MUTATIONS.has(field));
}

/** The to-do summary's overdue checklist and rectification items, remembered apart from its other kinds. */
export const CHECKLIST_TODOS_PREFIX = 'todos-checklist|';

/**
 * Mutations that write one daily-work table and no other: the entity's name, whose table is its
 * snake_case (`ChecklistItem` → `checklist_item`). Their lists' totals go after such a mutation
 * and stay over the others; any other mutation forgets every daily-work total.
 */
const RECORD_MUTATIONS =
  /^(?:create|update|delete)(Meeting|ChecklistItem|Activity|Wish|ServiceRecord|Evaluation|ReliefPayment|RenovationProject)$/;
/** The state changes of those records, by the table they write. */
const RECORD_STATE_CHANGES: Readonly<Record<string, string>> = {
  changeChecklistStatus: 'checklist_item',
  publishChecklistItem: 'checklist_item',
  advanceWish: 'wish',
};

/** The one daily-work table a mutation writes, or null when it is not known to write just one. */
function tableWrittenBy(field: string): string | null {
  const entity = RECORD_MUTATIONS.exec(field)?.[1];
  if (entity) return entity.replace(/[A-Z]/g, (letter, index: number) => `${index ? '_' : ''}${letter.toLowerCase()}`);
  return RECORD_STATE_CHANGES[field] ?? null;
}

const CACHE_KINDS = ['memberCounts', 'overview', 'todos', 'checklistTodos', 'registryTotals', 'dailyTotals', 'totals'] as const;
type CacheKind = (typeof CACHE_KINDS)[number];

/** What a remembered value is, by its key: it decides which mutations forget it. */
function kindOf(key: string): CacheKind {
  if (key.startsWith(MEMBER_COUNTS_PREFIX)) return 'memberCounts';
  if (key.startsWith('overview|')) return 'overview';
  if (key.startsWith(CHECKLIST_TODOS_PREFIX)) return 'checklistTodos';
  if (key.startsWith('todos|')) return 'todos';
  if (REGISTRY_TOTAL.test(key)) return 'registryTotals';
  if (key.startsWith(DAILY_WORK_TOTAL_PREFIX)) return 'dailyTotals';
  return 'totals';
}

/** The root fields of a mutation, or null when a selection is not a plain field (a fragment). */
export function mutationFields(operation: OperationDefinitionNode): string[] | null {
  const fields: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return null;
    fields.push(selection.name.value);
  }
  return fields;
}

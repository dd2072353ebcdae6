import {
  ACTIVE_RUN_STATUSES,
  COLLECTION_JOBS,
  COLLECTION_QUEUES,
  COLLECTION_TABLES,
  UPSTREAM_COLLECTIONS,
  acquireNamedLock,
  applyMembers,
  applyOrganizations,
  applyTransfers,
  emptyOutcome,
  emptyProgress,
  failSyncRun,
  finishSyncRun,
  isCollectionDone,
  jobOptions,
  linkTransferMembers,
  loadSyncRun,
  markAbsentAsDeleted,
  markCollectionSucceeded,
  namedLock,
  nextCollection,
  organizationIdsByUpstreamId,
  quarantine,
  readCursor,
  saveRunDetails,
  syncJobId,
  writeCursor,
  type BatchOutcome,
  type MemberItem,
  type OrganizationItem,
  type QuarantineItem,
  type SyncCollection,
  type SyncCollectionJobData,
  type SyncCollectionProgress,
  type SyncRun,
  type TransferItem,
} from '@dangjian/domain';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { throwIfShuttingDown, unlessShuttingDown, type WorkerContext } from '../context.js';
import {
  ShutdownRequested,
  describeSyncFailure,
  isPermanentUpstreamFailure,
  isUpstreamFailure,
} from '../errors.js';
import { heapCeiling } from '../memory.js';
import { CommittedPrefix, holdersOf, type FeedPageSlot } from './feed-lanes.js';

type AnyItem = OrganizationItem | MemberItem | TransferItem;

interface Page {
  items: AnyItem[];
  quarantined: QuarantineItem[];
  hasMore: boolean;
  /** Feed: where to resume after this page. */
  nextCursor?: string | null;
  /** Snapshot: the next page, and on the last page where the feed resumes. */
  nextPage?: string | null;
  cursor?: string | null;
}

/** How long a step waits before trying again when another process holds its collection. */
const BUSY_RETRY_MS = 5_000;
/** The JavaScript heap in use above which a full collection runs between pages (see memory.ts). */
const HEAP_CEILING_BYTES = 192 * 1024 * 1024;

/**
 * One collection's step of a sync run: pull pages, apply them batch by batch (several at once,
 * each in its own transaction), store the cursor once the pages before it have all committed,
 * then hand over to the next collection (or end the run). Safe to run again at any point: a
 * finished step only hands over, an unfinished one resumes from its committed cursor.
 */
export async function processSyncCollection(
  job: Job<SyncCollectionJobData>,
  token: string | undefined,
  ctx: WorkerContext,
): Promise<unknown> {
  const { runId, collection, full } = job.data;
  const { dataSource, log } = ctx;
  const run = await loadSyncRun(dataSource.manager, runId);
  if (!run || !ACTIVE_RUN_STATUSES.includes(run.status)) return { skipped: 'run is not active' };
  if (isCollectionDone(run.details[collection])) {
    await handOver(ctx, run, collection);
    return { handedOver: true };
  }

  // One pass per collection at a time, whichever process runs it.
  const lock = await acquireNamedLock(
    dataSource,
    namedLock(dataSource, `sync-${collection.toLowerCase()}`),
    0,
  );
  if (!lock) {
    await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
    throw new DelayedError();
  }
  const heartbeat = setInterval(() => {
    dataSource
      .query(
        "UPDATE `sync_run` SET `heartbeat_at` = CURRENT_TIMESTAMP(3) WHERE `id` = ? AND `status` IN ('QUEUED', 'RUNNING')",
        [runId],
      )
      .catch(() => undefined);
  }, ctx.config.heartbeatMs);
  try {
    const pass = new CollectionPass(ctx, run, collection);
    await pass.start();
    await pass.pull(full);
    await pass.finish();
    log.info('sync collection done', { runId, collection, ...run.details[collection] });
    await handOver(ctx, run, collection);
    return run.details[collection];
  } catch (error) {
    if (error instanceof ShutdownRequested || ctx.shutdown.aborted) {
      // Back to the queue as it is: the next worker resumes from the committed cursor.
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    }
    if (error instanceof DelayedError) throw error;
    const permanent = isPermanentUpstreamFailure(error);
    const attempts = job.opts.attempts ?? 1;
    const final = permanent || job.attemptsMade + 1 >= attempts;
    const reason = describeSyncFailure(error, ctx.config.upstream.url);
    log.warn(final ? 'sync run failed' : 'sync step failed, will retry', {
      runId,
      collection,
      attempt: job.attemptsMade + 1,
      reason,
    });
    if (final) {
      await failSyncRun(dataSource.manager, runId, reason, collection).catch((dbError: unknown) =>
        // The sweeper ends the run from the dead-letter job once the database answers again.
        log.error('could not mark the run failed', { runId, error: (dbError as Error).message }),
      );
      ctx.metrics.runEnded('FAILED');
    } else {
      await noteRetry(ctx, runId, collection, reason).catch(() => undefined);
    }
    throw permanent ? new UnrecoverableError(reason) : new Error(reason);
  } finally {
    clearInterval(heartbeat);
    await lock.release();
  }
}

async function noteRetry(
  ctx: WorkerContext,
  runId: string,
  collection: SyncCollection,
  reason: string,
): Promise<void> {
  const run = await loadSyncRun(ctx.dataSource.manager, runId);
  if (!run) return;
  run.details[collection] = {
    ...(run.details[collection] ?? emptyProgress()),
    error: `${reason}（稍后自动重试）`,
  };
  await saveRunDetails(ctx.dataSource.manager, run);
}

/** Enqueues the run's next collection (deterministic job id), or ends the run after the last one. */
async function handOver(ctx: WorkerContext, run: SyncRun, done: SyncCollection): Promise<void> {
  const next = nextCollection(run, done);
  if (next) {
    // The next step carries the request that started the run, so its log lines lead back to it.
    const data: SyncCollectionJobData = {
      runId: run.id,
      collection: next,
      full: run.full,
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    };
    await ctx.queues[COLLECTION_QUEUES[next]].add(
      COLLECTION_JOBS[next],
      data,
      jobOptions(COLLECTION_JOBS[next], syncJobId(run, next), ctx.config.policy),
    );
    return;
  }
  const fresh = await loadSyncRun(ctx.dataSource.manager, run.id);
  if (!fresh || !ACTIVE_RUN_STATUSES.includes(fresh.status)) return;
  const status = await finishSyncRun(ctx.dataSource.manager, fresh);
  ctx.metrics.runEnded(status);
  ctx.log.info('sync run ended', { runId: run.id, status });
}

/** The pull of one collection within one job: feed from the cursor, or a relist from the snapshot. */
class CollectionPass {
  private progress: SyncCollectionProgress;
  private readonly startedAt = Date.now();
  private fetchedThisPass = 0;
  private expected = 0;
  private readonly organizationIds = new Map<string, string>();
  private readonly tombstones = new Map<string, number>();
  private firstListing = false;
  private readonly afterPage = heapCeiling(HEAP_CEILING_BYTES);

  constructor(
    private readonly ctx: WorkerContext,
    private readonly run: SyncRun,
    private readonly collection: SyncCollection,
  ) {
    this.progress = { ...(run.details[collection] ?? emptyProgress()) };
  }

  private get upstreamName() {
    return UPSTREAM_COLLECTIONS[this.collection];
  }

  async start(): Promise<void> {
    this.progress = { ...this.progress, status: 'RUNNING', error: null };
    this.run.details[this.collection] = this.progress;
    await saveRunDetails(this.ctx.dataSource.manager, this.run, { status: 'RUNNING', start: true });
    this.run.status = 'RUNNING';
  }

  /** Every organisation's local id at once: a listing meets all of them, a feed page only a few. */
  private async loadOrganizationIds(): Promise<void> {
    const map = await organizationIdsByUpstreamId(this.ctx.dataSource.manager);
    for (const [code, id] of map) this.organizationIds.set(code, id);
  }

  async pull(full: boolean): Promise<void> {
    const cursor = await readCursor(this.ctx.dataSource.manager, this.collection);
    if (full || cursor === null) {
      await this.relist();
      return;
    }
    try {
      await this.follow(cursor);
    } catch (error) {
      if (isUpstreamFailure(error) && (error.status === 410 || error.code === 'CURSOR_EXPIRED')) {
        this.ctx.log.info('cursor expired, relisting', { runId: this.run.id, collection: this.collection });
        await this.relist();
        return;
      }
      throw error;
    }
  }

  async finish(): Promise<void> {
    this.progress = {
      ...this.progress,
      status: this.progress.quarantined > 0 ? 'PARTIAL' : 'SUCCEEDED',
      progress: 1,
      error: null,
    };
    await this.ctx.dataSource.transaction(async (manager) => {
      if (this.collection === 'TRANSFERS') await linkTransferMembers(manager);
      await markCollectionSucceeded(manager, this.collection);
      this.run.details[this.collection] = this.progress;
      await saveRunDetails(manager, this.run);
    });
    if (this.progress.applied > 0) await this.ctx.figures.syncChanged(this.collection);
    const seconds = (Date.now() - this.startedAt) / 1000;
    if (seconds > 0) this.ctx.metrics.throughput(this.collection, this.fetchedThisPass / seconds);
  }

  /**
   * The change feed from the stored cursor. Its pages are applied several at a time, each in its
   * own transaction: on a large table the changed rows are often not in the database's memory, and
   * one page's reads overlap another's. Two rules keep the outcome that of one page after the
   * other: pages sharing a record never run at once (their order decides which version or
   * deletion wins), and the stored cursor moves only over pages that have all committed, so a
   * resume starts at the first page not certainly applied and finds the later ones already there
   * (the version guard skips them).
   */
  private async follow(cursor: string): Promise<void> {
    const limit = this.ctx.config.batchSize;
    const fetch = (from: string) => this.fetchChanges(from, limit);
    if (this.collection === 'ORGANIZATIONS') {
      // The tree is small and its pages may carry children before parents: take it whole.
      const pages = await this.readAll(fetch(cursor), (page) =>
        page.hasMore && page.nextCursor ? fetch(page.nextCursor) : null,
      );
      const last = pages[pages.length - 1];
      await this.applyPages(pages, { cursor: last?.nextCursor ?? cursor });
      return;
    }
    const lanes = new Map<Promise<void>, ReadonlySet<string>>();
    const prefix = new CommittedPrefix(cursor);
    let storing: Promise<void> = Promise.resolve();
    let failure: unknown;
    const committed = (slot: FeedPageSlot) => {
      const next = prefix.commit(slot);
      if (next === null) return;
      storing = storing
        .then(() => writeCursor(this.ctx.dataSource.manager, this.collection, next))
        .catch((error: unknown) => {
          failure ??= error;
        });
    };
    let pending: Promise<Page> = fetch(cursor);
    let current = cursor;
    try {
      for (;;) {
        const page = await unlessShuttingDown(this.ctx.shutdown, pending);
        // Fetch the next page while this one is applied.
        if (page.hasMore && page.nextCursor) {
          pending = fetch(page.nextCursor);
          pending.catch(() => undefined);
        }
        current = page.nextCursor || current;
        const slot = prefix.add(current);
        if (!page.items.length && !page.quarantined.length) {
          committed(slot);
        } else {
          const ids = new Set(page.items.map((item) => item.id));
          for (;;) {
            const holders = holdersOf(ids, lanes);
            if (!holders.length && lanes.size < this.ctx.config.applyLanes) break;
            await Promise.race(holders.length ? holders : lanes.keys());
          }
          if (failure) break;
          const lane: Promise<void> = this.applyPages([page], {}).then(
            () => {
              lanes.delete(lane);
              committed(slot);
            },
            (error: unknown) => {
              lanes.delete(lane);
              failure ??= error;
            },
          );
          lanes.set(lane, ids);
        }
        throwIfShuttingDown(this.ctx.shutdown);
        if (failure || !page.hasMore || !page.nextCursor) break;
      }
    } finally {
      // Never leave a lane running behind a failure or a shutdown; store what all committed.
      await Promise.allSettled(lanes.keys());
      await storing;
    }
    if (failure) throw failure;
  }

  /**
   * The list in list-then-watch: the snapshot to its end, every record applied, then every local
   * record from upstream that the snapshot lacked soft-deleted, and the feed's cursor stored.
   */
  private async relist(): Promise<void> {
    this.progress.relisted = true;
    const limit = this.ctx.config.batchSize;
    const table = COLLECTION_TABLES[this.collection];
    const [{ stored, deleted }] = (await this.ctx.dataSource.query(
      `SELECT COUNT(*) AS \`stored\`, COUNT(\`deleted_at\`) AS \`deleted\` FROM \`${table}\` WHERE \`upstream_id\` IS NOT NULL`,
    )) as [{ stored: string | number; deleted: string | number }];
    this.expected = Number(stored) - Number(deleted);
    // Nothing local came from upstream yet (the first sync): nothing can be absent from the
    // snapshot, so neither the ids seen nor the sweep for absent records are needed.
    this.firstListing = Number(stored) === 0;
    const seen = this.firstListing ? undefined : new Set<string>();
    if (this.collection !== 'ORGANIZATIONS') await this.loadOrganizationIds();
    const remember = (page: Page) => {
      if (!seen) return;
      for (const item of page.items) seen.add(item.id);
      // A malformed record is still there upstream: its local copy must not be deleted.
      for (const entry of page.quarantined) if (entry.id) seen.add(String(entry.id));
    };
    const fetch = (from: string | undefined) => this.fetchSnapshot(from, limit);
    if (this.collection === 'ORGANIZATIONS') {
      const pages = await this.readAll(fetch(undefined), (page) =>
        page.hasMore && page.nextPage ? fetch(page.nextPage) : null,
      );
      pages.forEach(remember);
      await this.applyPages(pages, { cursor: pages[pages.length - 1]?.cursor ?? null, seen });
      return;
    }
    // A snapshot's pages carry no cursor of their own, so several can be applied at once, each in
    // its own transaction; the deletions and the cursor wait for all of them, on the last page.
    const lanes = new Set<Promise<void>>();
    let failure: unknown;
    const drain = async () => {
      await Promise.all(lanes);
      if (failure) throw failure;
    };
    let pending: Promise<Page> = fetch(undefined);
    try {
      for (;;) {
        const page = await unlessShuttingDown(this.ctx.shutdown, pending);
        if (page.hasMore && page.nextPage) {
          pending = fetch(page.nextPage);
          pending.catch(() => undefined);
        }
        remember(page);
        if (!page.hasMore || !page.nextPage) {
          await drain();
          await this.applyPages([page], { cursor: page.cursor ?? null, seen });
          return;
        }
        const lane: Promise<void> = this.applyPages([page], {}).then(
          () => {
            lanes.delete(lane);
          },
          (error: unknown) => {
            lanes.delete(lane);
            failure ??= error;
          },
        );
        lanes.add(lane);
        while (lanes.size >= this.ctx.config.applyLanes) await Promise.race(lanes);
        if (failure) await drain();
        throwIfShuttingDown(this.ctx.shutdown);
      }
    } finally {
      // Never leave a lane running behind a failure or a shutdown.
      await Promise.allSettled(lanes);
    }
  }

  private async readAll(first: Promise<Page>, next: (page: Page) => Promise<Page> | null): Promise<Page[]> {
    const pages: Page[] = [];
    let pending: Promise<Page> | null = first;
    while (pending) {
      const page: Page = await unlessShuttingDown(this.ctx.shutdown, pending);
      pages.push(page);
      pending = next(page);
    }
    return pages;
  }

  private async fetchChanges(cursor: string, limit: number): Promise<Page> {
    const page = await this.ctx.upstream.changes(this.upstreamName, {
      cursor,
      limit,
      signal: this.ctx.shutdown,
    });
    return {
      items: page.items as AnyItem[],
      quarantined: page.quarantined,
      hasMore: page.hasMore,
      nextCursor: page.nextCursor,
    };
  }

  private async fetchSnapshot(from: string | undefined, limit: number): Promise<Page> {
    const page = await this.ctx.upstream.snapshot(this.upstreamName, {
      page: from ?? null,
      limit,
      signal: this.ctx.shutdown,
    });
    return {
      items: page.items as AnyItem[],
      quarantined: page.quarantined,
      hasMore: page.hasMore,
      nextPage: page.nextPage,
      cursor: page.cursor,
    };
  }

  /**
   * Applies pages in one transaction together with the cursor (when given), the quarantine rows,
   * the relist's deletions (on its last page) and the run's counts. A deadlock with a concurrent
   * lane rolls the whole transaction back, which is then tried again.
   */
  private async applyPages(
    pages: Page[],
    after: { cursor?: string | null; seen?: ReadonlySet<string> },
  ): Promise<void> {
    const items = pages.flatMap((page) => page.items);
    const reported = pages.flatMap((page) => page.quarantined);
    const fetched = items.length + reported.length;
    for (let attempt = 1; ; attempt++) {
      let counted: BatchOutcome | null = null;
      try {
        await this.ctx.dataSource.transaction(async (manager) => {
          const result = await this.apply(manager, items);
          const found = result.quarantinedItems ?? [];
          await quarantine(manager, this.run.id, this.collection, [...reported, ...found]);
          const outcome = {
            applied: result.applied,
            skipped: result.skipped,
            quarantined: found.length + reported.length,
          };
          if (after.seen) outcome.applied += await markAbsentAsDeleted(manager, this.collection, after.seen);
          if (after.cursor !== undefined && after.cursor !== null)
            await writeCursor(manager, this.collection, after.cursor);
          // Counted before the commit so that concurrent lanes add up; taken back if it fails.
          counted = outcome;
          this.count(fetched, outcome, 1);
          await saveRunDetails(manager, this.run);
        });
        this.ctx.metrics.batch(this.collection, fetched, counted ?? emptyOutcome());
        this.afterPage();
        return;
      } catch (error) {
        if (counted) this.count(fetched, counted, -1);
        if (!isDeadlock(error) || attempt >= 4) throw error;
      }
    }
  }

  private count(fetched: number, outcome: BatchOutcome, sign: 1 | -1): void {
    const progress = { ...this.progress };
    progress.fetched += sign * fetched;
    progress.applied += sign * outcome.applied;
    progress.skipped += sign * outcome.skipped;
    progress.quarantined += sign * outcome.quarantined;
    this.fetchedThisPass += sign * fetched;
    progress.progress = this.estimate(this.fetchedThisPass);
    this.progress = progress;
    this.run.details[this.collection] = progress;
  }

  private async apply(
    manager: EntityManager,
    items: AnyItem[],
  ): Promise<BatchOutcome & { quarantinedItems?: QuarantineItem[] }> {
    if (!items.length) return emptyOutcome();
    switch (this.collection) {
      case 'ORGANIZATIONS': {
        const result = await applyOrganizations(manager, items as OrganizationItem[], {
          rootUpstreamId: this.ctx.config.rootOrganization,
        });
        const map = await organizationIdsByUpstreamId(manager);
        for (const [code, id] of map) this.organizationIds.set(code, id);
        return result;
      }
      case 'MEMBERS':
        return applyMembers(manager, items as MemberItem[], {
          cipher: this.ctx.cipher,
          organizationIds: this.organizationIds,
          tombstones: this.tombstones,
          firstListing: this.firstListing,
        });
      case 'TRANSFERS':
        return applyTransfers(manager, items as TransferItem[], {
          organizationIds: this.organizationIds,
          tombstones: this.tombstones,
          firstListing: this.firstListing,
        });
    }
  }

  /** Share done of this collection: against the local count on a relist, else approaching 1 page by page. */
  private estimate(fetched: number): number {
    const total = Math.max(this.expected, fetched + this.ctx.config.batchSize);
    return Math.min(0.99, Math.round((fetched / total) * 1000) / 1000);
  }
}

function isDeadlock(error: unknown): boolean {
  const code =
    (error as { code?: string; driverError?: { code?: string } } | null)?.code ??
    (error as { driverError?: { code?: string } })?.driverError?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

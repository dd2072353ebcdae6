import {
  JobName,
  Transfer,
  acquireNamedLock,
  namedLock,
  isTransferBlocked,
  linkTransfer,
  markEntryRetry,
  markEntrySent,
  markEntryStopped,
  pendingEntriesOf,
  recordSyncConflict,
  refreshTransfer,
  transitionConflictReason,
  type CreateTransferPayload,
  type LiveTransfer,
  type OutboxEntry,
  type PushOutboxJobData,
  type TransferAction,
  type TransferActionPayload,
} from '@dangjian/domain';
import type { EntityManager } from 'typeorm';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { throwIfShuttingDown, unlessShuttingDown, type WorkerContext } from '../context.js';
import { ShutdownRequested, isUpstreamFailure, type UpstreamFailure } from '../errors.js';

/** What the console shows of the local side of a refused push. */
function localSide(transfer: Transfer, entry: OutboxEntry): Record<string, unknown> {
  return {
    transferId: transfer.id,
    upstreamId: transfer.upstreamId,
    status: transfer.status,
    memberName: transfer.memberName,
    fromOrganizationName: transfer.fromOrganizationName,
    toOrganizationName: transfer.toOrganizationName,
    kind: entry.kind,
    action:
      entry.kind === 'CREATE_TRANSFER'
        ? 'CREATE'
        : (entry.payload as unknown as TransferActionPayload).action,
    payload: entry.payload,
    requestedAt: entry.createdAt,
  };
}

function actionOf(entry: OutboxEntry): TransferAction | 'CREATE' {
  return entry.kind === 'CREATE_TRANSFER'
    ? 'CREATE'
    : (entry.payload as unknown as TransferActionPayload).action;
}

/**
 * The request that wrote this entry. One job pushes every pending entry of a transfer, and a later
 * entry may come from another request than the one the job was started for: its line says so.
 */
function requestOf(entry: OutboxEntry): { requestId?: string } {
  return entry.requestId ? { requestId: entry.requestId } : {};
}

/** A 4xx other than a conflict: the request itself is wrong, so sending it again cannot help. */
function isRefusal(error: UpstreamFailure): boolean {
  return (
    !error.retryable &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 401 &&
    error.status !== 409
  );
}

/**
 * Pushes one transfer's pending outbox entries upstream, oldest first, each with the idempotency key
 * it was written with. A 409 refreshes the transfer from upstream and records a conflict with both
 * sides; transient failures are retried by the queue (same key, same body); a refusal is recorded
 * and the job dead-lettered.
 */
export async function processPushOutbox(
  job: Job<PushOutboxJobData>,
  token: string | undefined,
  ctx: WorkerContext,
): Promise<unknown> {
  const { transferId } = job.data;
  const { dataSource } = ctx;
  // One pusher per transfer: a job started for a later entry waits for the one still sending.
  const lock = await acquireNamedLock(dataSource, namedLock(dataSource, `push-${transferId}`), 0);
  if (!lock) {
    await job.moveToDelayed(Date.now() + 1_000, token);
    throw new DelayedError();
  }
  let sent = 0;
  try {
    if (await isTransferBlocked(dataSource.manager, transferId)) return { blocked: true };
    for (const entry of await pendingEntriesOf(dataSource.manager, transferId)) {
      throwIfShuttingDown(ctx.shutdown);
      const outcome = await pushEntry(ctx, entry, job);
      if (outcome === 'stop') break;
      sent++;
    }
  } catch (error) {
    if (
      error instanceof ShutdownRequested ||
      (ctx.shutdown.aborted && !(error instanceof UnrecoverableError))
    ) {
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    }
    throw error;
  } finally {
    await lock.release();
  }
  return { sent };
}

/**
 * Locks the transfer's row before any outbox row is touched. The console's actions lock the
 * transfer and then add their outbox row; taking the two in the same order here means a push and
 * an action wait for each other instead of deadlocking.
 */
async function lockTransfer(manager: EntityManager, transferId: string): Promise<void> {
  await manager.query('SELECT `id` FROM `transfer` WHERE `id` = ? FOR UPDATE', [transferId]);
}

async function pushEntry(
  ctx: WorkerContext,
  entry: OutboxEntry,
  job: Job<PushOutboxJobData>,
): Promise<'sent' | 'stop'> {
  const { dataSource, upstream } = ctx;
  const transfer = await dataSource.manager
    .getRepository(Transfer)
    .findOne({ where: { id: entry.transferId }, withDeleted: true });
  if (!transfer) {
    await markEntryStopped(dataSource.manager, entry.id, 'FAILED', '本地转接记录不存在');
    ctx.metrics.push('failed');
    throw new UnrecoverableError(`transfer ${entry.transferId} of outbox entry ${entry.id} does not exist`);
  }
  if (entry.kind === 'TRANSFER_ACTION' && !transfer.upstreamId) {
    const reason = '该转接尚未在上级系统中建立，无法推送后续操作';
    await dataSource.transaction(async (manager) => {
      await lockTransfer(manager, transfer.id);
      await markEntryStopped(manager, entry.id, 'FAILED', reason);
      await recordSyncConflict(manager, {
        transferId: transfer.id,
        outboxEntryId: entry.id,
        reason,
        localState: localSide(transfer, entry),
        upstreamState: null,
      });
      await manager.getRepository(Transfer).update({ id: transfer.id }, { syncState: 'CONFLICT' });
    });
    ctx.metrics.push('failed');
    return 'stop';
  }

  let answer: LiveTransfer;
  try {
    const request =
      entry.kind === 'CREATE_TRANSFER'
        ? upstream.createTransfer(entry.payload as unknown as CreateTransferPayload, entry.idempotencyKey)
        : upstream.actOnTransfer(
            transfer.upstreamId as string,
            entry.payload as unknown as TransferActionPayload,
            entry.idempotencyKey,
          );
    answer = (await unlessShuttingDown(ctx.shutdown, request)) as unknown as LiveTransfer;
  } catch (error) {
    if (error instanceof ShutdownRequested) throw error;
    return handlePushFailure(ctx, entry, transfer, job, error);
  }

  await dataSource.transaction(async (manager) => {
    // The console locks the transfer while it adds an action: after this lock, every action it
    // committed is visible, and none can slip in before this transaction ends.
    await lockTransfer(manager, transfer.id);
    await markEntrySent(manager, entry.id);
    const [{ later }] = (await manager.query(
      "SELECT COUNT(*) AS `later` FROM `outbox_entry` WHERE `transfer_id` = ? AND `status` = 'PENDING' AND `id` > ?",
      [transfer.id, entry.id],
    )) as [{ later: string | number }];
    if (Number(later) > 0) await linkTransfer(manager, transfer.id, answer.id);
    else await refreshTransfer(manager, transfer.id, answer, 'SYNCED');
  });
  ctx.metrics.push('sent');
  ctx.log.info('outbox entry pushed', {
    ...requestOf(entry),
    entryId: entry.id,
    transferId: transfer.id,
    action: actionOf(entry),
    status: answer.status,
  });
  return 'sent';
}

async function handlePushFailure(
  ctx: WorkerContext,
  entry: OutboxEntry,
  transfer: Transfer,
  job: Job<PushOutboxJobData>,
  error: unknown,
): Promise<'stop'> {
  const { dataSource, upstream } = ctx;
  if (isUpstreamFailure(error) && (error.status === 409 || error.code === 'INVALID_TRANSITION')) {
    // Upstream moved on (the far side acted): take its state, and let a person decide.
    const upstreamId = transfer.upstreamId;
    const current = upstreamId ? ((await upstream.getTransfer(upstreamId)) as unknown as LiveTransfer) : null;
    const details = (error.details ?? {}) as { currentStatus?: string };
    const reason = transitionConflictReason(
      actionOf(entry),
      current?.status ?? details.currentStatus ?? null,
    );
    await dataSource.transaction(async (manager) => {
      await lockTransfer(manager, transfer.id);
      await markEntryStopped(manager, entry.id, 'CONFLICT', reason);
      await recordSyncConflict(manager, {
        transferId: transfer.id,
        outboxEntryId: entry.id,
        reason,
        localState: localSide(transfer, entry),
        upstreamState: (current as unknown as Record<string, unknown>) ?? {
          error: error.code,
          details: error.details ?? null,
        },
      });
      if (current) await refreshTransfer(manager, transfer.id, current, 'CONFLICT');
      else await manager.getRepository(Transfer).update({ id: transfer.id }, { syncState: 'CONFLICT' });
    });
    ctx.metrics.push('conflict');
    ctx.log.warn('outbox entry refused as a conflict', {
      ...requestOf(entry),
      entryId: entry.id,
      transferId: transfer.id,
      reason,
    });
    return 'stop';
  }

  if (isUpstreamFailure(error) && isRefusal(error)) {
    const reason = `上级系统拒绝了此操作（${error.status} ${error.code}）：${error.message}`;
    await dataSource.transaction(async (manager) => {
      await lockTransfer(manager, transfer.id);
      await markEntryStopped(manager, entry.id, 'FAILED', reason);
      if (error.status !== 422) {
        await recordSyncConflict(manager, {
          transferId: transfer.id,
          outboxEntryId: entry.id,
          reason,
          localState: localSide(transfer, entry),
          upstreamState: { error: error.code, details: error.details ?? null },
        });
        await manager.getRepository(Transfer).update({ id: transfer.id }, { syncState: 'CONFLICT' });
      }
    });
    ctx.metrics.push('failed');
    throw new UnrecoverableError(reason);
  }

  // Transient: the queue tries again later with the same key and body.
  const message = isUpstreamFailure(error)
    ? `${error.status} ${error.code}: ${error.message}`
    : ((error as Error)?.message ?? String(error));
  const attempts = job.opts.attempts ?? 1;
  if (job.attemptsMade + 1 >= attempts) {
    await markEntryStopped(dataSource.manager, entry.id, 'FAILED', `多次推送失败：${message}`).catch(
      () => undefined,
    );
    ctx.metrics.push('failed');
  } else {
    const policy = ctx.config.policy[JobName.PushOutbox];
    const delay =
      policy.backoff.type === 'fixed' ? policy.backoff.delay : policy.backoff.delay * 2 ** job.attemptsMade;
    await markEntryRetry(dataSource.manager, entry.id, message, new Date(Date.now() + delay)).catch(
      () => undefined,
    );
    ctx.metrics.push('retry');
  }
  throw error instanceof Error ? error : new Error(message);
}

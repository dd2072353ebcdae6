import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OutboxEntry, SyncConflict, type OutboxKind } from '../../entities/sync.entities.js';
import {
  Transfer,
  type TransferAction,
  type TransferKind,
  type TransferStatus,
} from '../../entities/transfer.entity.js';
import { TRANSFER_ACTION_LABELS, TRANSFER_STATUS_LABELS } from '../../rules/transfer-state-machine.js';

/** The body of `POST /v1/transfers`, fixed when the outbox row is written. */
export interface CreateTransferPayload {
  /** The member's upstream id. */
  memberId: string;
  kind: TransferKind;
  toOrganizationId?: string | null;
  toOrganizationName: string;
  reason: string;
}

/** The body of `POST /v1/transfers/{id}/actions`, fixed when the outbox row is written. */
export interface TransferActionPayload {
  action: TransferAction;
  note?: string | null;
  letterValidDays?: number | null;
  letterNumber?: string | null;
}

export type OutboxPayload<K extends OutboxKind> = K extends 'CREATE_TRANSFER'
  ? CreateTransferPayload
  : TransferActionPayload;

/**
 * Writes an outbox row in the caller's transaction, the one that changes the transfer, and marks
 * the transfer PENDING_PUSH. The idempotency key is fixed here, once: every retry of the push
 * sends this key with this body, so upstream applies the action at most once. The request id of
 * the gateway request goes on the row because the push starts later, from the worker's poll.
 */
export async function addOutboxEntry<K extends OutboxKind>(
  manager: EntityManager,
  input: { transferId: string; kind: K; payload: OutboxPayload<K>; requestId?: string | null },
): Promise<OutboxEntry> {
  const repository = manager.getRepository(OutboxEntry);
  const entry = repository.create({
    transferId: input.transferId,
    kind: input.kind,
    payload: withoutEmpty(input.payload as unknown as Record<string, unknown>),
    idempotencyKey: randomUUID(),
    status: 'PENDING',
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    sentAt: null,
    requestId: input.requestId ?? null,
  });
  await repository.save(entry);
  await manager.getRepository(Transfer).update({ id: input.transferId }, { syncState: 'PENDING_PUSH' });
  return entry;
}

/** The request body exactly as stored: absent and null fields are left out, the rest untouched. */
export function withoutEmpty(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(payload).filter(([, value]) => value !== null && value !== undefined),
  );
}

/** The oldest pending entry of a transfer, which starts its push job. */
export interface DueTransfer {
  transferId: string;
  firstEntryId: string;
  firstEntryKey: string;
  /** The gateway request that wrote that entry (null for entries written before it was kept). */
  firstEntryRequestId: string | null;
}

/**
 * Transfers with an entry due to be pushed, oldest first. A transfer whose earlier entry failed or
 * met a conflict waits for a person: pushing its later actions out of order would be wrong.
 */
export async function transfersWithDueEntries(manager: EntityManager, limit = 200): Promise<DueTransfer[]> {
  const rows = (await manager.query(
    'SELECT `e`.`transfer_id` AS `transferId`, `e`.`id` AS `entryId`, `e`.`idempotency_key` AS `entryKey`, `e`.`request_id` AS `requestId` FROM `outbox_entry` `e` ' +
      "WHERE `e`.`status` = 'PENDING' AND (`e`.`next_attempt_at` IS NULL OR `e`.`next_attempt_at` <= CURRENT_TIMESTAMP(3)) " +
      'AND NOT EXISTS (SELECT 1 FROM `outbox_entry` `b` WHERE `b`.`transfer_id` = `e`.`transfer_id` ' +
      "AND `b`.`id` < `e`.`id` AND `b`.`status` IN ('PENDING', 'FAILED', 'CONFLICT')) " +
      'ORDER BY `e`.`id` LIMIT ?',
    [limit],
  )) as Array<{
    transferId: string | number;
    entryId: string | number;
    entryKey: string;
    requestId: string | null;
  }>;
  return rows.map((row) => ({
    transferId: String(row.transferId),
    firstEntryId: String(row.entryId),
    firstEntryKey: row.entryKey,
    firstEntryRequestId: row.requestId ?? null,
  }));
}

/** The entries of one transfer still to push, in the order they were written. */
export async function pendingEntriesOf(manager: EntityManager, transferId: string): Promise<OutboxEntry[]> {
  return manager
    .getRepository(OutboxEntry)
    .find({ where: { transferId, status: 'PENDING' }, order: { id: 'ASC' } });
}

/** Whether an earlier entry of the transfer stopped (FAILED or CONFLICT), which holds the rest back. */
export async function isTransferBlocked(manager: EntityManager, transferId: string): Promise<boolean> {
  const count = await manager
    .getRepository(OutboxEntry)
    .createQueryBuilder('entry')
    .where('entry.transferId = :transferId', { transferId })
    .andWhere("entry.status IN ('FAILED', 'CONFLICT')")
    .getCount();
  return count > 0;
}

export async function markEntrySent(manager: EntityManager, entryId: string): Promise<void> {
  await manager.query(
    "UPDATE `outbox_entry` SET `status` = 'SENT', `sent_at` = CURRENT_TIMESTAMP(3), `attempts` = `attempts` + 1, `last_error` = NULL, `next_attempt_at` = NULL WHERE `id` = ?",
    [entryId],
  );
}

/** A try that failed and will be retried: counted, with the reason and when the next try is due. */
export async function markEntryRetry(
  manager: EntityManager,
  entryId: string,
  error: string,
  nextAttemptAt: Date | null,
): Promise<void> {
  await manager.query(
    "UPDATE `outbox_entry` SET `attempts` = `attempts` + 1, `last_error` = ?, `next_attempt_at` = ? WHERE `id` = ? AND `status` = 'PENDING'",
    [error.slice(0, 1000), nextAttemptAt, entryId],
  );
}

/** An entry that will not be retried by itself: FAILED (a bug or a refusal) or CONFLICT. */
export async function markEntryStopped(
  manager: EntityManager,
  entryId: string,
  status: 'FAILED' | 'CONFLICT',
  error: string,
): Promise<void> {
  await manager.query(
    'UPDATE `outbox_entry` SET `status` = ?, `attempts` = `attempts` + 1, `last_error` = ?, `next_attempt_at` = NULL WHERE `id` = ?',
    [status, error.slice(0, 1000), entryId],
  );
}

/** Puts a transfer's stopped entries back in line, for a person who resolved the cause. */
export async function requeueStoppedEntries(manager: EntityManager, transferId: string): Promise<number> {
  const result = (await manager.query(
    "UPDATE `outbox_entry` SET `status` = 'PENDING', `next_attempt_at` = NULL WHERE `transfer_id` = ? AND `status` IN ('FAILED', 'CONFLICT')",
    [transferId],
  )) as { affectedRows?: number };
  return Number(result?.affectedRows ?? 0);
}

/** Records both sides of a refused push for a person to resolve. */
export async function recordSyncConflict(
  manager: EntityManager,
  input: {
    transferId: string | null;
    outboxEntryId: string | null;
    syncRunId?: string | null;
    reason: string;
    localState: Record<string, unknown> | null;
    upstreamState: Record<string, unknown> | null;
  },
): Promise<SyncConflict> {
  const repository = manager.getRepository(SyncConflict);
  const conflict = repository.create({
    transferId: input.transferId,
    outboxEntryId: input.outboxEntryId,
    syncRunId: input.syncRunId ?? null,
    reason: input.reason.slice(0, 500),
    localState: input.localState,
    upstreamState: input.upstreamState,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
  });
  await repository.save(conflict);
  return conflict;
}

/** The Chinese sentence for an action upstream refused because the transfer had moved on. */
export function transitionConflictReason(
  action: TransferAction | 'CREATE',
  upstreamStatus: TransferStatus | string | null,
): string {
  const actionLabel = action === 'CREATE' ? '发起转接' : (TRANSFER_ACTION_LABELS[action] ?? action);
  const statusLabel = upstreamStatus
    ? (TRANSFER_STATUS_LABELS[upstreamStatus as TransferStatus] ?? upstreamStatus)
    : '未知';
  return `上级系统拒绝了「${actionLabel}」：该转接在上级系统中已是「${statusLabel}」状态，请核对后决定保留哪一方`;
}

import type { EntityManager } from 'typeorm';
import type { SyncState, TransferDirection } from '../../entities/transfer.entity.js';
import type { UpstreamTransferRecord } from '../../demo/records.js';
import { letterExpiresOn } from '../../rules/letters.js';
import { resolveOrganizationIds } from './members.js';
import {
  emptyOutcome,
  isTombstone,
  newestById,
  type BatchOutcome,
  type TransferItem,
  type Versioned,
} from './records.js';
import {
  caseUpdate,
  chunks,
  existingByUpstreamId,
  guardedUpsert,
  isNewer,
  json,
  type ExistingRow,
} from './sql.js';

export type LiveTransfer = UpstreamTransferRecord & Versioned;

export interface TransferSyncContext {
  /** Upstream organisation code → local id; an organisation in it is in our tree. */
  organizationIds: Map<string, string>;
  tombstones?: Map<string, number>;
  /** As in MemberSyncContext: a first listing into a table without upstream transfers. */
  firstListing?: boolean;
}

/** The transfer as this subdistrict sees it: which way it goes and which local organisation owns it. */
export interface TransferPlacement {
  direction: TransferDirection;
  organizationId: string | null;
}

/** OUTGOING when the sending organisation is in our tree, else INCOMING; the owner is our side. */
export function placeTransfer(
  record: Pick<UpstreamTransferRecord, 'fromOrganizationId' | 'toOrganizationId'>,
  organizationIds: ReadonlyMap<string, string>,
): TransferPlacement {
  const from = organizationIds.get(record.fromOrganizationId);
  if (from) return { direction: 'OUTGOING', organizationId: from };
  return {
    direction: 'INCOMING',
    organizationId: record.toOrganizationId ? (organizationIds.get(record.toOrganizationId) ?? null) : null,
  };
}

/** The last valid day of the letter, when one was issued. */
export function transferLetterExpiresOn(
  record: Pick<UpstreamTransferRecord, 'letterIssuedOn' | 'letterValidDays'>,
): string | null {
  if (!record.letterIssuedOn || !record.letterValidDays || record.letterValidDays < 1) return null;
  return letterExpiresOn(record.letterIssuedOn, record.letterValidDays);
}

const COLUMNS = [
  'upstream_id',
  'upstream_version',
  'member_id',
  'member_upstream_id',
  'member_name',
  'direction',
  'kind',
  'status',
  'organization_id',
  'from_organization_upstream_id',
  'from_organization_name',
  'to_organization_upstream_id',
  'to_organization_name',
  'reason',
  'letter_number',
  'letter_issued_on',
  'letter_valid_days',
  'letter_expires_on',
  'received_on',
  'receipt_on',
  'history',
  'sync_state',
  'deleted_at',
] as const;

/** The upstream fields of a transfer as column values (everything but its key). */
export function transferColumns(
  record: LiveTransfer,
  placement: TransferPlacement,
  memberId: string | null,
): Record<(typeof COLUMNS)[number], unknown> {
  return {
    upstream_id: record.id,
    upstream_version: record.version,
    member_id: memberId,
    member_upstream_id: record.memberId,
    member_name: record.memberName,
    direction: placement.direction,
    kind: record.kind,
    status: record.status,
    organization_id: placement.organizationId,
    from_organization_upstream_id: record.fromOrganizationId,
    from_organization_name: record.fromOrganizationName,
    to_organization_upstream_id: record.toOrganizationId ?? null,
    to_organization_name: record.toOrganizationName,
    reason: record.reason ?? null,
    letter_number: record.letterNumber ?? null,
    letter_issued_on: record.letterIssuedOn ?? null,
    letter_valid_days: record.letterValidDays ?? null,
    letter_expires_on: transferLetterExpiresOn(record),
    received_on: record.receivedOn ?? null,
    receipt_on: record.receiptOn ?? null,
    history: json(record.history ?? []),
    sync_state: 'SYNCED' satisfies SyncState,
    deleted_at: null,
  };
}

async function memberIdsByUpstreamId(
  manager: EntityManager,
  upstreamIds: readonly string[],
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const part of chunks([...new Set(upstreamIds)], 1000)) {
    const rows = (await manager.query(
      `SELECT \`id\`, \`upstream_id\` FROM \`member\` WHERE \`upstream_id\` IN (${part.map(() => '?').join(', ')})`,
      part,
    )) as Array<{ id: string | number; upstream_id: string }>;
    for (const row of rows) map.set(row.upstream_id, String(row.id));
  }
  return map;
}

/**
 * Applies one batch of transfers in the caller's transaction, newest versions only. A transfer
 * with a local action still waiting in the outbox (PENDING_PUSH) is left to the pusher, which
 * refreshes it from upstream once its action is through; its sync state is never overwritten here.
 */
export async function applyTransfers(
  manager: EntityManager,
  items: readonly TransferItem[],
  context: TransferSyncContext,
): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const newest = newestById(items);
  outcome.skipped += items.length - newest.length;
  const existing = context.firstListing
    ? new Map<string, ExistingRow & Record<string, unknown>>()
    : await existingByUpstreamId(
        manager,
        'transfer',
        newest.map((item) => item.id),
        ['sync_state'],
      );
  const live: LiveTransfer[] = [];
  const tombstones: Array<{ id: string; version: number }> = [];
  for (const item of newest) {
    const row = existing.get(item.id);
    const deletedAt = context.tombstones?.get(item.id);
    if (
      !isNewer(item.version, row) ||
      row?.sync_state === 'PENDING_PUSH' ||
      (!row && deletedAt !== undefined && deletedAt >= item.version)
    ) {
      outcome.skipped++;
    } else if (isTombstone(item)) {
      if (row) tombstones.push({ id: row.id, version: item.version });
      else {
        context.tombstones?.set(item.id, Math.max(item.version, context.tombstones.get(item.id) ?? 0));
        outcome.skipped++;
      }
    } else {
      live.push(item as LiveTransfer);
    }
  }

  await resolveOrganizationIds(
    manager,
    live.flatMap((record) => [
      record.fromOrganizationId,
      ...(record.toOrganizationId ? [record.toOrganizationId] : []),
    ]),
    context.organizationIds,
  );
  const members = await memberIdsByUpstreamId(
    manager,
    live.map((record) => record.memberId),
  );
  const rows = live.map((record) =>
    Object.values(
      transferColumns(
        record,
        placeTransfer(record, context.organizationIds),
        members.get(record.memberId) ?? null,
      ),
    ),
  );
  if (rows.length) {
    const { sql, params } = guardedUpsert('transfer', COLUMNS, rows, {
      keep: ['sync_state'],
      extraGuard: "`sync_state` <> 'PENDING_PUSH'",
    });
    await manager.query(sql, params);
  }
  if (tombstones.length) {
    const { sql, params } = caseUpdate(
      'transfer',
      tombstones.map((entry) => entry.id),
      { upstream_version: tombstones.map((entry) => entry.version) },
      ['`deleted_at` = COALESCE(`deleted_at`, CURRENT_TIMESTAMP(3))'],
    );
    await manager.query(sql, params);
  }
  outcome.applied = rows.length + tombstones.length;
  return outcome;
}

/**
 * Links transfers to members that arrived after them (an incoming member appears in the member
 * feed once received). Changes no upstream version. The join reads the whole transfer table, which
 * on a large one costs more than the rest of an incremental sync; so it runs only when a member
 * has been added since the last completed transfer pass (which linked all before it, and which
 * no member pass overlaps: one run at a time, one collection after the other).
 */
export async function linkTransferMembers(manager: EntityManager): Promise<number> {
  const [since] = (await manager.query(
    'SELECT (SELECT `created_at` FROM `member` ORDER BY `id` DESC LIMIT 1) AS `newest`, ' +
      "(SELECT `last_succeeded_at` FROM `sync_cursor` WHERE `collection` = 'TRANSFERS') AS `linked`",
  )) as Array<{ newest: Date | string | null; linked: Date | string | null }>;
  if (!since?.newest) return 0;
  if (since.linked && new Date(since.newest).getTime() < new Date(since.linked).getTime()) return 0;
  const result = (await manager.query(
    'UPDATE `transfer` `t` JOIN `member` `m` ON `m`.`upstream_id` = `t`.`member_upstream_id` ' +
      'SET `t`.`member_id` = `m`.`id` WHERE `t`.`member_id` IS NULL AND `t`.`member_upstream_id` IS NOT NULL',
  )) as { affectedRows?: number };
  return Number(result?.affectedRows ?? 0);
}

/**
 * Records the upstream id a pushed creation got, while later local actions still wait to be pushed:
 * the local state stays as the console left it until the last of them is through.
 */
export async function linkTransfer(
  manager: EntityManager,
  transferId: string,
  upstreamId: string,
): Promise<void> {
  await manager.query(
    "DELETE FROM `transfer` WHERE `upstream_id` = ? AND `id` <> ? AND `sync_state` = 'SYNCED'",
    [upstreamId, transferId],
  );
  await manager.query('UPDATE `transfer` SET `upstream_id` = ? WHERE `id` = ? AND `upstream_id` IS NULL', [
    upstreamId,
    transferId,
  ]);
}

/**
 * Writes what upstream answered for one local transfer (after a push or a refresh), by local id,
 * unless the stored version is already newer; sets the sync state the pusher decided.
 */
export async function refreshTransfer(
  manager: EntityManager,
  transferId: string,
  record: LiveTransfer,
  syncState: SyncState,
): Promise<void> {
  const organizationIds = new Map<string, string>();
  await resolveOrganizationIds(
    manager,
    [record.fromOrganizationId, ...(record.toOrganizationId ? [record.toOrganizationId] : [])],
    organizationIds,
  );
  const members = await memberIdsByUpstreamId(manager, [record.memberId]);
  // A pull may have brought the transfer in as a row of its own between the push and now.
  await manager.query(
    "DELETE FROM `transfer` WHERE `upstream_id` = ? AND `id` <> ? AND `sync_state` = 'SYNCED'",
    [record.id, transferId],
  );
  const columns = transferColumns(
    record,
    placeTransfer(record, organizationIds),
    members.get(record.memberId) ?? null,
  );
  const names = Object.keys(columns).filter((name) => name !== 'upstream_version' && name !== 'sync_state');
  await manager.query(
    `UPDATE \`transfer\` SET ${names.map((name) => `\`${name}\` = IF(\`upstream_version\` IS NULL OR \`upstream_version\` <= ?, ?, \`${name}\`)`).join(', ')}, ` +
      '`upstream_version` = GREATEST(COALESCE(`upstream_version`, 0), ?), `sync_state` = ? WHERE `id` = ?',
    [
      ...names.flatMap((name) => [record.version, columns[name as keyof typeof columns]]),
      record.version,
      syncState,
      transferId,
    ],
  );
}

import type { EntityManager } from 'typeorm';
import type { PiiCipher } from '../../crypto/pii-cipher.js';
import type { UpstreamMemberRecord } from '../../demo/records.js';
import { maskIdCardNumber, maskPhone, normalizeIdCardNumber } from '../../rules/id-card.js';
import {
  emptyOutcome,
  isTombstone,
  newestById,
  type BatchOutcome,
  type MemberItem,
  type QuarantineItem,
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

type LiveMember = UpstreamMemberRecord & Versioned;

export interface MemberSyncContext {
  cipher: PiiCipher;
  /** Upstream organisation code → local id; filled from the database for codes it lacks. */
  organizationIds: Map<string, string>;
  /**
   * Tombstone versions seen earlier in the same pass for records not stored locally: a record that
   * arrives later with an older version was deleted after all (the feed is only roughly ordered).
   */
  tombstones?: Map<string, number>;
  /**
   * The table held no record from upstream when this listing began, and a snapshot lists each
   * record once: nothing in the batch can be stored yet, so the look-up of stored versions is
   * skipped. Should a record appear meanwhile all the same, the upsert's version guard decides.
   */
  firstListing?: boolean;
}

export interface MemberApplyResult extends BatchOutcome {
  quarantinedItems: QuarantineItem[];
}

const COLUMNS = [
  'upstream_id',
  'upstream_version',
  'name',
  'gender',
  'ethnicity',
  'birth_date',
  'id_card_cipher',
  'id_card_hash',
  'id_card_masked',
  'phone_cipher',
  'phone_masked',
  'education',
  'status',
  'joined_on',
  'full_member_on',
  'organization_id',
  'dues_paid_through',
  'flags',
  'deleted_at',
] as const;

/** Local organisation ids for codes not yet in the map, in one query. */
export async function resolveOrganizationIds(
  manager: EntityManager,
  codes: Iterable<string>,
  map: Map<string, string>,
): Promise<void> {
  const missing = [...new Set(codes)].filter((code) => !map.has(code));
  for (const part of chunks(missing, 1000)) {
    const rows = (await manager.query(
      `SELECT \`id\`, \`upstream_id\` FROM \`organization\` WHERE \`upstream_id\` IN (${part.map(() => '?').join(', ')})`,
      part,
    )) as Array<{ id: string | number; upstream_id: string }>;
    for (const row of rows) map.set(row.upstream_id, String(row.id));
  }
}

/**
 * Applies one batch of members in the caller's transaction: the newest version of each record,
 * only when newer than the stored one; PII encrypted with its look-up hash and masked copies; the
 * organisation resolved from its upstream code; one multi-row upsert for the records and one
 * update for the tombstones (soft delete: the member's history stays). Local-only columns
 * (probation extension, last Party life, …) are never written here.
 */
export async function applyMembers(
  manager: EntityManager,
  items: readonly MemberItem[],
  context: MemberSyncContext,
): Promise<MemberApplyResult> {
  const outcome: MemberApplyResult = { ...emptyOutcome(), quarantinedItems: [] };
  const newest = newestById(items);
  outcome.skipped += items.length - newest.length;
  const existing = context.firstListing
    ? new Map<string, ExistingRow>()
    : await existingByUpstreamId(
        manager,
        'member',
        newest.map((item) => item.id),
      );
  const live: LiveMember[] = [];
  const tombstones: Array<{ id: string; version: number }> = [];
  for (const item of newest) {
    const row = existing.get(item.id);
    const deletedAt = context.tombstones?.get(item.id);
    if (!isNewer(item.version, row) || (!row && deletedAt !== undefined && deletedAt >= item.version)) {
      outcome.skipped++;
    } else if (isTombstone(item)) {
      if (row) tombstones.push({ id: row.id, version: item.version });
      else {
        context.tombstones?.set(item.id, Math.max(item.version, context.tombstones.get(item.id) ?? 0));
        outcome.skipped++;
      }
    } else {
      live.push(item as LiveMember);
    }
  }

  await resolveOrganizationIds(
    manager,
    live.map((record) => record.organizationId),
    context.organizationIds,
  );
  const rows: unknown[][] = [];
  for (const record of live) {
    const organizationId = context.organizationIds.get(record.organizationId);
    if (!organizationId) {
      outcome.quarantinedItems.push({
        id: record.id,
        reason: `所属党组织 ${record.organizationId} 不在本地组织树中`,
        payload: {
          ...record,
          idCardNumber: maskIdCardNumber(record.idCardNumber),
          phone: record.phone ? maskPhone(record.phone) : null,
        },
      });
      continue;
    }
    const idCard = normalizeIdCardNumber(record.idCardNumber);
    const phone = record.phone?.trim() || null;
    rows.push([
      record.id,
      record.version,
      record.name,
      record.gender,
      record.ethnicity || '汉族',
      record.birthDate,
      context.cipher.encrypt(idCard),
      context.cipher.lookupHash(idCard),
      maskIdCardNumber(idCard),
      phone ? context.cipher.encrypt(phone) : null,
      phone ? maskPhone(phone) : null,
      record.education,
      record.status,
      record.joinedOn,
      record.fullMemberOn ?? null,
      organizationId,
      record.duesPaidThrough ?? null,
      json(record.flags ?? []),
      null,
    ]);
  }
  if (rows.length) {
    const { sql, params } = guardedUpsert('member', COLUMNS, rows);
    await manager.query(sql, params);
  }
  if (tombstones.length) {
    const { sql, params } = caseUpdate(
      'member',
      tombstones.map((entry) => entry.id),
      { upstream_version: tombstones.map((entry) => entry.version) },
      ['`deleted_at` = COALESCE(`deleted_at`, CURRENT_TIMESTAMP(3))'],
    );
    await manager.query(sql, params);
  }
  outcome.applied = rows.length + tombstones.length;
  outcome.quarantined = outcome.quarantinedItems.length;
  return outcome;
}

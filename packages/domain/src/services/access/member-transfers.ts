import { TRANSFER_COLUMNS, toTransfer, type TransferRecord } from '../transfers/transfers.service.js';
import type { DataScope } from './data-scope.js';
import { normalizeId, selectInScope } from './scoped-query.js';
import { sql, sqlList, type Queryable } from './sql.js';

/** Whether bigint id `a` (a decimal string) is greater than `b`. */
function newerId(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

/**
 * Batch look-up for DataLoaders: each member's most recent transfer (the last one created) among
 * those in scope. One statement for the whole page; a member without one is absent from the map.
 * A member rarely has more than a handful of transfers, so all of theirs are read (through the
 * index on member_id, unsorted) and the newest kept here.
 */
export async function latestTransfersByMemberIds(
  db: Queryable,
  scope: DataScope,
  memberIds: readonly string[],
): Promise<Map<string, TransferRecord>> {
  const valid = [...new Set(memberIds.map(normalizeId).filter((id): id is string => id !== null))];
  const latest = new Map<string, TransferRecord>();
  if (valid.length === 0) return latest;
  const rows = await selectInScope<Record<string, unknown>>(db, {
    table: 'transfer',
    alias: 't',
    scope,
    columns: TRANSFER_COLUMNS,
    where: [sql`t.member_id IN (${sqlList(valid)})`],
  });
  for (const row of rows) {
    const transfer = toTransfer(row);
    const memberId = String(transfer.memberId);
    const known = latest.get(memberId);
    if (!known || newerId(transfer.id, known.id)) latest.set(memberId, transfer);
  }
  return latest;
}

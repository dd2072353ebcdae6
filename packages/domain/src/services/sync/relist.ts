import type { EntityManager } from 'typeorm';
import type { SyncCollection } from '../../entities/sync.entities.js';
import { COLLECTION_TABLES } from './records.js';
import { chunks } from './sql.js';

/**
 * After a relist: every local record of the collection that came from upstream and was absent
 * from the snapshot is gone upstream. It is soft-deleted, never removed, so its history and the
 * local data attached to it stay. Transfers with a local action still to push are left alone.
 */
export async function markAbsentAsDeleted(
  manager: EntityManager,
  collection: SyncCollection,
  seen: ReadonlySet<string>,
): Promise<number> {
  const table = COLLECTION_TABLES[collection];
  const pendingFilter = collection === 'TRANSFERS' ? " AND `sync_state` <> 'PENDING_PUSH'" : '';
  const absent: string[] = [];
  let after = '0';
  for (;;) {
    const rows = (await manager.query(
      `SELECT \`id\`, \`upstream_id\` FROM \`${table}\` WHERE \`id\` > ? AND \`upstream_id\` IS NOT NULL AND \`deleted_at\` IS NULL${pendingFilter} ORDER BY \`id\` LIMIT 5000`,
      [after],
    )) as Array<{ id: string | number; upstream_id: string }>;
    if (!rows.length) break;
    for (const row of rows) if (!seen.has(row.upstream_id)) absent.push(String(row.id));
    after = String(rows[rows.length - 1]?.id);
  }
  for (const part of chunks(absent, 1000)) {
    await manager.query(
      `UPDATE \`${table}\` SET \`deleted_at\` = CURRENT_TIMESTAMP(3) WHERE \`deleted_at\` IS NULL AND \`id\` IN (${part.map(() => '?').join(', ')})`,
      part,
    );
  }
  return absent.length;
}

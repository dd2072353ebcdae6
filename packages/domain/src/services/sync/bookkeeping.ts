import type { EntityManager } from 'typeorm';
import { SyncCursor, type SyncCollection } from '../../entities/sync.entities.js';
import type { QuarantineItem } from './records.js';
import { chunks, json } from './sql.js';

/** The resume point of a collection's change feed; null before its first completed listing. */
export async function readCursor(manager: EntityManager, collection: SyncCollection): Promise<string | null> {
  const row = await manager.getRepository(SyncCursor).findOne({ where: { collection } });
  return row?.cursor ?? null;
}

/** Stores the resume point in the caller's transaction, so it commits with the batch it follows. */
export async function writeCursor(
  manager: EntityManager,
  collection: SyncCollection,
  cursor: string | null,
): Promise<void> {
  await manager.query(
    'INSERT INTO `sync_cursor` (`collection`, `cursor`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `cursor` = VALUES(`cursor`)',
    [collection, cursor],
  );
}

/** Marks a collection as brought in line now (the lag metric counts from here). */
export async function markCollectionSucceeded(
  manager: EntityManager,
  collection: SyncCollection,
): Promise<void> {
  await manager.query(
    'INSERT INTO `sync_cursor` (`collection`, `cursor`, `last_succeeded_at`) VALUES (?, NULL, CURRENT_TIMESTAMP(3)) ' +
      'ON DUPLICATE KEY UPDATE `last_succeeded_at` = CURRENT_TIMESTAMP(3)',
    [collection],
  );
}

/** Keeps records that broke the contract, with their reasons, in the caller's transaction. */
export async function quarantine(
  manager: EntityManager,
  runId: string | null,
  collection: SyncCollection,
  items: readonly QuarantineItem[],
): Promise<number> {
  for (const part of chunks(items, 500)) {
    const params: unknown[] = [];
    for (const item of part) {
      params.push(
        runId,
        collection,
        item.id ? String(item.id).slice(0, 64) : null,
        item.reason.slice(0, 500),
        json(item.payload),
      );
    }
    await manager.query(
      `INSERT INTO \`quarantined_record\` (\`sync_run_id\`, \`collection\`, \`upstream_id\`, \`reason\`, \`payload\`) VALUES ${part
        .map(() => '(?, ?, ?, ?, ?)')
        .join(', ')}`,
      params,
    );
  }
  return items.length;
}

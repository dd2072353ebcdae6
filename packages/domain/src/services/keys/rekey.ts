import type { DataSource, EntityManager } from 'typeorm';
import { PiiCipher } from '../../crypto/pii-cipher.js';

/** One table holding personal data under PII_ENCRYPTION_KEY, as the entity metadata describes it. */
export interface EncryptedTable {
  /** The key of this table in the rekey report, e.g. "members". */
  key: string;
  table: string;
  primaryKey: string;
  /** Ciphertext columns ("*_cipher"). */
  cipherColumns: string[];
  /** Keyed-hash columns ("<x>_hash") with the ciphertext column ("<x>_cipher") they hash. */
  hashColumns: Array<{ hash: string; cipher: string }>;
}

export interface RekeyTableCount {
  /** Rows that hold at least one encrypted value. */
  rows: number;
  /** Rows rewritten under the new key. */
  reencrypted: number;
  /** Rows already under the new key (an earlier, interrupted run reached them). */
  alreadyCurrent: number;
}

/** Per table (members, instructors, staff, requests, and any later *_cipher column). */
export type RekeyReport = Record<string, RekeyTableCount>;

export interface RekeyOptions {
  /** Rows per transaction. */
  batchSize?: number;
  onBatch?: (progress: { key: string; table: string; done: number }) => void;
}

export class RekeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RekeyError';
  }
}

function reportKeyOf(entityName: string): string {
  const name = entityName.charAt(0).toLowerCase() + entityName.slice(1);
  if (/(ff|s|x|ch|sh)$/.test(name)) return name.endsWith('ff') ? name : `${name}es`;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  return `${name}s`;
}

/**
 * Every table with a "*_cipher" column, found in the entity metadata rather than listed by hand,
 * so that a column added later is rotated too. A "<x>_hash" column is a keyed look-up hash only
 * when a "<x>_cipher" column sits beside it (password and API-key hashes are not keyed by the PII
 * key and are left alone).
 */
export function encryptedTables(dataSource: DataSource): EncryptedTable[] {
  const tables: EncryptedTable[] = [];
  for (const metadata of dataSource.entityMetadatas) {
    if (metadata.tableType !== 'regular') continue;
    const names = metadata.columns.map((column) => column.databaseName);
    const cipherColumns = names.filter((name) => name.endsWith('_cipher')).sort();
    if (!cipherColumns.length) continue;
    if (metadata.primaryColumns.length !== 1) {
      throw new RekeyError(`表 ${metadata.tableName} 没有单列主键，无法分批轮换密钥`);
    }
    const hashColumns = cipherColumns
      .map((cipher) => ({ cipher, hash: cipher.replace(/_cipher$/, '_hash') }))
      .filter(({ hash }) => names.includes(hash));
    tables.push({
      key: reportKeyOf(metadata.targetName || metadata.name),
      table: metadata.tableName,
      primaryKey: metadata.primaryColumns[0].databaseName,
      cipherColumns,
      hashColumns,
    });
  }
  return tables.sort((a, b) => a.table.localeCompare(b.table));
}

const quote = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;

/** The plain value and whether it was sealed under the new key already. */
function open(
  sealed: string,
  oldCipher: PiiCipher,
  newCipher: PiiCipher,
  where: string,
): { plain: string; current: boolean } {
  // The new key first: a row rewritten by an interrupted run must not be touched again.
  try {
    return { plain: newCipher.decrypt(sealed), current: true };
  } catch {
    // not under the new key; try the old one
  }
  try {
    return { plain: oldCipher.decrypt(sealed), current: false };
  } catch {
    throw new RekeyError(
      `${where} 既不能用旧密钥也不能用新密钥解密：OLD_PII_ENCRYPTION_KEY 是写入这些数据时的密钥吗？本批次已回滚，此前完成的批次已在新密钥下，修正后重新运行即可继续`,
    );
  }
}

async function rekeyBatch(
  manager: EntityManager,
  table: EncryptedTable,
  afterId: string,
  batchSize: number,
  oldCipher: PiiCipher,
  newCipher: PiiCipher,
  count: RekeyTableCount,
): Promise<{ lastId: string | null; rows: number }> {
  const columns = [...table.cipherColumns, ...table.hashColumns.map((h) => h.hash)];
  const anyCipher = table.cipherColumns.map((c) => `${quote(c)} IS NOT NULL`).join(' OR ');
  // FOR UPDATE: no writer can slip an old-key value into a row between our read and our write.
  const rows = (await manager.query(
    `SELECT ${quote(table.primaryKey)} AS id, ${columns.map(quote).join(', ')} FROM ${quote(table.table)}
     WHERE ${quote(table.primaryKey)} > CAST(? AS UNSIGNED) AND (${anyCipher})
     ORDER BY ${quote(table.primaryKey)} LIMIT ${Number(batchSize)} FOR UPDATE`,
    [afterId],
  )) as Array<Record<string, string | null>>;
  if (!rows.length) return { lastId: null, rows: 0 };

  const changed: Array<{ id: string; values: Record<string, string | null> }> = [];
  for (const row of rows) {
    const id = String(row.id);
    const values: Record<string, string | null> = {};
    let dirty = false;
    const plains = new Map<string, string>();
    for (const column of table.cipherColumns) {
      const sealed = row[column];
      values[column] = sealed;
      if (sealed === null || sealed === undefined) continue;
      const opened = open(sealed, oldCipher, newCipher, `${table.table}.${column} (id ${id})`);
      plains.set(column, opened.plain);
      if (!opened.current) {
        values[column] = newCipher.encrypt(opened.plain);
        dirty = true;
      }
    }
    for (const { hash, cipher } of table.hashColumns) {
      values[hash] = row[hash];
      const plain = plains.get(cipher);
      if (plain === undefined) continue;
      const expected = newCipher.lookupHash(plain);
      if (row[hash] !== expected) {
        values[hash] = expected;
        dirty = true;
      }
    }
    count.rows += 1;
    if (dirty) {
      count.reencrypted += 1;
      changed.push({ id, values });
    } else {
      count.alreadyCurrent += 1;
    }
  }

  if (changed.length) {
    // One statement per batch: a derived table of the new values joined on the primary key.
    // updated_at is assigned to itself so that a key rotation does not look like an edit.
    const select = `SELECT CAST(? AS UNSIGNED) AS id, ${columns.map((c) => `? AS ${quote(c)}`).join(', ')}`;
    const derived = changed.map(() => select).join(' UNION ALL ');
    const hasUpdatedAt = await hasColumn(manager, table.table, 'updated_at');
    const assignments = [
      ...columns.map((c) => `t.${quote(c)} = v.${quote(c)}`),
      ...(hasUpdatedAt ? ['t.`updated_at` = t.`updated_at`'] : []),
    ];
    await manager.query(
      `UPDATE ${quote(table.table)} AS t JOIN (${derived}) AS v ON t.${quote(table.primaryKey)} = v.id SET ${assignments.join(', ')}`,
      changed.flatMap(({ id, values }) => [id, ...columns.map((c) => values[c])]),
    );
  }
  return { lastId: String(rows[rows.length - 1].id), rows: rows.length };
}

const columnCache = new WeakMap<EntityManager['connection'], Map<string, boolean>>();

async function hasColumn(manager: EntityManager, table: string, column: string): Promise<boolean> {
  const cache = columnCache.get(manager.connection) ?? new Map<string, boolean>();
  columnCache.set(manager.connection, cache);
  const key = `${table}.${column}`;
  if (!cache.has(key)) {
    const [row] = (await manager.query(
      'SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?',
      [table, column],
    )) as Array<{ n: string }>;
    cache.set(key, Number(row.n) > 0);
  }
  return cache.get(key)!;
}

/**
 * Re-encrypts every encrypted column and recomputes every keyed look-up hash from the old
 * PII_ENCRYPTION_KEY to the new one. Batches of `batchSize` rows, each one transaction; resumable:
 * a value that already opens with the new key is left as it is, so running it again after an
 * interruption (or twice) only finishes what is missing. The gateway and worker must be stopped
 * meanwhile: a process holds one key and cannot read rows under the other.
 */
export async function reencryptPersonalData(
  dataSource: DataSource,
  oldKeyHex: string,
  newKeyHex: string,
  options: RekeyOptions = {},
): Promise<RekeyReport> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new RekeyError(`批量大小应在 1 到 10000 之间，收到的是：${String(batchSize)}`);
  }
  let oldCipher: PiiCipher;
  let newCipher: PiiCipher;
  try {
    oldCipher = new PiiCipher(oldKeyHex);
  } catch {
    throw new RekeyError('OLD_PII_ENCRYPTION_KEY 应为 64 位十六进制字符（256 位密钥）');
  }
  try {
    newCipher = new PiiCipher(newKeyHex);
  } catch {
    throw new RekeyError('PII_ENCRYPTION_KEY 应为 64 位十六进制字符（256 位密钥）');
  }
  if (oldKeyHex.toLowerCase() === newKeyHex.toLowerCase()) {
    throw new RekeyError(
      '新旧密钥相同：请把旧密钥放在 OLD_PII_ENCRYPTION_KEY，新密钥放在 PII_ENCRYPTION_KEY',
    );
  }

  const report: RekeyReport = {};
  for (const table of encryptedTables(dataSource)) {
    const count: RekeyTableCount = { rows: 0, reencrypted: 0, alreadyCurrent: 0 };
    report[table.key] = count;
    let afterId = '0';
    for (;;) {
      const batch = await dataSource.transaction((manager) =>
        rekeyBatch(manager, table, afterId, batchSize, oldCipher, newCipher, count),
      );
      if (batch.lastId === null) break;
      afterId = batch.lastId;
      options.onBatch?.({ key: table.key, table: table.table, done: count.rows });
      if (batch.rows < batchSize) break;
    }
  }
  return report;
}

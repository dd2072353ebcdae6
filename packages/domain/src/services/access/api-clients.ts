import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../errors/domain-error.js';
import { writeAudit, type Actor } from '../audit/audit.service.js';
import { listPage, type Connection, type ConnectionNeeds, type CountCache, type PageRequest } from './pagination.js';
import { normalizeId } from './scoped-query.js';
import { sqlRaw, runSql, sql, type Queryable } from './sql.js';

/** Another team's service client, as administrators see it (never the key or its hash). */
export interface ApiClientRecord {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = sqlRaw(
  'c.id AS id, c.name AS name, c.key_prefix AS keyPrefix, c.created_at AS createdAt, c.last_used_at AS lastUsedAt, c.revoked_at AS revokedAt',
);

function toClient(row: Record<string, unknown>): ApiClientRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    keyPrefix: String(row.keyPrefix),
    createdAt: row.createdAt as Date,
    lastUsedAt: (row.lastUsedAt as Date | null) ?? null,
    revokedAt: (row.revokedAt as Date | null) ?? null,
  };
}

const KEY_PREFIX = 'djk_';

/** SHA-256 of a key: keys are long random strings, so a fast hash is enough to store them safely. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Creates a key for another team's service. The key is returned this once and only its hash is
 * stored; the creation is audited (API_KEY_CREATED) in the same transaction.
 */
export async function createApiClient(
  dataSource: DataSource,
  actor: Actor,
  name: string,
): Promise<{ key: string; client: ApiClientRecord }> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) {
    throw DomainError.badInput([{ field: 'name', reason: 'NAME_REQUIRED', message: '请填写 1–100 个字符的密钥名称' }]);
  }
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return dataSource.transaction(async (manager) => {
    const result = (await manager.query(
      'INSERT INTO api_client (name, key_hash, key_prefix, created_by_user_id) VALUES (?, ?, ?, ?)',
      [trimmed, hashApiKey(key), key.slice(0, 12), actor.userId],
    )) as { insertId: number | string };
    const id = String(result.insertId);
    await writeAudit(manager, actor, {
      action: 'API_KEY_CREATED',
      entityType: 'ApiClient',
      entityId: id,
      after: { name: trimmed, keyPrefix: key.slice(0, 12) },
    });
    const [row] = await runSql<Record<string, unknown>>(manager, sql`SELECT ${COLUMNS} FROM api_client c WHERE c.id = ${id}`);
    if (!row) throw new Error('the new API client vanished inside its own transaction');
    return { key, client: toClient(row) };
  });
}

/**
 * Revokes a key (audited). Returns the client with its key hash, so that caches keyed by the
 * hash can forget it at once.
 */
export async function revokeApiClient(
  dataSource: DataSource,
  actor: Actor,
  id: string,
): Promise<ApiClientRecord & { keyHash: string }> {
  return dataSource.transaction(async (manager) => {
    const valid = normalizeId(id);
    const [row] = valid
      ? await runSql<Record<string, unknown>>(
          manager,
          sql`SELECT ${COLUMNS}, c.key_hash AS keyHash FROM api_client c WHERE c.id = ${valid} FOR UPDATE`,
        )
      : [];
    if (!row) throw DomainError.notFound('API 密钥', id);
    const before = toClient(row);
    if (!before.revokedAt) {
      await manager.query('UPDATE api_client SET revoked_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [before.id]);
      await writeAudit(manager, actor, {
        action: 'API_KEY_REVOKED',
        entityType: 'ApiClient',
        entityId: before.id,
        before: { revoked: false },
        after: { revoked: true },
      });
    }
    const [after] = await runSql<Record<string, unknown>>(manager, sql`SELECT ${COLUMNS} FROM api_client c WHERE c.id = ${before.id}`);
    return { ...toClient(after ?? row), keyHash: String(row.keyHash) };
  });
}

/** The client a presented key belongs to (revoked ones included: the caller refuses them). */
export async function findApiClientByKey(db: Queryable, key: string): Promise<ApiClientRecord | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const [row] = await runSql<Record<string, unknown>>(
    db,
    sql`SELECT ${COLUMNS} FROM api_client c WHERE c.key_hash = ${hashApiKey(key)}`,
  );
  return row ? toClient(row) : null;
}

/** Records use of a key; callers throttle this so that it is not a write per request. */
export async function touchApiClient(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE api_client SET last_used_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [id]);
}

export async function listApiClients(
  db: Queryable,
  page: PageRequest,
  needs?: ConnectionNeeds,
  counts?: CountCache,
): Promise<Connection<ApiClientRecord>> {
  return listPage(db, {
    from: sqlRaw('api_client c'),
    columns: COLUMNS,
    ordering: {
      name: 'NEWEST',
      keys: [{ column: 'c.id', property: 'id', direction: 'DESC' }],
    },
    page,
    needs,
    counts,
    map: toClient,
  });
}

import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditLog, type AuditAction } from '../../entities/audit-log.entity.js';

/** Who did something: a console user, another team's API key, or the system (sync, seed). */
export interface Actor {
  username: string;
  userId: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { username: 'system', userId: null };

export interface AuditEntry {
  action: AuditAction;
  entityType?: string | null;
  entityId?: string | null;
  reason?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Writes one audit row through the caller's transaction manager, so the audit row and the change it
 * describes commit or roll back together.
 */
export async function writeAudit(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
  const row: Partial<AuditLog> = {
    actor: actor.username.slice(0, 100),
    actorUserId: actor.userId,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    reason: entry.reason?.slice(0, 500) ?? null,
    before: entry.before ? toJson(entry.before) : null,
    after: entry.after ? toJson(entry.after) : null,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
  };
  // TypeORM's deep-partial type cannot describe free-form JSON columns; the row is fully typed above.
  await manager.getRepository(AuditLog).insert(row as QueryDeepPartialEntity<AuditLog>);
}

/** Plain JSON for the audit columns; personal data must already be masked by the caller. */
function toJson(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

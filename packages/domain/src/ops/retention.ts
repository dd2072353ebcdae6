import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, writeAudit } from '../services/audit/audit.service.js';
import { OpsError } from './client-tools.js';

/** 网络安全法 Art. 21: network logs are kept no less than six months. */
export const MIN_AUDIT_RETENTION_DAYS = 180;
export const DEFAULT_AUDIT_RETENTION_DAYS = 180;

export interface AuditRetentionOptions {
  /** Rows older than this many days are deleted; at least MIN_AUDIT_RETENTION_DAYS. */
  retentionDays?: number;
  /** Rows per DELETE statement (one short transaction each, so the table is never locked long). */
  batchSize?: number;
  /** Count what would go, delete nothing. */
  dryRun?: boolean;
  /** The moment the retention is measured from (tests); default now. */
  now?: Date;
  onBatch?: (deletedSoFar: number) => void;
}

export interface AuditRetentionResult {
  /** Rows strictly older than this instant were (or would be) deleted. */
  cutoff: Date;
  retentionDays: number;
  deleted: number;
  dryRun: boolean;
}

/** Checks a retention period given by an operator; anything under six months is refused. */
export function checkRetentionDays(value: number): number {
  if (!Number.isInteger(value) || value < MIN_AUDIT_RETENTION_DAYS) {
    throw new OpsError(
      `审计日志保留期不能少于 ${MIN_AUDIT_RETENTION_DAYS} 天（网络安全法第二十一条要求至少六个月），收到的是：${String(value)}`,
    );
  }
  return value;
}

/**
 * Deletes audit rows older than the retention period, oldest first, in batches. The purge itself
 * is written to the audit log (who: system; how many; the cutoff), so that a gap in the log is
 * always explained by a record that survives it.
 */
export async function purgeAuditLogs(
  dataSource: DataSource,
  options: AuditRetentionOptions = {},
): Promise<AuditRetentionResult> {
  const retentionDays = checkRetentionDays(options.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS);
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw new OpsError(`批量大小应在 1 到 100000 之间，收到的是：${String(batchSize)}`);
  }
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600 * 1000);
  if (options.dryRun) {
    const [row] = (await dataSource.query('SELECT COUNT(*) AS n FROM audit_log WHERE `at` < ?', [
      cutoff,
    ])) as Array<{ n: string }>;
    return { cutoff, retentionDays, deleted: Number(row?.n ?? 0), dryRun: true };
  }
  let deleted = 0;
  for (;;) {
    const result = (await dataSource.query('DELETE FROM audit_log WHERE `at` < ? ORDER BY id LIMIT ?', [
      cutoff,
      batchSize,
    ])) as {
      affectedRows?: number;
    };
    const affected = Number(result.affectedRows ?? 0);
    deleted += affected;
    if (affected > 0) options.onBatch?.(deleted);
    if (affected < batchSize) break;
  }
  if (deleted > 0) {
    await writeAudit(dataSource.manager, SYSTEM_ACTOR, {
      action: 'DELETE',
      entityType: 'AuditLog',
      reason: `审计日志保留期 ${retentionDays} 天：删除 ${cutoff.toISOString()} 之前的 ${deleted} 条记录`,
      after: { retentionDays, cutoff: cutoff.toISOString(), deleted },
    });
  }
  return { cutoff, retentionDays, deleted, dryRun: false };
}

#!/usr/bin/env node
// Audit retention: deletes audit rows older than the retention period (default 180 days, never
// less), in batches. Run it daily or weekly (the k8s CronJob does).
//   node dist/cli/retention.js [--days 180] [--batch-size 5000] [--dry-run]
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@dangjian/config';
import { openDataSource } from '../data-source.js';
import { describeDatabaseError } from '../errors/database-error.js';
import { OpsError } from '../ops/client-tools.js';
import { checkRetentionDays, DEFAULT_AUDIT_RETENTION_DAYS, purgeAuditLogs } from '../ops/retention.js';

const USAGE = 'usage: retention.js [--days N (≥ 180, default 180)] [--batch-size N] [--dry-run]';

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new OpsError(`${name} 应为正整数，收到的是：${value}\n${USAGE}`);
  return Number(value);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        days: { type: 'string' },
        'batch-size': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new OpsError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const retentionDays =
    integerOption(values.days ?? process.env.AUDIT_RETENTION_DAYS, '--days') ?? DEFAULT_AUDIT_RETENTION_DAYS;
  checkRetentionDays(retentionDays);
  const batchSize = integerOption(values['batch-size'], '--batch-size');
  const config = loadConfigOrExit();
  const dataSource = await openDataSource({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
  try {
    const result = await purgeAuditLogs(dataSource, {
      retentionDays,
      batchSize,
      dryRun: values['dry-run'],
      onBatch: (deleted) => console.log(`  已删除 ${deleted} 条…`),
    });
    console.log(
      result.dryRun
        ? `审计日志保留 ${result.retentionDays} 天：${result.cutoff.toISOString()} 之前有 ${result.deleted} 条，将被删除（--dry-run，未删除）`
        : `审计日志保留 ${result.retentionDays} 天：删除了 ${result.cutoff.toISOString()} 之前的 ${result.deleted} 条记录`,
    );
    console.log(JSON.stringify({ ...result, cutoff: result.cutoff.toISOString() }));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof OpsError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(describeDatabaseError(error, 'DATABASE_URL'));
  process.exit(1);
});

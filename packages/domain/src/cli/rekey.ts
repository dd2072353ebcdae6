#!/usr/bin/env node
// Rotates PII_ENCRYPTION_KEY: re-encrypts every encrypted column and recomputes every keyed
// look-up hash. Stop the gateway and the worker first; start them with the new key afterwards.
//   OLD_PII_ENCRYPTION_KEY=<old> PII_ENCRYPTION_KEY=<new> node dist/cli/rekey.js [--batch-size 500]
// Safe to run again after an interruption: rows already under the new key are skipped.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@dangjian/config';
import { openDataSource } from '../data-source.js';
import { describeDatabaseError } from '../errors/database-error.js';
import { reencryptPersonalData, RekeyError } from '../services/keys/rekey.js';

const USAGE =
  'usage: OLD_PII_ENCRYPTION_KEY=<旧密钥> PII_ENCRYPTION_KEY=<新密钥> rekey.js [--batch-size N (default 500)]';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { 'batch-size': { type: 'string' }, help: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    throw new RekeyError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const batchText = values['batch-size'];
  if (batchText !== undefined && !/^\d+$/.test(batchText))
    throw new RekeyError(`--batch-size 应为正整数\n${USAGE}`);
  const oldKey = process.env.OLD_PII_ENCRYPTION_KEY?.trim();
  if (!oldKey) throw new RekeyError(`缺少 OLD_PII_ENCRYPTION_KEY（当前数据所用的旧密钥）\n${USAGE}`);
  const config = loadConfigOrExit();
  if (config.generatedSecrets.includes('PII_ENCRYPTION_KEY')) {
    throw new RekeyError(`缺少 PII_ENCRYPTION_KEY（新密钥）：请显式设置它\n${USAGE}`);
  }
  const dataSource = await openDataSource({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
  try {
    console.log('正在轮换个人信息加密密钥（网关和 worker 应已停止）…');
    const logged = new Map<string, number>();
    const report = await reencryptPersonalData(dataSource, oldKey, config.PII_ENCRYPTION_KEY, {
      batchSize: batchText === undefined ? undefined : Number(batchText),
      onBatch: ({ table, done }) => {
        if (done - (logged.get(table) ?? 0) < 10_000) return;
        logged.set(table, done);
        console.log(`  ${table}: ${done} 行…`);
      },
    });
    for (const [key, count] of Object.entries(report)) {
      console.log(
        `  ${key.padEnd(12)} 含加密数据 ${String(count.rows).padStart(7)} 行，重新加密 ${String(count.reencrypted).padStart(7)}，已是新密钥 ${String(count.alreadyCurrent).padStart(7)}`,
      );
    }
    console.log('完成：用新的 PII_ENCRYPTION_KEY 启动网关和 worker，并删除旧密钥的所有副本');
    console.log(JSON.stringify(report));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof RekeyError) {
    console.error(error.message);
    process.exit(2);
  }
  const code = String((error as { code?: string }).code ?? '');
  if (/^(ER_|ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)/.test(code))
    console.error(describeDatabaseError(error, 'DATABASE_URL'));
  else console.error(`密钥轮换失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

#!/usr/bin/env node
// pnpm seed: writes the local demo data of 陇海马路街道 over the synced organisations and members.
import { loadConfigOrExit } from '@dangjian/config';
import { PiiCipher } from '../crypto/pii-cipher.js';
import { openDataSource } from '../data-source.js';
import { describeDatabaseError } from '../errors/database-error.js';
import { seedDemo, SeedError } from '../seed/index.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataSource = await openDataSource({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
  try {
    const summary = await seedDemo(dataSource, { cipher: new PiiCipher(config.PII_ENCRYPTION_KEY) });
    const width = Math.max(...summary.sections.map((s) => s.label.length));
    console.log(`演示数据（${summary.today}）：`);
    for (const section of summary.sections) {
      console.log(
        `  ${section.label.padEnd(width, '　')}  新增 ${String(section.created).padStart(5)}  已有 ${String(section.existing).padStart(5)}`,
      );
    }
    console.log(summary.created ? `共新增 ${summary.created} 条记录` : '演示数据已齐全，没有新增记录');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof SeedError) console.error(error.message);
  else if (
    error instanceof Error &&
    /ER_|ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN/.test(String((error as { code?: string }).code))
  )
    console.error(describeDatabaseError(error, 'DATABASE_URL'));
  else console.error(`写入演示数据失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

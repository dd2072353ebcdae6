#!/usr/bin/env node
// pnpm db:migrate | db:reset | migration:generate <Name>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit, redactUrl } from '@dangjian/config';
import { openDataSource } from '../data-source.js';
import { dropDatabase, ensureDatabase, migrate, pendingSchemaChanges } from '../database.js';
import { describeDatabaseError } from '../errors/database-error.js';

async function main(): Promise<void> {
  const command = process.argv[2];
  const config = loadConfigOrExit();
  const url = config.DATABASE_URL;
  if (command === 'reset') {
    if (config.NODE_ENV === 'production') {
      console.error('db:reset 在生产环境中被拒绝 (refused when NODE_ENV=production)');
      process.exit(1);
    }
    await dropDatabase(url);
    console.log(`dropped ${redactUrl(url)}`);
  }
  if (command === 'migrate' || command === 'reset') {
    await ensureDatabase(url);
    const dataSource = await openDataSource({ databaseUrl: url });
    try {
      const applied = await migrate(dataSource);
      console.log(applied.length ? `applied ${applied.join(', ')}` : 'the database is up to date');
    } finally {
      await dataSource.destroy();
    }
    return;
  }
  if (command === 'generate') {
    const name = process.argv[3];
    if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate <PascalCaseName>');
    const dataSource = await openDataSource({ databaseUrl: url });
    try {
      const queries = await pendingSchemaChanges(dataSource);
      if (!queries.length) {
        console.log('no schema changes');
        return;
      }
      const stamp = Date.now();
      const file = join(fileURLToPath(new URL('../../src/migrations/', import.meta.url)), `${stamp}-${name}.ts`);
      const body = queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
      writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${stamp} implements MigrationInterface {\n  name = '${name}${stamp}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${body}\n  }\n\n  async down(): Promise<void> {\n    throw new Error('restore from a backup to go back');\n  }\n}\n`,
      );
      console.log(`wrote ${file}: read it, tidy it, and add it to src/migrations/index.ts`);
    } finally {
      await dataSource.destroy();
    }
    return;
  }
  console.error('usage: db.js migrate | reset | generate <Name>');
  process.exit(2);
}

main().catch((error: unknown) => {
  console.error(describeDatabaseError(error, 'DATABASE_URL'));
  process.exit(1);
});

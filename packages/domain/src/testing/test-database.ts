import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../data-source.js';
import { dropDatabase, ensureDatabase, migrate } from '../database.js';

/** The server integration tests use: TEST_DATABASE_URL's server, or the local MariaDB/MySQL. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/dangjian';
}

export interface TestDatabase {
  url: string;
  name: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database of its own for one test file (created here, dropped by
 * `drop()`), so integration files never see each other's rows and can run in parallel.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `dangjian_${label.replace(/[^A-Za-z0-9]/g, '_').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  const dataSource = await openDataSource({ databaseUrl, poolSize: 5 });
  await migrate(dataSource);
  return {
    url: databaseUrl,
    name,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropDatabase(databaseUrl);
    },
  };
}

/** A unique BullMQ prefix for one test file, under the project's own namespace on a shared Redis. */
export function testQueuePrefix(label = 'test'): string {
  return `dangjian-test:${label}:${randomBytes(4).toString('hex')}`;
}

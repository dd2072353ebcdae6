import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { databaseNameOf } from './data-source.js';

/** Creates the database named in the URL if it is missing (utf8mb4, so every Chinese name fits). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = databaseNameOf(databaseUrl);
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`DATABASE_URL names a database "${name}" that is not a plain identifier`);
  url.pathname = '/';
  const connection = await createConnection({ uri: url.toString(), connectTimeout: 5000 });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = databaseNameOf(databaseUrl);
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  url.pathname = '/';
  const connection = await createConnection({ uri: url.toString(), connectTimeout: 5000 });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

/**
 * Runs pending migrations under a named lock, so that two processes (two gateways, a release Job)
 * never migrate at once. Returns the names of the migrations applied.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const lockName = `dangjian_migrate_${String((dataSource.options as { database?: string }).database ?? '')}`;
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, 120) AS got', [lockName])) as Array<{ got: number }>;
    if (Number(row?.got) !== 1) throw new Error('另一个进程正在执行数据库迁移，等待超时 (migration lock timeout)');
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lockName]);
    }
  } finally {
    await runner.release();
  }
}

/** The SQL a migration would need to bring the schema in line with the entities ("" when none). */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}


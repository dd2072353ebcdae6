import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A MySQL named lock for one database (the server is shared by several databases, the names are
 * server-wide). Held on its own connection: the server releases it when that connection ends, so a
 * killed worker never leaves it behind.
 */
export function namedLock(dataSource: DataSource, purpose: string): string {
  const database = String((dataSource.options as { database?: string }).database ?? '');
  const name = `dangjian:${purpose}:${database}`;
  return name.length <= 64
    ? name
    : `dangjian:${purpose}:${createHash('sha1').update(database).digest('hex').slice(0, 20)}`;
}

export interface HeldLock {
  runner: QueryRunner;
  release(): Promise<void>;
}

/** Takes the lock, waiting up to `waitSeconds`; null when another connection holds it. */
export async function acquireNamedLock(
  dataSource: DataSource,
  name: string,
  waitSeconds: number,
): Promise<HeldLock | null> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [name, waitSeconds])) as Array<{
      got: number | string | null;
    }>;
    if (Number(row?.got) !== 1) {
      await runner.release();
      return null;
    }
  } catch (error) {
    await runner.release();
    throw error;
  }
  return {
    runner,
    async release() {
      try {
        await runner.query('SELECT RELEASE_LOCK(?)', [name]);
      } catch {
        // The connection is gone, and the server released the lock with it.
      } finally {
        await runner.release();
      }
    },
  };
}

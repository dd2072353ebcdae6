import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingSchemaChanges } from '../database.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migrations');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('leave nothing for a new migration to generate once all have run', async () => {
    expect(await pendingSchemaChanges(db.dataSource)).toEqual([]);
  });

  it('create every table in utf8mb4', async () => {
    const rows: Array<{ TABLE_NAME: string; TABLE_COLLATION: string }> = await db.dataSource.query(
      'SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [db.name],
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(`${row.TABLE_NAME}:${row.TABLE_COLLATION}`).toMatch(/:utf8mb4_/);
  });
});

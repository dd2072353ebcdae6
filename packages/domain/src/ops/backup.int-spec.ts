import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../crypto/pii-cipher.js';
import { openDataSource } from '../data-source.js';
import { dropDatabase } from '../database.js';
import { DEMO_TODAY } from '../demo/index.js';
import { Member } from '../entities/member.entity.js';
import { insertUpstreamDemoForTests, seedDemo } from '../seed/index.js';
import { FULL_SCOPE } from '../services/access/index.js';
import { getSubdistrictOverview } from '../services/overview/index.js';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../testing/index.js';
import { backupDatabase, restoreDatabase, verifyBackup } from './backup.js';
import { OpsError } from './client-tools.js';

function urlFor(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables = (await dataSource.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
  )) as Array<{ name: string }>;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = (await dataSource.query(`SELECT COUNT(*) AS n FROM \`${name}\``)) as Array<{ n: string }>;
    counts[name] = Number(row.n);
  }
  return counts;
}

describe('backup and restore of the database', () => {
  let source: TestDatabase;
  let dir: string;
  const cipher = new PiiCipher(randomBytes(32).toString('hex'));
  const created: string[] = [];
  const newDatabaseUrl = () => {
    const url = urlFor(`dangjian_restore_${randomBytes(4).toString('hex')}`);
    created.push(url);
    return url;
  };

  beforeAll(async () => {
    source = await createTestDatabase('backup');
    await insertUpstreamDemoForTests(source.dataSource, cipher);
    await seedDemo(source.dataSource, { today: DEMO_TODAY, cipher });
    dir = await mkdtemp(join(tmpdir(), 'dangjian-backup-test-'));
  }, 180_000);

  afterAll(async () => {
    for (const url of created) await dropDatabase(url);
    await source?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('restores into a new empty database the same rows in every table and the same overview', async () => {
    const file = join(dir, 'dangjian.sql.gz');
    const backup = await backupDatabase(source.url, file);
    expect(backup.tables).toBeGreaterThan(20);
    expect((await stat(file)).size).toBe(backup.bytes);
    expect((await verifyBackup(file)).bytes).toBeGreaterThan(backup.bytes);

    const targetUrl = newDatabaseUrl();
    const restored = await restoreDatabase(file, targetUrl);
    expect(restored.tables).toBe(backup.tables);

    const target = await openDataSource({ databaseUrl: targetUrl, poolSize: 2 });
    try {
      const before = await rowCounts(source.dataSource);
      expect(before.member).toBeGreaterThan(100);
      expect(await rowCounts(target)).toEqual(before);
      expect(await getSubdistrictOverview(target, FULL_SCOPE, DEMO_TODAY)).toEqual(
        await getSubdistrictOverview(source.dataSource, FULL_SCOPE, DEMO_TODAY),
      );
      // Ciphertext comes back byte for byte: the same key still opens it.
      const [original] = await source.dataSource
        .getRepository(Member)
        .find({ order: { id: 'ASC' }, take: 1 });
      const copy = await target.getRepository(Member).findOneByOrFail({ id: original.id });
      expect(cipher.decrypt(copy.idCardCipher)).toBe(cipher.decrypt(original.idCardCipher));
      // The migrations table came along: nothing is pending on the restored database.
      expect(await target.showMigrations()).toBe(false);
    } finally {
      await target.destroy();
    }
  });

  it('refuses to restore over a database that already has tables, leaving it as it was', async () => {
    const file = join(dir, 'again.sql.gz');
    await backupDatabase(source.url, file);
    const before = await rowCounts(source.dataSource);
    await expect(restoreDatabase(file, source.url)).rejects.toThrow(/不是空的/);
    expect(await rowCounts(source.dataSource)).toEqual(before);
  });

  it('refuses a cut-short or foreign file before writing anything', async () => {
    const whole = join(dir, 'whole.sql.gz');
    await backupDatabase(source.url, whole);
    const bytes = await readFile(whole);
    const truncated = join(dir, 'truncated.sql.gz');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const plain = join(dir, 'plain.sql');
    await writeFile(plain, 'CREATE TABLE x (id INT);\n');

    const targetUrl = newDatabaseUrl();
    await expect(restoreDatabase(truncated, targetUrl)).rejects.toThrow(OpsError);
    await expect(restoreDatabase(plain, targetUrl)).rejects.toThrow(/不是 gzip/);
    await expect(restoreDatabase(join(dir, 'missing.sql.gz'), targetUrl)).rejects.toThrow(/不存在/);
    const probe = await openDataSource({ databaseUrl: urlFor(source.name), poolSize: 1 });
    try {
      const [row] = (await probe.query(
        'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?',
        [new URL(targetUrl).pathname.slice(1)],
      )) as Array<{ n: string }>;
      expect(Number(row.n)).toBe(0);
    } finally {
      await probe.destroy();
    }
  });

  it('says plainly when the database to back up does not exist', async () => {
    await expect(backupDatabase(urlFor('dangjian_no_such_db_x'), join(dir, 'none.sql.gz'))).rejects.toThrow(
      /没有任何表/,
    );
    await expect(backupDatabase(source.url, join(dir, 'no-such-dir', 'x.sql.gz'))).rejects.toThrow(
      /备份目录不存在/,
    );
  });
});

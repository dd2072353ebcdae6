import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../crypto/pii-cipher.js';
import { DEMO_TODAY } from '../../demo/index.js';
import { insertUpstreamDemoForTests, seedDemo } from '../../seed/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/index.js';
import { FULL_SCOPE, listMembers } from '../access/index.js';
import { encryptedTables, reencryptPersonalData, RekeyError } from './rekey.js';

type Snapshot = Map<string, Record<string, string | null>>;

describe('rotating PII_ENCRYPTION_KEY', () => {
  let db: TestDatabase;
  const oldKey = randomBytes(32).toString('hex');
  const newKey = randomBytes(32).toString('hex');
  const oldCipher = new PiiCipher(oldKey);
  const newCipher = new PiiCipher(newKey);
  /** table → id → column → plain value, read before the rotation. */
  const plainBefore = new Map<string, Map<string, Record<string, string | null>>>();
  const updatedBefore = new Map<string, string>();

  /** Every encrypted and hash column of every table, as stored. */
  async function stored(): Promise<Map<string, Snapshot>> {
    const result = new Map<string, Snapshot>();
    for (const table of encryptedTables(db.dataSource)) {
      const columns = [...table.cipherColumns, ...table.hashColumns.map((h) => h.hash)];
      const rows = (await db.dataSource.query(
        `SELECT id, ${columns.join(', ')}, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s.%f') AS updatedAt FROM ${table.table}`,
      )) as Array<Record<string, string | null>>;
      result.set(table.table, new Map(rows.map((row) => [String(row.id), row])));
    }
    return result;
  }

  beforeAll(async () => {
    db = await createTestDatabase('rekey');
    await insertUpstreamDemoForTests(db.dataSource, oldCipher);
    await seedDemo(db.dataSource, { today: DEMO_TODAY, cipher: oldCipher });
    for (const [table, rows] of await stored()) {
      const plain = new Map<string, Record<string, string | null>>();
      for (const [id, row] of rows) {
        const values: Record<string, string | null> = {};
        for (const [column, value] of Object.entries(row)) {
          if (column.endsWith('_cipher')) values[column] = value === null ? null : oldCipher.decrypt(value);
        }
        plain.set(id, values);
        updatedBefore.set(`${table}:${id}`, String(row.updatedAt));
      }
      plainBefore.set(table, plain);
    }
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('finds every encrypted column from the entities, with the keyed hash beside it', () => {
    const tables = encryptedTables(db.dataSource);
    expect(tables.map((t) => t.key)).toEqual(
      expect.arrayContaining(['members', 'instructors', 'staff', 'requests']),
    );
    const member = tables.find((t) => t.table === 'member')!;
    expect(member.cipherColumns).toEqual(['id_card_cipher', 'phone_cipher']);
    expect(member.hashColumns).toEqual([{ cipher: 'id_card_cipher', hash: 'id_card_hash' }]);
    // Password and API-key hashes are not keyed by the PII key: never touched.
    expect(tables.some((t) => t.table === 'user' || t.table === 'api_client')).toBe(false);
    for (const key of ['members', 'instructors', 'staff', 'requests']) {
      const table = tables.find((t) => t.key === key)!;
      expect(plainBefore.get(table.table)!.size).toBeGreaterThan(0);
    }
  });

  it('refuses keys that are malformed or the same, changing nothing', async () => {
    const before = await stored();
    await expect(reencryptPersonalData(db.dataSource, oldKey, oldKey)).rejects.toThrow(RekeyError);
    await expect(reencryptPersonalData(db.dataSource, 'abc', newKey)).rejects.toThrow(
      /OLD_PII_ENCRYPTION_KEY/,
    );
    await expect(reencryptPersonalData(db.dataSource, oldKey, 'xyz')).rejects.toThrow(/PII_ENCRYPTION_KEY/);
    expect(await stored()).toEqual(before);
  });

  it('resumes after an interruption and leaves every value readable with the new key only', async () => {
    // Stop the first run after two committed batches of members.
    await expect(
      reencryptPersonalData(db.dataSource, oldKey, newKey, {
        batchSize: 100,
        onBatch: ({ key, done }) => {
          if (key === 'members' && done >= 200) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');

    const report = await reencryptPersonalData(db.dataSource, oldKey, newKey, { batchSize: 100 });
    expect(report.members.alreadyCurrent).toBe(200);
    expect(report.members.reencrypted).toBe(report.members.rows - 200);
    expect(report.members.rows).toBe(plainBefore.get('member')!.size);
    expect(report.instructors.reencrypted).toBe(0);
    expect(report.instructors.alreadyCurrent).toBe(report.instructors.rows);
    expect(report.staff.reencrypted).toBeGreaterThan(0);
    expect(report.requests.reencrypted).toBeGreaterThan(0);

    for (const [table, rows] of await stored()) {
      for (const [id, row] of rows) {
        const plain = plainBefore.get(table)!.get(id)!;
        for (const [column, value] of Object.entries(plain)) {
          if (value === null) {
            expect(row[column]).toBeNull();
            continue;
          }
          expect(newCipher.decrypt(row[column]!)).toBe(value);
          expect(() => oldCipher.decrypt(row[column]!)).toThrow();
        }
        if (table === 'member') expect(row.id_card_hash).toBe(newCipher.lookupHash(plain.id_card_cipher!));
        // A rotation is not an edit.
        expect(row.updatedAt).toBe(updatedBefore.get(`${table}:${id}`));
      }
    }
  });

  it('finds a member by id card number with the new key, and no longer with the old one', async () => {
    const [id, plain] = [...plainBefore.get('member')!.entries()][37];
    const idCard = plain.id_card_cipher!;
    const found = await listMembers(db.dataSource, FULL_SCOPE, newCipher, { search: idCard }, { first: 5 });
    expect(found.nodes.map((m) => m.id)).toEqual([id]);
    const stale = await listMembers(db.dataSource, FULL_SCOPE, oldCipher, { search: idCard }, { first: 5 });
    expect(stale.nodes).toEqual([]);
  });

  it('changes nothing when run again', async () => {
    const before = await stored();
    const report = await reencryptPersonalData(db.dataSource, oldKey, newKey, { batchSize: 1000 });
    for (const count of Object.values(report)) {
      expect(count.reencrypted).toBe(0);
      expect(count.alreadyCurrent).toBe(count.rows);
    }
    expect(await stored()).toEqual(before);
  });

  it('stops with a plain error, writing nothing, when the old key is not the one the data is under', async () => {
    const before = await stored();
    const wrongOld = randomBytes(32).toString('hex');
    const newer = randomBytes(32).toString('hex');
    await expect(reencryptPersonalData(db.dataSource, wrongOld, newer)).rejects.toThrow(
      /既不能用旧密钥也不能用新密钥解密/,
    );
    expect(await stored()).toEqual(before);
  });
});

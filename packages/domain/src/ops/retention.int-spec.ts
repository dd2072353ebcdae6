import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../entities/audit-log.entity.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { OpsError } from './client-tools.js';
import { purgeAuditLogs } from './retention.js';

const DAY = 24 * 3600 * 1000;
const NOW = new Date('2026-07-01T04:00:00.000Z');

describe('audit retention', () => {
  let db: TestDatabase;

  async function insertAged(ages: number[]): Promise<void> {
    const rows = ages.map((days, i) => ({
      at: new Date(NOW.getTime() - days * DAY),
      actor: 'admin',
      action: 'LOGIN',
      entityType: 'User',
      entityId: String(i + 1),
    }));
    for (let start = 0; start < rows.length; start += 500) {
      await db.dataSource.getRepository(AuditLog).insert(rows.slice(start, start + 500));
    }
  }

  async function agesLeft(): Promise<number[]> {
    const rows = await db.dataSource
      .getRepository(AuditLog)
      .find({ where: { action: 'LOGIN' }, order: { at: 'ASC' } });
    return rows.map((row) => Math.round((NOW.getTime() - row.at.getTime()) / DAY));
  }

  beforeAll(async () => {
    db = await createTestDatabase('retention');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('refuses a retention shorter than six months before touching anything', async () => {
    await insertAged([400, 10]);
    await expect(purgeAuditLogs(db.dataSource, { retentionDays: 179, now: NOW })).rejects.toThrow(OpsError);
    await expect(purgeAuditLogs(db.dataSource, { retentionDays: 30, now: NOW })).rejects.toThrow(
      /不能少于 180 天/,
    );
    await expect(purgeAuditLogs(db.dataSource, { retentionDays: 200.5, now: NOW })).rejects.toThrow(OpsError);
    expect(await agesLeft()).toEqual([400, 10]);
    await db.dataSource.getRepository(AuditLog).clear();
  });

  it('deletes, batch by batch, only the rows older than the default 180 days, and records that it did', async () => {
    const old = Array.from({ length: 1203 }, (_, i) => 181 + (i % 300));
    await insertAged([...old, 179, 100, 0]);
    const preview = await purgeAuditLogs(db.dataSource, { now: NOW, dryRun: true });
    expect(preview).toMatchObject({ deleted: 1203, retentionDays: 180, dryRun: true });
    expect((await agesLeft()).length).toBe(1206);

    const batches: number[] = [];
    const result = await purgeAuditLogs(db.dataSource, {
      now: NOW,
      batchSize: 250,
      onBatch: (n) => batches.push(n),
    });
    expect(result.deleted).toBe(1203);
    expect(result.cutoff.toISOString()).toBe('2026-01-02T04:00:00.000Z');
    expect(batches).toEqual([250, 500, 750, 1000, 1203]);
    expect(await agesLeft()).toEqual([179, 100, 0]);

    const trail = await db.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'DELETE', entityType: 'AuditLog' });
    expect(trail.actor).toBe('system');
    expect(trail.reason).toContain('1203');

    const again = await purgeAuditLogs(db.dataSource, { now: NOW });
    expect(again.deleted).toBe(0);
    expect(await db.dataSource.getRepository(AuditLog).countBy({ action: 'DELETE' })).toBe(1);
  });

  it('keeps a longer retention when asked', async () => {
    await db.dataSource.getRepository(AuditLog).clear();
    await insertAged([800, 500, 365]);
    const result = await purgeAuditLogs(db.dataSource, { now: NOW, retentionDays: 366 });
    expect(result.deleted).toBe(2);
    expect(await agesLeft()).toEqual([365]);
  });
});

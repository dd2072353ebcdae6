import { describe, expect, it } from 'vitest';
import { createDataSource, databaseNameOf, dataSourceOptions } from './data-source.js';

describe('dataSourceOptions', () => {
  it('connects straight to the primary when no replica is configured', () => {
    const options = dataSourceOptions({
      databaseUrl: 'mysql://app:test%40pass@db.internal:3307/dangjian',
      replicaUrls: [],
    }) as unknown as Record<string, unknown>;
    expect(options.replication).toBeUndefined();
    expect(options).toMatchObject({
      host: 'db.internal',
      port: 3307,
      username: 'app',
      password: 'test@pass',
      database: 'dangjian',
    });
  });

  it('with replicas, names the primary and each replica, and keeps every read on the primary unless asked', () => {
    const options = dataSourceOptions({
      databaseUrl: 'mysql://app:pw@primary:3306/dangjian',
      replicaUrls: ['mysql://reader:pw1@replica-1:3306/dangjian', 'mysql://reader:pw2@replica-2/dangjian'],
    });
    const replication = (options as { replication?: Record<string, unknown> }).replication;
    expect(replication).toBeDefined();
    expect(replication?.master).toMatchObject({
      host: 'primary',
      port: 3306,
      username: 'app',
      database: 'dangjian',
    });
    expect(replication?.slaves).toEqual([
      expect.objectContaining({ host: 'replica-1', port: 3306, username: 'reader', password: 'pw1' }),
      expect.objectContaining({ host: 'replica-2', port: 3306, username: 'reader', password: 'pw2' }),
    ]);
    // Query builders and repositories outside transactions would otherwise read from a replica.
    expect(replication?.defaultMode).toBe('master');
    // Without it, mysql2 drops a server that refused a few connections for the life of the process.
    expect(replication?.restoreNodeTimeout).toBeGreaterThan(0);
    // No top-level host: TypeORM must build the pool cluster, not a single pool.
    expect((options as { host?: string }).host).toBeUndefined();
  });

  it('gives TypeORM reads the primary by default with replicas configured', () => {
    const source = createDataSource({
      databaseUrl: 'mysql://app@primary/dangjian',
      replicaUrls: ['mysql://app@replica/dangjian'],
    });
    expect(source.defaultReplicationModeForReads()).toBe('master');
  });

  it('reads the database name from a URL', () => {
    expect(databaseNameOf('mysql://root@127.0.0.1:3306/dangjian_test')).toBe('dangjian_test');
  });
});

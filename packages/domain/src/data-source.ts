import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

export type DatabaseFlavour = 'mysql' | 'mariadb';

export interface DataSourceSettings {
  databaseUrl: string;
  /** MariaDB reports column defaults differently; TypeORM needs to know which server it talks to. */
  flavour?: DatabaseFlavour;
  replicaUrls?: string[];
  /** Only unit tests may turn this on; everything else goes through migrations. */
  synchronize?: boolean;
  logging?: boolean;
  poolSize?: number;
}

function connectionOf(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    username: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  };
}

/** The database name a URL points at. */
export function databaseNameOf(url: string): string {
  return connectionOf(url).database;
}

/** How long a server that refused connections is left out of the pool cluster before a retry. */
const REPLICATION_RESTORE_NODE_MS = 2000;

export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  const primary = connectionOf(settings.databaseUrl);
  const common = {
    type: (settings.flavour ?? 'mysql') as 'mysql',
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: settings.synchronize ?? false,
    logging: settings.logging ?? false,
    poolSize: settings.poolSize ?? 10,
    extra: { connectTimeout: 5000 },
  };
  const replicas = settings.replicaUrls ?? [];
  if (replicas.length === 0) return { ...common, ...primary };
  return {
    ...common,
    replication: {
      master: primary,
      slaves: replicas.map(connectionOf),
      // TypeORM would send every query-builder and repository read outside a transaction to a
      // replica, with no regard for what this process has just written (a revoked token, a user's
      // failed sign-ins, a record read back to be changed). Everything stays on the primary unless
      // a caller asks for a replica by name: the gateway's single-statement reads do
      // (apps/gateway/src/common/database.service.ts), behind a read-your-writes window.
      defaultMode: 'master' as const,
      // mysql2 drops a server from the pool cluster for good after a few failed connection
      // attempts unless it is given a time to come back: after a restart of the primary or of a
      // replica, the process would never use it again. Offline for this long, then tried again.
      restoreNodeTimeout: REPLICATION_RESTORE_NODE_MS,
    },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

const flavours = new Map<string, DatabaseFlavour>();

/** Asks the server whether it is MariaDB or MySQL (once per URL). */
export async function detectFlavour(databaseUrl: string): Promise<DatabaseFlavour> {
  const known = flavours.get(databaseUrl);
  if (known) return known;
  const url = new URL(databaseUrl);
  url.pathname = '/';
  const connection = await createConnection({ uri: url.toString(), connectTimeout: 5000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
    const flavour: DatabaseFlavour = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
    flavours.set(databaseUrl, flavour);
    return flavour;
  } finally {
    await connection.end();
  }
}

/** Detects the server, builds the data source and connects it. */
export async function openDataSource(settings: DataSourceSettings): Promise<DataSource> {
  const flavour = settings.flavour ?? (await detectFlavour(settings.databaseUrl));
  return createDataSource({ ...settings, flavour }).initialize();
}

import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@dangjian/config';
import { dataSourceOptions, describeDatabaseError, detectFlavour, type Queryable } from '@dangjian/domain';
import { DataSource, type Logger as TypeOrmLogger, type QueryRunner } from 'typeorm';
import type { GatewayOptions } from '../gateway-options.js';
import { GatewayError, isDatabaseUnavailable } from './errors.js';
import { CONFIG, GATEWAY_OPTIONS } from './tokens.js';

/**
 * After this process changes data, its reads stay on the primary for this long. The console
 * refetches right after a mutation (and a mutation's own answer is read through the batch
 * loaders), so a replica that lags by even a fraction of a second would show the old record. The
 * window is per process, not per user: it needs no identity at this level, writes here are people
 * saving forms (rare next to reads), and being on the primary for a few seconds more than needed
 * only costs the replica some load. A replica lagging by more than this shows stale rows again;
 * replication lag is watched in operations (docs/operations.md, "Read replicas").
 */
export const READ_YOUR_WRITES_MS = 5000;

/** Statements that change data, and those that end a transaction. */
const WRITE_OR_END = /^\s*(INSERT|UPDATE|DELETE|REPLACE|COMMIT|ROLLBACK)\b/i;

/** When this process last wrote to the primary (monotonic clock). */
class WriteClock {
  private last = Number.NEGATIVE_INFINITY;
  note(): void {
    this.last = performance.now();
  }
  get recent(): boolean {
    return performance.now() - this.last < READ_YOUR_WRITES_MS;
  }
}

/**
 * Passes every statement to the `onSql` hook; TypeORM's own logging stays off. With read replicas
 * it also notes the writes: every statement TypeORM sends (transactions, mutations, audit rows)
 * goes to the primary and passes through here as it is sent. A write is noted when sent and again
 * when its transaction commits (the window counts from there); a transaction that only read is
 * not a write.
 */
class StatementLogger implements TypeOrmLogger {
  /** Query runners whose open transaction has written. */
  private readonly writing = new WeakSet<QueryRunner>();

  constructor(
    private readonly onSql: ((statement: string) => void) | null,
    private readonly writes: WriteClock | null,
  ) {}
  logQuery(query: string, _parameters?: unknown[], runner?: QueryRunner): void {
    this.onSql?.(query);
    if (!this.writes) return;
    const verb = WRITE_OR_END.exec(query)?.[1]?.toUpperCase();
    if (!verb) return;
    if (verb === 'COMMIT' || verb === 'ROLLBACK') {
      if (runner && this.writing.delete(runner) && verb === 'COMMIT') this.writes.note();
      return;
    }
    this.writes.note();
    if (runner?.isTransactionActive) this.writing.add(runner);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** The part of mysql2's pool that runs one statement on a free connection and gives it back. */
interface StatementPool {
  query(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
}

/** The part of mysql2's pool cluster (kept by TypeORM with replicas) that names a set of servers. */
interface StatementCluster {
  of(pattern: string): StatementPool;
}

/**
 * Single statements straight on TypeORM's own connection pool: what `dataSource.query` does (it
 * too runs on the primary, with the same connection settings), without a query runner, a pool
 * checkout and a promise wrapper created around every statement, which cost more than reading a
 * page's organisations. Statements still go to the `onSql` hook. With read replicas configured the
 * driver keeps a pool cluster instead: see `replicaStatements`.
 */
function pooledStatements(source: DataSource, onSql: ((statement: string) => void) | null): Queryable {
  const pool = (source.driver as unknown as { pool?: StatementPool }).pool;
  if (!pool || typeof pool.query !== 'function') return source;
  return {
    query(text: string, params: unknown[] = []): Promise<unknown> {
      onSql?.(text);
      return new Promise((resolve, reject) => {
        pool.query(text, params, (error, rows) => (error ? reject(error) : resolve(rows)));
      });
    },
  };
}

function runOn(pool: StatementPool, text: string, params: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    pool.query(text, params, (error, rows) => (error ? reject(error) : resolve(rows)));
  });
}

/** The replicas could not be reached at all (as opposed to a statement that failed on one). */
function replicaUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // POOL_NONEONLINE: every replica is left out for a while after failed connections (the pool
  // cluster's restoreNodeTimeout, set in packages/domain/src/data-source.ts).
  return isDatabaseUnavailable(error) || (typeof code === 'string' && code.startsWith('POOL_'));
}

/**
 * Single statements on the replicas (TypeORM's "SLAVE…" servers, in turn), straight on the pool
 * cluster the driver already keeps: one checkout per statement, given back by mysql2 when the
 * statement ends, like the pooled path, and the same connection settings as every other
 * connection. Within `READ_YOUR_WRITES_MS` of a write by this process, and whenever no replica
 * answers, they go to the primary instead. Everything else (transactions, mutations, audit rows,
 * reads through the data source) never comes here and stays on the primary.
 */
function replicaStatements(
  cluster: StatementCluster,
  writes: WriteClock,
  onSql: ((statement: string) => void) | null,
  onFallback: (error: unknown) => void,
): Queryable {
  const replicas = cluster.of('SLAVE*');
  const primary = cluster.of('MASTER');
  return {
    query(text: string, params: unknown[] = []): Promise<unknown> {
      onSql?.(text);
      if (writes.recent) return runOn(primary, text, params);
      return runOn(replicas, text, params).catch((error: unknown) => {
        if (!replicaUnreachable(error)) throw error;
        onFallback(error);
        return runOn(primary, text, params);
      });
    },
  };
}

export interface HealthCheck {
  ok: boolean;
  error: string | null;
}

/**
 * The connection to MySQL. The gateway starts whether or not MySQL answers: it keeps trying in the
 * background (growing waits) and serves /healthz meanwhile; requests that need the database get a
 * clean "database unavailable" error until it is reached. Once connected, the driver's pool
 * reconnects by itself after an outage. Migrations are never run here.
 */
@Injectable()
export class DatabaseService implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private source: DataSource | null = null;
  private pooled: Queryable | null = null;
  /** Only with read replicas: when this process last wrote (see READ_YOUR_WRITES_MS). */
  private readonly writes: WriteClock | null;
  private replicaFallbackLoggedAt = Number.NEGATIVE_INFINITY;
  private lastError: string | null = 'not connected yet';
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private readonly readyCallbacks: Array<(dataSource: DataSource) => Promise<void>> = [];
  private connecting: Promise<void> | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {
    this.writes = config.DATABASE_REPLICA_URLS.length > 0 ? new WriteClock() : null;
  }

  /** Starts connecting (in the background); `onReady` callbacks run once connected. */
  start(): void {
    if (!this.connecting) this.connecting = this.connectLoop();
  }

  /** Runs after the first successful connection (e.g. ensuring the first administrator). */
  onReady(callback: (dataSource: DataSource) => Promise<void>): void {
    this.readyCallbacks.push(callback);
  }

  get isReady(): boolean {
    return this.source?.isInitialized === true;
  }

  /** The data source, or a clean error while MySQL has not been reached. */
  get dataSource(): DataSource {
    if (!this.source?.isInitialized) throw GatewayError.databaseUnavailable();
    return this.source;
  }

  /**
   * For reads of one statement each (lists and the batch loaders): the same results as
   * `dataSource.query`, for less work per statement, and on a read replica when there are some
   * (except right after this process wrote). Transactions and writes take the data source.
   */
  get statements(): Queryable {
    const source = this.dataSource;
    this.pooled ??= this.statementsFor(source);
    return this.pooled;
  }

  private statementsFor(source: DataSource): Queryable {
    const cluster = (source.driver as unknown as { poolCluster?: StatementCluster }).poolCluster;
    if (!this.writes || !cluster || typeof cluster.of !== 'function') {
      return pooledStatements(source, this.options.onSql);
    }
    return replicaStatements(cluster, this.writes, this.options.onSql, (error) => {
      // At most once a minute: a replica that stays down would otherwise log with every read.
      if (performance.now() - this.replicaFallbackLoggedAt < 60_000) return;
      this.replicaFallbackLoggedAt = performance.now();
      this.logger.warn(
        `no read replica answers (${describeDatabaseError(error, 'DATABASE_REPLICA_URLS')}); reading from the primary`,
      );
    });
  }

  /** Resolves once connected (or throws after `timeoutMs`). */
  async waitUntilReady(timeoutMs: number): Promise<DataSource> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isReady) {
      if (Date.now() > deadline) throw new Error(`database not ready: ${this.lastError ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.dataSource;
  }

  async check(): Promise<HealthCheck> {
    if (!this.source?.isInitialized) return { ok: false, error: this.lastError };
    try {
      await withTimeout(this.source.query('SELECT 1'), 2000, 'database ping timed out');
      return { ok: true, error: null };
    } catch (error) {
      return { ok: false, error: describeDatabaseError(error) };
    }
  }

  private async connectLoop(): Promise<void> {
    let wait = this.options.databaseRetryMs.initial;
    let lastLogged: string | null = null;
    while (!this.stopped) {
      try {
        const flavour = await detectFlavour(this.config.DATABASE_URL);
        const source = new DataSource({
          ...dataSourceOptions({
            databaseUrl: this.config.DATABASE_URL,
            replicaUrls: this.config.DATABASE_REPLICA_URLS,
            flavour,
            poolSize: this.options.databasePoolSize,
          }),
          logger: new StatementLogger(this.options.onSql, this.writes),
        });
        await source.initialize();
        if (this.stopped) {
          await source.destroy();
          return;
        }
        this.source = source;
        this.lastError = null;
        this.logger.log('connected to MySQL');
        for (const callback of this.readyCallbacks) {
          try {
            await callback(source);
          } catch (error) {
            this.logger.error(`start-up task failed: ${(error as Error).message}`);
          }
        }
        return;
      } catch (error) {
        this.lastError = describeDatabaseError(error);
        if (this.lastError !== lastLogged) {
          this.logger.warn(`${this.lastError} — retrying in the background`);
          lastLogged = this.lastError;
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, wait);
        });
        wait = Math.min(wait * 2, this.options.databaseRetryMs.max);
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.connecting?.catch(() => undefined);
    if (this.source?.isInitialized) await this.source.destroy();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

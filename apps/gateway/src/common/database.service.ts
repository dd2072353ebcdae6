import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@dangjian/config';
import { dataSourceOptions, describeDatabaseError, detectFlavour, type Queryable } from '@dangjian/domain';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import type { GatewayOptions } from '../gateway-options.js';
import { GatewayError } from './errors.js';
import { CONFIG, GATEWAY_OPTIONS } from './tokens.js';

/** Passes every statement to the `onSql` hook; TypeORM's own logging stays off. */
class StatementLogger implements TypeOrmLogger {
  constructor(private readonly onSql: ((statement: string) => void) | null) {}
  logQuery(query: string): void {
    this.onSql?.(query);
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

/**
 * Single statements straight on TypeORM's own connection pool: what `dataSource.query` does (it
 * too runs on the primary, with the same connection settings), without a query runner, a pool
 * checkout and a promise wrapper created around every statement, which cost more than reading a
 * page's organisations. Statements still go to the `onSql` hook. With read replicas configured the
 * driver keeps a pool cluster instead, and the data source itself is used.
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
  private lastError: string | null = 'not connected yet';
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private readonly readyCallbacks: Array<(dataSource: DataSource) => Promise<void>> = [];
  private connecting: Promise<void> | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

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
   * `dataSource.query`, for less work per statement. Transactions still take the data source.
   */
  get statements(): Queryable {
    const source = this.dataSource;
    this.pooled ??= pooledStatements(source, this.options.onSql);
    return this.pooled;
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
          logger: new StatementLogger(this.options.onSql),
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

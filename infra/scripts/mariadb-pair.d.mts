// Types for the private MariaDB pair, for the TypeScript tests that import it.
export interface PrivateMariaDb {
  name: string;
  port: number;
  /** mysql://root@127.0.0.1:<port>/ (no database). */
  url: string;
  urlFor(database: string): string;
  logFile: string;
  sql<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]>;
  stop(graceMs?: number): Promise<void>;
}
export interface MariaDbPair {
  dir: string;
  primary: PrivateMariaDb;
  replica: PrivateMariaDb;
  waitForReplica(timeoutSeconds?: number): Promise<void>;
  pauseReplication(): Promise<void>;
  resumeReplication(): Promise<void>;
  stop(): Promise<void>;
}
export function mariadbBinaries(): { server: string; installDb: string };
export function startPrivateMariaDb(options: {
  dir: string;
  name: string;
  options?: string[];
  timeoutMs?: number;
}): Promise<PrivateMariaDb>;
export function startMariaDbPair(options?: { parentDir?: string }): Promise<MariaDbPair>;

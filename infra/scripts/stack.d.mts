// Types for the stack runner, for the TypeScript end-to-end tests that import it.
export interface RunningProcess {
  name: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(graceMs?: number): Promise<void>;
}
export interface RunningStack {
  processes: RunningProcess[];
  stop(): Promise<void>;
}
export function startStack(
  env: NodeJS.ProcessEnv,
  options?: { log?: (line: string) => void; watch?: boolean; simulator?: boolean; seed?: boolean },
): Promise<RunningStack>;
export function waitForHttp(url: string, options?: { timeoutMs?: number }): Promise<void>;
export function createDatabase(serverUrl: string, name: string): Promise<string>;
export function dropDatabase(databaseUrl: string): Promise<void>;
export function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void>;
export function freeLoopbackPort(): Promise<number>;
export interface StackInfo {
  baseUrl: string;
  simulatorUrl: string;
  upstreamToken: string;
  adminUsername: string;
  adminPassword: string;
  databaseUrl: string;
}
export function startIsolatedStack(options: {
  label: string;
  logFile: string;
  services: { DATABASE_URL: string; REDIS_URL: string };
  adminPassword?: string;
  extraEnv?: NodeJS.ProcessEnv;
}): Promise<{ info: StackInfo; stop(): Promise<void> }>;

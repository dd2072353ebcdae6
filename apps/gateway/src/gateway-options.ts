import type { LoggerService, LogLevel } from '@nestjs/common';

/** Limits on one GraphQL operation (beyond them: QUERY_TOO_COMPLEX). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  /** Estimated cost: every field 1, a list field `first` (or 10) times its selection. */
  maxCost: number;
}

export interface ThrottleLimits {
  /** Requests per minute for one API key. */
  apiKeyRequestsPerMinute: number;
  /** Requests per minute without credentials from one client address (sign-in, public views). */
  anonymousRequestsPerMinute: number;
  /** Sign-in attempts per window for one username, and for one client address. */
  loginAttemptsPerUser: number;
  loginAttemptsPerAddress: number;
  loginWindowSeconds: number;
  /** Consecutive wrong passwords that lock an account, and for how long. */
  lockAfterFailures: number;
  lockMinutes: number;
}

export interface TokenLifetimes {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
}

/**
 * What the process environment does not configure: the built-in limits, and hooks for tests.
 * Everything has a production default; tests tighten the limits to reach them quickly.
 */
export interface GatewayOptions {
  limits: QueryLimits;
  throttle: ThrottleLimits;
  tokens: TokenLifetimes;
  /** Request bodies above this are refused with 413 (bytes). */
  maxBodyBytes: number;
  databasePoolSize: number;
  /** First and longest wait between attempts to reach MySQL while it is down. */
  databaseRetryMs: { initial: number; max: number };
  /** The built console (index.html and assets); served at / when present. */
  consoleDir: string | null;
  /** Express "trust proxy": which hops may set X-Forwarded-For (client address for throttling). */
  trustProxy: boolean | string | number;
  logger: LoggerService | LogLevel[] | false;
  /** Called with every SQL statement the gateway sends (metrics and tests). */
  onSql: ((statement: string) => void) | null;
  /** False builds the app without reaching MySQL or Redis at all (printing the schema). */
  connect: boolean;
}

export const DEFAULT_GATEWAY_OPTIONS: GatewayOptions = {
  limits: { maxDepth: 10, maxAliases: 30, maxCost: 10_000 },
  throttle: {
    apiKeyRequestsPerMinute: 600,
    anonymousRequestsPerMinute: 300,
    loginAttemptsPerUser: 10,
    loginAttemptsPerAddress: 50,
    loginWindowSeconds: 600,
    lockAfterFailures: 5,
    lockMinutes: 15,
  },
  tokens: { accessTokenSeconds: 15 * 60, refreshTokenSeconds: 7 * 24 * 3600 },
  maxBodyBytes: 1024 * 1024,
  databasePoolSize: 20,
  databaseRetryMs: { initial: 500, max: 10_000 },
  consoleDir: null,
  trustProxy: 'loopback',
  logger: ['log', 'warn', 'error'],
  onSql: null,
  connect: true,
};

export type GatewayOptionsInput = Partial<Omit<GatewayOptions, 'limits' | 'throttle' | 'tokens' | 'databaseRetryMs'>> & {
  limits?: Partial<QueryLimits>;
  throttle?: Partial<ThrottleLimits>;
  tokens?: Partial<TokenLifetimes>;
  databaseRetryMs?: Partial<GatewayOptions['databaseRetryMs']>;
};

export function resolveGatewayOptions(input: GatewayOptionsInput = {}): GatewayOptions {
  return {
    ...DEFAULT_GATEWAY_OPTIONS,
    ...input,
    limits: { ...DEFAULT_GATEWAY_OPTIONS.limits, ...input.limits },
    throttle: { ...DEFAULT_GATEWAY_OPTIONS.throttle, ...input.throttle },
    tokens: { ...DEFAULT_GATEWAY_OPTIONS.tokens, ...input.tokens },
    databaseRetryMs: { ...DEFAULT_GATEWAY_OPTIONS.databaseRetryMs, ...input.databaseRetryMs },
  };
}

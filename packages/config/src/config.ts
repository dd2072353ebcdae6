import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { dataDir } from './paths.js';

/** Secrets that production must be given; development generates them once into .data/. */
const SECRET_NAMES = ['JWT_SECRET', 'PII_ENCRYPTION_KEY'] as const;
type SecretName = (typeof SECRET_NAMES)[number];

const url = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

const cron = z
  .string()
  .refine((value) => /^(\S+\s+){4,5}\S+$/.test(value.trim()), { message: 'must be a cron pattern like "0 2 * * *"' });

const port = z.coerce.number().int().min(1).max(65535);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: url(['mysql:', 'mariadb:'], 'mysql://root@127.0.0.1:3306/dangjian').default(
    'mysql://root@127.0.0.1:3306/dangjian',
  ),
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(url(['mysql:', 'mariadb:'], 'mysql://reader@10.0.0.2:3306/dangjian'))),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379/0').default('redis://127.0.0.1:6379/0'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_{}-]+$/, 'may hold only letters, digits and : _ - { }')
    .default('dangjian'),
  PORT: port.default(4000),
  WORKER_PORT: port.default(4001),
  UPSTREAM_SIM_PORT: port.default(4100),
  UPSTREAM_URL: url(['http:', 'https:'], 'http://127.0.0.1:4100').optional(),
  UPSTREAM_TOKEN: z.string().min(1).default('dev-upstream-token'),
  UPSTREAM_ROOT_ORG: z.string().regex(/^\d{12,15}$/, 'must be an organisation code of 12–15 digits').default('410104001000'),
  UPSTREAM_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  SYNC_CRON: cron.default('0 2 * * *'),
  /**
   * The worker's CPU priority below the gateway's (a nice value, 0 to 19; 0: the same). Where they
   * share a machine, a sync in office hours then takes the CPU the console's requests leave.
   */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * How many feed pages a sync applies to MySQL at once. Three make the fastest sync on a database
   * of its own; on one machine shared with the console in office hours, one is as fast (the CPU is
   * the limit) and leaves the console's queries their share (docs/operations.md).
   */
  SYNC_APPLY_LANES: z.coerce.number().int().min(1).max(8).default(3),
  TZ: z.string().default('Asia/Shanghai'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PII_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (a 256-bit key)')
    .optional(),
  DANGJIAN_ADMIN_USERNAME: z.string().min(3).default('admin'),
  DANGJIAN_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  /** Express "trust proxy": which hops may set X-Forwarded-For (e.g. "loopback", "10.0.0.0/8", 1). */
  TRUST_PROXY: z.string().default('loopback'),
  /** The highest estimated cost a GraphQL query may have before it is refused (QUERY_TOO_COMPLEX). */
  GATEWAY_MAX_QUERY_COST: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  /** Where the built console is; by default apps/console/dist beside the gateway. */
  CONSOLE_DIST: z.string().optional(),
  /** The lowest level of the JSON log lines the gateway and the worker write (docs/operations.md, Logs). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

type Parsed = z.infer<typeof configSchema>;
export type Config = Omit<Parsed, SecretName | 'UPSTREAM_URL'> & {
  JWT_SECRET: string;
  PII_ENCRYPTION_KEY: string;
  UPSTREAM_URL: string;
  /** True when a secret was generated for development rather than given. */
  generatedSecrets: SecretName[];
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Known development defaults that production must never run with. */
const DEV_SECRET_MARKERS = ['dev', 'change-me', 'changeme', 'secret', 'dangjian'];

function generatedSecrets(): Record<SecretName, string> {
  const file = join(dataDir(), 'secrets.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<SecretName, string>>;
    if (saved.JWT_SECRET && saved.PII_ENCRYPTION_KEY) return saved as Record<SecretName, string>;
  }
  const secrets = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
  mkdirSync(dataDir(), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Reads and validates the environment once. Every problem is listed together so that an operator
 * fixes them in one go; production refuses missing or development secrets.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`),
    );
  }
  const parsed = result.data;
  const problems: string[] = [];
  const generated: SecretName[] = [];
  const secrets = {} as Record<SecretName, string>;
  let devSecrets: Record<SecretName, string> | undefined;
  for (const name of SECRET_NAMES) {
    const value = parsed[name];
    if (parsed.NODE_ENV === 'production') {
      if (!value) problems.push(`${name} is required in production`);
      else if (DEV_SECRET_MARKERS.some((marker) => value.toLowerCase().startsWith(marker)))
        problems.push(`${name} looks like a development value; production needs a real secret`);
      else secrets[name] = value;
    } else if (value) {
      secrets[name] = value;
    } else {
      devSecrets ??= generatedSecrets();
      secrets[name] = devSecrets[name];
      generated.push(name);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    ...parsed,
    ...secrets,
    UPSTREAM_URL: parsed.UPSTREAM_URL ?? `http://127.0.0.1:${parsed.UPSTREAM_SIM_PORT}`,
    generatedSecrets: generated,
  };
}

/** For process entry points: print the problems as plain sentences and exit, never a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** A URL with its password hidden, for logs and error messages. */
export function redactUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return value;
  }
}

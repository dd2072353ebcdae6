import { hostname } from 'node:os';
import { redactPaths } from '@dangjian/domain';
import { pino, type Logger as Pino } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  /** The same logger with these fields on every line (a job's queue, id, name and request id). */
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * One JSON line per event (pino): time, level, service, message, then the fields, with any
 * error reduced to its message, so that a log collector can filter by runId, queue or requestId.
 * `write` takes the lines instead of stderr (the `pnpm sync` CLI keeps stdout for its own lines).
 */
export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const base = pino(
    {
      level,
      base: { service: 'worker', pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths(), censor: '[redacted]' },
    },
    { write },
  );
  return bound(base, {});
}

/**
 * Bindings are merged here rather than with pino's own children, so that a line's field wins over
 * a binding of the same name (a push job for one request sending an entry written by another)
 * instead of both landing in the line as duplicate keys.
 */
function bound(base: Pino, bindings: Record<string, unknown>): Logger {
  const emit = (
    at: 'error' | 'warn' | 'info' | 'debug',
    message: string,
    fields?: Record<string, unknown>,
  ) => {
    if (!base.isLevelEnabled(at)) return;
    base[at]({ ...bindings, ...plain(fields) }, message);
  };
  return {
    error: (message, fields) => emit('error', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    info: (message, fields) => emit('info', message, fields),
    debug: (message, fields) => emit('debug', message, fields),
    child: (more) => bound(base, { ...bindings, ...more }),
  };
}

export const silentLogger: Logger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

/** Errors as their message: a stack trace in every retried job's line would drown the rest. */
function plain(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = value instanceof Error ? value.message : value;
  return out;
}

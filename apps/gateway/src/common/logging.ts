import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pino, type DestinationStream, type Level, type LevelWithSilent, type Logger as Pino } from 'pino';
import { isWellFormedRequestId, redactPaths } from '@dangjian/domain';
import { requestInfo } from './principal.js';

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const FIRST_OPERATION =
  /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]{0,99})/;

/**
 * The id of this request: the one already given to it, else the caller's X-Request-Id when well
 * formed (a proxy or another service following its own request through ours), else a new UUID.
 * It is echoed as the X-Request-Id response header, goes on every log line of the request and
 * into the jobs the request causes.
 */
export function requestIdOf(req: IncomingMessage, res?: ServerResponse): string {
  const holder = req as IncomingMessage & { id?: unknown };
  if (isWellFormedRequestId(holder.id)) return holder.id;
  const incoming = req.headers['x-request-id'];
  const id = isWellFormedRequestId(incoming) ? incoming : randomUUID();
  holder.id = id;
  if (res && !res.headersSent) res.setHeader('X-Request-Id', id);
  return id;
}

/** The pino logger every line of one gateway goes through: JSON, ISO time, level names, redacted. */
export function createRootLogger(level: LevelWithSilent, destination?: DestinationStream): Pino {
  const options = {
    level,
    base: { service: 'gateway', pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: redactPaths(), censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The operation name of a GraphQL request, when it has one (never its variables). */
export function operationNameOf(req: Request): string | undefined {
  const body = (req.body ?? {}) as { operationName?: unknown; query?: unknown };
  const named = body.operationName ?? (req.query as Record<string, unknown> | undefined)?.operationName;
  if (typeof named === 'string' && OPERATION_NAME.test(named)) return named;
  const query = body.query ?? (req.query as Record<string, unknown> | undefined)?.query;
  if (typeof query !== 'string') return undefined;
  return FIRST_OPERATION.exec(query.slice(0, 2000))?.[1];
}

/** The request line's fields: who asked what and how it went; no header, query string or body. */
export function requestLine(req: Request, res: Response, durationMs: number): Record<string, unknown> {
  const { principal } = requestInfo(req);
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0] as string;
  const operation = path === '/graphql' ? operationNameOf(req) : undefined;
  return {
    method: req.method,
    path,
    status: res.statusCode,
    durationMs,
    ...(operation ? { operation } : {}),
    ...(principal.kind === 'user' ? { userId: principal.userId } : {}),
    ...(principal.kind === 'apiKey' ? { apiKeyId: principal.clientId } : {}),
  };
}

/** Probes and scrapes every few seconds would bury the requests people make. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface GatewayLogging {
  root: Pino;
  /** First middleware: the request id (echoed as X-Request-Id), then one line when the response is done. */
  requestLogger: RequestHandler;
  /** NestJS's Logger, routed to pino: `new Logger('Auth')` lines become JSON lines too. */
  nestLogger: LoggerService;
}

/**
 * The request line is written from the response's own events, with no logger per request and no
 * AsyncLocalStorage: on Node 20 the latter hooks every promise the process makes, and with them
 * the gateway answered a quarter fewer requests a second. Lines written while handling a request
 * carry its id where one is at hand (the error plugin and filters put it in the message).
 */
export function createGatewayLogging(root: Pino): GatewayLogging {
  const requestLogger: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdOf(req, res);
    if (QUIET_PATHS.has((req.url ?? '').split('?')[0] as string)) return next();
    const started = performance.now();
    let written = false;
    const write = (aborted: boolean) => {
      if (written) return;
      written = true;
      const line = { requestId, ...requestLine(req, res, Math.round(performance.now() - started)) };
      if (res.statusCode >= 500) root.error(line, 'request failed');
      else if (aborted) root.info({ ...line, aborted: true }, 'request aborted');
      else root.info(line, 'request completed');
    };
    res.once('finish', () => write(false));
    res.once('close', () => write(!res.writableFinished));
    next();
  };
  return { root, requestLogger, nestLogger: new PinoNestLogger(root) };
}

/**
 * NestJS's LoggerService on pino. Nest calls it as (message, ...params, context) and, for errors,
 * (message, stack, context); the context becomes a field, a stack becomes `stack`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const log = this.root;
    if (!log.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    // Nest's Logger pads a missing stack with undefined before the context.
    const rest = params.filter((param) => param !== undefined);
    if (rest.length && typeof rest[rest.length - 1] === 'string') fields.context = rest.pop();
    if (level === 'error' && typeof rest[0] === 'string' && /\n\s+at /.test(rest[0]))
      fields.stack = rest.shift();
    if (rest.length) fields.params = rest;
    if (message instanceof Error) {
      log[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      log[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      log[level](fields, String(message));
    }
  }
}

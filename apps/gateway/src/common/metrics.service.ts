import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DatabaseService } from './database.service.js';
import { RedisService } from './redis.service.js';

const ROUTES = /^\/(graphql|export|import|healthz|readyz)(\/|$)/;

/**
 * Prometheus metrics of one gateway process, on its own registry (names start with
 * `dangjian_gateway_`): request latency by route, GraphQL operations and their error codes,
 * rate-limit refusals, sign-ins, and whether MySQL and Redis answer.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly duration: Histogram<'route' | 'method' | 'status'>;
  private readonly operations: Counter<'type' | 'outcome'>;
  private readonly errors: Counter<'code'>;
  private readonly limited: Counter<'kind'>;
  private readonly logins: Counter<'outcome'>;

  constructor(
    @Inject(DatabaseService) database: DatabaseService,
    @Inject(RedisService) redis: RedisService,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dangjian_gateway_' });
    this.duration = new Histogram({
      name: 'dangjian_gateway_http_request_duration_seconds',
      help: 'HTTP request duration by route, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.operations = new Counter({
      name: 'dangjian_gateway_graphql_operations_total',
      help: 'GraphQL operations by type (query, mutation) and outcome (ok, error)',
      labelNames: ['type', 'outcome'],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'dangjian_gateway_graphql_errors_total',
      help: 'GraphQL errors returned, by extensions.code',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.limited = new Counter({
      name: 'dangjian_gateway_rate_limited_total',
      help: 'Requests refused by a rate limit (api_key, anonymous, login)',
      labelNames: ['kind'],
      registers: [this.registry],
    });
    this.logins = new Counter({
      name: 'dangjian_gateway_logins_total',
      help: 'Sign-in attempts by outcome (ok, failed, locked, throttled)',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'dangjian_gateway_database_up',
      help: '1 when MySQL answers',
      registers: [this.registry],
      async collect() {
        this.set((await database.check()).ok ? 1 : 0);
      },
    });
    new Gauge({
      name: 'dangjian_gateway_redis_up',
      help: '1 when Redis answers',
      registers: [this.registry],
      async collect() {
        this.set((await redis.check()).ok ? 1 : 0);
      },
    });
  }

  /** Express middleware timing every request. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.duration.startTimer();
      // Read the path now: mounted handlers (Apollo at /graphql) rewrite req.url while they run.
      const route = ROUTES.exec(req.path)?.[1] ?? 'other';
      res.on('finish', () => {
        end({ route, method: req.method, status: String(res.statusCode) });
      });
      next();
    };
  }

  operation(type: string, codes: string[]): void {
    this.operations.inc({ type, outcome: codes.length ? 'error' : 'ok' });
    for (const code of codes) this.errors.inc({ code });
  }

  rateLimited(kind: 'api_key' | 'anonymous' | 'login'): void {
    this.limited.inc({ kind });
  }

  login(outcome: 'ok' | 'failed' | 'locked' | 'throttled'): void {
    this.logins.inc({ outcome });
  }
}

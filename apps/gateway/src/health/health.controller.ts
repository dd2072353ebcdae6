import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/access.decorators.js';
import { DatabaseService } from '../common/database.service.js';
import { MetricsService } from '../common/metrics.service.js';
import { RedisService } from '../common/redis.service.js';

/** Loopback and the private ranges (RFC 1918, unique-local IPv6), as seen on the socket itself. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^::ffff:/, '');
  return (
    ip === '::1' ||
    /^127\./.test(ip) ||
    /^10\./.test(ip) ||
    /^192\.168\./.test(ip) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(ip) ||
    /^f[cd][0-9a-f]{2}:/i.test(ip)
  );
}

@Controller()
export class HealthController {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(RedisService) private readonly redis: RedisService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /** Liveness: the process answers (whatever MySQL and Redis are doing). */
  @Get('healthz')
  @Public()
  healthz(@Res() res: Response): void {
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).json({ status: 'ok' });
  }

  /**
   * Prometheus metrics, for scrapers on the same host or the private network only: the counts
   * say nothing personal, but the public has no use for them either.
   */
  @Get('metrics')
  @Public()
  async metricsText(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!isPrivateAddress(req.socket.remoteAddress ?? '')) {
      res.status(404).json({ errors: [{ message: '未找到', extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }

  /** Readiness: 200 once MySQL and Redis both answer, 503 with the reason until then. */
  @Get('readyz')
  @Public()
  async readyz(@Res() res: Response): Promise<void> {
    const [database, redis] = await Promise.all([this.database.check(), this.redis.check()]);
    const ready = database.ok && redis.ok;
    res.setHeader('Cache-Control', 'no-store');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks: { database, redis } });
  }
}

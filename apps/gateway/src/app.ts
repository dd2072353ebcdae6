import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { Config } from '@dangjian/config';
import express from 'express';
import { AppModule } from './app.module.js';
import { Authenticator } from './auth/authenticator.service.js';
import { DatabaseService } from './common/database.service.js';
import { MetricsService } from './common/metrics.service.js';
import { RedisService } from './common/redis.service.js';
import { cors, jsonBody, securityHeaders } from './common/http-security.js';
import { consoleRouter, defaultConsoleDir } from './console/console.js';
import { resolveGatewayOptions, type GatewayOptionsInput } from './gateway-options.js';
import { ensureFirstAdmin } from './user/first-admin.js';

/**
 * Builds the gateway (not yet listening): GraphQL at /graphql, exports at /export, /healthz and
 * /readyz, and the built console at /. It starts even when MySQL is down and connects in the
 * background; once connected it makes sure the first district administrator exists.
 */
export async function createGatewayApp(config: Config, input: GatewayOptionsInput = {}): Promise<NestExpressApplication> {
  const options = resolveGatewayOptions({ consoleDir: defaultConsoleDir(), ...input });
  const server = express();
  server.disable('x-powered-by');
  server.set('trust proxy', options.trustProxy);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), new ExpressAdapter(server), {
    bodyParser: false,
    logger: options.logger,
    abortOnError: false,
  });
  const production = config.NODE_ENV === 'production';
  app.use(app.get(MetricsService).middleware());
  app.use(securityHeaders(production));
  app.use(cors(config.CORS_ORIGINS));
  app.use('/graphql', ...jsonBody(options.maxBodyBytes));
  const authenticate = app.get(Authenticator).middleware();
  // Every API path: GraphQL, the exports, and the uploads (imports).
  app.use(['/graphql', '/export', '/import'], authenticate);
  app.use(consoleRouter(config, options.consoleDir));

  if (options.connect) {
    const database = app.get(DatabaseService);
    database.onReady((dataSource) => ensureFirstAdmin(dataSource, config));
    database.start();
    app.get(RedisService).start();
  }
  await app.init();
  return app;
}

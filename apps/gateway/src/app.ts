import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { Config } from '@dangjian/config';
import express from 'express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { Authenticator } from './auth/authenticator.service.js';
import { DatabaseService } from './common/database.service.js';
import { MetricsService } from './common/metrics.service.js';
import { RedisService } from './common/redis.service.js';
import { cors, jsonBody, securityHeaders } from './common/http-security.js';
import { createGatewayLogging, createRootLogger, type GatewayLogging } from './common/logging.js';
import { consoleRouter, defaultConsoleDir } from './console/console.js';
import { resolveGatewayOptions, type GatewayOptions, type GatewayOptionsInput } from './gateway-options.js';
import { ensureFirstAdmin } from './user/first-admin.js';

export interface GatewayLogInput {
  /** Where the JSON log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/** A LoggerService passed in is used as is; otherwise Nest's own lines go through pino too. */
function nestLoggerOf(logger: GatewayOptions['logger'], logging: GatewayLogging): LoggerService | false {
  if (logger === false) return false;
  return Array.isArray(logger) ? logging.nestLogger : logger;
}

/**
 * Builds the gateway (not yet listening): GraphQL at /graphql, exports at /export, /healthz and
 * /readyz, and the built console at /. It starts even when MySQL is down and connects in the
 * background; once connected it makes sure the first district administrator exists.
 */
export async function createGatewayApp(
  config: Config,
  input: GatewayOptionsInput & GatewayLogInput = {},
): Promise<NestExpressApplication> {
  const { logDestination, ...rest } = input;
  const options = resolveGatewayOptions({ consoleDir: defaultConsoleDir(), ...rest });
  // JSON lines at LOG_LEVEL; `logger: false` (tests, the schema printer) silences them.
  const logging = createGatewayLogging(createRootLogger(options.logger === false ? 'silent' : config.LOG_LEVEL, logDestination));
  const server = express();
  server.disable('x-powered-by');
  server.set('trust proxy', options.trustProxy);
  // Before anything Nest mounts: every request gets its id and its line, refused ones included.
  server.use(logging.requestLogger);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), new ExpressAdapter(server), {
    bodyParser: false,
    logger: nestLoggerOf(options.logger, logging),
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

import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@dangjian/config';
import { createGatewayApp } from './app.js';

const config = loadConfigOrExit();
const levels = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
} as const;

const app = await createGatewayApp(config, { logger: [...levels[config.LOG_LEVEL]] });
app.enableShutdownHooks();
await app.listen(config.PORT);
new Logger('Gateway').log(`listening on http://localhost:${config.PORT} (GraphQL at /graphql)`);

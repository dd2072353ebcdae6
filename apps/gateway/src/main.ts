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

/** "1" or "2": a hop count; "true"/"false"; anything else: addresses or names express understands. */
function trustProxy(value: string): boolean | number | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

const app = await createGatewayApp(config, {
  logger: [...levels[config.LOG_LEVEL]],
  trustProxy: trustProxy(config.TRUST_PROXY),
  limits: { maxCost: config.GATEWAY_MAX_QUERY_COST },
  ...(config.CONSOLE_DIST ? { consoleDir: config.CONSOLE_DIST } : {}),
});
app.enableShutdownHooks();
await app.listen(config.PORT);
new Logger('Gateway').log(`listening on http://localhost:${config.PORT} (GraphQL at /graphql)`);

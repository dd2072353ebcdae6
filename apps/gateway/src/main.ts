import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@dangjian/config';
import { createGatewayApp } from './app.js';

// Log lines: JSON on stdout at LOG_LEVEL (common/logging.ts).
const config = loadConfigOrExit();

/** "1" or "2": a hop count; "true"/"false"; anything else: addresses or names express understands. */
function trustProxy(value: string): boolean | number | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

const app = await createGatewayApp(config, {
  trustProxy: trustProxy(config.TRUST_PROXY),
  limits: { maxCost: config.GATEWAY_MAX_QUERY_COST },
  ...(config.CONSOLE_DIST ? { consoleDir: config.CONSOLE_DIST } : {}),
});
app.enableShutdownHooks();
await app.listen(config.PORT);
new Logger('Gateway').log(`listening on http://localhost:${config.PORT} (GraphQL at /graphql)`);

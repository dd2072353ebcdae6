import type { Server } from 'node:http';
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
// Idle keep-alive connections stay open longer than a reverse proxy keeps its own (nginx and
// most balancers: 60 s). Were the gateway to close first, a request the proxy sends on a
// connection at the moment it closes would fail with a reset (a 502 to the person).
const server = app.getHttpServer() as Server;
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
new Logger('Gateway').log(`listening on http://localhost:${config.PORT} (GraphQL at /graphql)`);

import { parseArgs } from 'node:util';
import { configSchema } from '@dangjian/config';
import { startSimulator } from './server.js';
import type { Population } from './world.js';

const USAGE = `node dist/main.js [--port 4100] [--host 127.0.0.1] [--members N --transfers N --seed 7] [--today YYYY-MM-DD] [--no-rate-limit]
  Without --members the simulator serves the demo subdistrict (陇海马路街道).
  The token comes from UPSTREAM_TOKEN and the port from UPSTREAM_SIM_PORT; flags win.`;

function fail(message: string): never {
  console.error(`upstream-sim: ${message}\n${USAGE}`);
  process.exit(64); // EX_USAGE
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) fail(`--${name} must be an integer of at least ${min}, not "${value}"`);
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      members: { type: 'string' },
      transfers: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      'no-rate-limit': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

// Only the simulator's own settings: it needs no database, secrets or Redis.
const env = configSchema.pick({ UPSTREAM_TOKEN: true, UPSTREAM_SIM_PORT: true }).safeParse(process.env);
if (!env.success) {
  console.error(
    `配置有误 (invalid configuration):\n${env.error.issues.map((issue) => `  - ${issue.path.join('.')} ${issue.message}`).join('\n')}`,
  );
  process.exit(78); // EX_CONFIG
}

const members = integer('members', args.members, 0);
const transfers = integer('transfers', args.transfers, 0);
const seed = integer('seed', args.seed, 0);
if (members === undefined && (transfers !== undefined || seed !== undefined)) fail('--transfers and --seed go with --members');
const population: Population =
  members === undefined ? 'demo' : { members, transfers: transfers ?? Math.round(members / 10), seed: seed ?? 7 };

const started = Date.now();
const simulator = await startSimulator({
  token: env.data.UPSTREAM_TOKEN,
  port: integer('port', args.port, 0) ?? env.data.UPSTREAM_SIM_PORT,
  host: args.host ?? '127.0.0.1',
  population,
  today: args.today,
  rateLimit: args['no-rate-limit'] ? false : undefined,
}).catch((error: NodeJS.ErrnoException) => {
  console.error(`upstream-sim: could not start: ${error.code === 'EADDRINUSE' ? `port ${args.port ?? env.data.UPSTREAM_SIM_PORT} is in use` : error.message}`);
  process.exit(1);
});

const what =
  population === 'demo'
    ? 'demo subdistrict 陇海马路街道'
    : `${population.members.toLocaleString('en')} members, ${population.transfers.toLocaleString('en')} transfers, seed ${population.seed}`;
console.log(`upstream-sim listening on ${simulator.url} (${what}; today ${simulator.today()}; ready in ${Date.now() - started} ms)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

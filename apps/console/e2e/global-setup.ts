import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureServices, ROOT } from '../../../infra/scripts/services.mjs';
import {
  createDatabase,
  deleteRedisKeys,
  dropDatabase,
  freeLoopbackPort,
  startStack,
} from '../../../infra/scripts/stack.mjs';

export interface StackInfo {
  baseUrl: string;
  simulatorUrl: string;
  upstreamToken: string;
  adminUsername: string;
  adminPassword: string;
  databaseUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

/**
 * Starts the real platform once for the end-to-end files: a database of its own, the simulator,
 * the first sync and demo seed, gateway and worker on free ports, under a queue prefix of its own.
 * The processes' output goes to .data/e2e-stack.log so a failure can be read afterwards.
 */
export default async function setup(project: TestProject) {
  const services = await ensureServices({ quiet: true });
  const id = randomBytes(4).toString('hex');
  const databaseUrl = await createDatabase(services.DATABASE_URL, `dangjian_e2e_${id}`);
  const [port, workerPort, simPort] = [await freeLoopbackPort(), await freeLoopbackPort(), await freeLoopbackPort()];
  const queuePrefix = `dangjian-test:e2e:${id}`;
  const info: StackInfo = {
    baseUrl: `http://127.0.0.1:${port}`,
    simulatorUrl: `http://127.0.0.1:${simPort}`,
    upstreamToken: `e2e-token-${id}`,
    adminUsername: 'admin',
    adminPassword: `E2e-${randomBytes(6).toString('hex')}`,
    databaseUrl,
  };
  const logDir = join(ROOT, '.data');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'e2e-stack.log');
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: services.REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    PORT: String(port),
    WORKER_PORT: String(workerPort),
    UPSTREAM_SIM_PORT: String(simPort),
    UPSTREAM_URL: info.simulatorUrl,
    UPSTREAM_TOKEN: info.upstreamToken,
    DANGJIAN_ADMIN_USERNAME: info.adminUsername,
    DANGJIAN_ADMIN_PASSWORD: info.adminPassword,
  };
  const stack = await startStack(env, { log: (line) => appendFileSync(logFile, line) });
  project.provide('stack', info);
  return async () => {
    await stack.stop();
    await dropDatabase(databaseUrl);
    await deleteRedisKeys(services.REDIS_URL, queuePrefix);
  };
}

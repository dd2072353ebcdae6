import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureServices, ROOT } from '../../../infra/scripts/services.mjs';
import { startIsolatedStack, type StackInfo } from '../../../infra/scripts/stack.mjs';

export type { StackInfo };

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
  const stack = await startIsolatedStack({ label: 'e2e', logFile: join(ROOT, '.data/e2e-stack.log'), services });
  project.provide('stack', stack.info);
  return () => stack.stop();
}

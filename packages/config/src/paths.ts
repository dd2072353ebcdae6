import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The workspace root: the nearest folder above `from` that holds pnpm-workspace.yaml. */
export function workspaceRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(from);
    dir = up;
  }
}

/** Where development state lives (generated secrets, project-local databases): git-ignored. */
export function dataDir(): string {
  return process.env.DANGJIAN_DATA_DIR ?? join(workspaceRoot(), '.data');
}

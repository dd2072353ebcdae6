import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * The settings every package's tests share: workspace packages resolve to their TypeScript source
 * (the "source" export condition), so tests need no build; integration files run one at a time
 * per worker because each creates its own database.
 */
export function packageProject(name: string, extra: UserWorkspaceConfig['test'] = {}) {
  return defineProject({
    resolve: { conditions: ['source'] },
    ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
    test: {
      name,
      include: ['src/**/*.spec.ts', 'src/**/*.int-spec.ts', 'test/**/*.int-spec.ts'],
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...extra,
    },
  });
}

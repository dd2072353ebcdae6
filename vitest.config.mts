import { defineConfig } from 'vitest/config';

// One run over every package: each has its own vitest.config.mts (unit *.spec.ts, integration
// *.int-spec.ts against real MySQL and Redis, end-to-end *.e2e-spec.ts against real processes).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.mts', 'apps/*/vitest.config.mts', 'apps/console/e2e/vitest.config.mts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.data/test-results.json' },
  },
});

import { fileURLToPath, URL } from 'node:url';
import { mergeConfig } from 'vitest/config';
import { packageProject } from '../../vitest.shared.mts';

// Unit tests of the console's pure logic (no DOM, no network): validators, cursor pagination,
// error mapping, message catalogues.
export default mergeConfig(
  packageProject('console', { include: ['src/**/*.spec.ts'] }),
  { resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } } },
);

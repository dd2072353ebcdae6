import { createRequire } from 'node:module';
import { mergeConfig } from 'vitest/config';
import { packageProject } from '../../vitest.shared.mts';

const require = createRequire(import.meta.url);

// Integration files each start a gateway and a database of their own; running them one at a time
// keeps the shared MariaDB and Redis from becoming the bottleneck.
// graphql ships CommonJS and an .mjs build; Node (and so NestJS and Apollo) load the CommonJS one,
// while Vite would pick the .mjs one for our sources: two copies, and `instanceof` checks between
// them fail. Point our sources at the same file Node loads.
export default mergeConfig(packageProject('gateway', { fileParallelism: false }), {
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
});

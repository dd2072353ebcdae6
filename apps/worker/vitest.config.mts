import { packageProject } from '../../vitest.shared.mts';

// Integration files each start a simulator, workers and a database of their own, and some kill
// processes or cut connections on purpose: one file at a time keeps their timing honest.
export default packageProject('worker', {
  fileParallelism: false,
  testTimeout: 120_000,
  hookTimeout: 120_000,
});

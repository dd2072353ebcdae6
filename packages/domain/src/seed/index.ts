// The local demo data of 陇海马路街道 (the article's facts), written over the organisations and
// members that the sync brought from the upstream system.
export {
  seedDemo,
  SeedError,
  EVALUATION_NAME,
  type SeedOptions,
  type SeedSectionResult,
  type SeedSummary,
} from './seed-demo.js';
export { insertUpstreamDemoForTests } from './upstream-for-tests.js';

// Sync with the upstream organisation system: applying pulled records, run bookkeeping, the outbox.
export * from './records.js';
export * from './locks.js';
export * from './sync-runs.js';
export * from './bookkeeping.js';
export * from './organizations.js';
export * from './members.js';
export * from './transfers.js';
export * from './relist.js';
export * from './outbox.js';

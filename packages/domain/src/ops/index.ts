// Operations: backup and restore of the database, audit retention. Used by the command-line tools
// (infra/scripts/backup.mjs and restore.mjs, src/cli/retention.ts); nothing here runs inside the
// gateway or the worker.
export * from './backup.js';
export * from './retention.js';
export { OpsError, findOnPath } from './client-tools.js';

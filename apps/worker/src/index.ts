// The worker's building blocks, for the process entry points and for tests that start a worker
// in-process or as a child process.
export * from './config.js';
export * from './context.js';
export * from './errors.js';
export * from './handlers.js';
export * from './logger.js';
export * from './metrics.js';
export * from './probe.js';
export * from './sweeper.js';
export * from './worker.js';
export * from './cli/run-sync.js';

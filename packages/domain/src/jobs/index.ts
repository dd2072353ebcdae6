export * from './queues.js';
export * from './policy.js';
export * from './connection.js';
export * from './sync-requests.js';
export * from './dead-letters.js';
export * from './figures.js';

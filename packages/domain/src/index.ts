export * from './entities/index.js';
export * from './data-source.js';
export * from './database.js';
export * from './errors/database-error.js';
export * from './crypto/pii-cipher.js';
export * from './rules/index.js';
export * from './services/index.js';

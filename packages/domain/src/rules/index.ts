// The rules of grassroots Party-organisation work (docs/domain-rules.md): pure functions.
export * from './dates.js';
export * from './meeting-types.js';
export * from './settings.js';
export * from './id-card.js';
export * from './credit-code.js';

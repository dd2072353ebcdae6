// The rules of grassroots Party-organisation work (docs/domain-rules.md): pure functions, no I/O.
// Nothing here loads TypeORM, so the simulator, the demo data and the console can use them.
export * from './dates.js';
export * from './settings.js';
export * from './id-card.js';
export * from './credit-code.js';
export * from './transfer-state-machine.js';
export * from './letters.js';
export * from './receipt.js';
export * from './members.js';
export * from './organization-setup.js';
export * from './terms.js';
export * from './coverage.js';
export * from './organizational-life.js';
export * from './cadre.js';
export * from './service-center.js';
export * from './validation.js';
export * from './requests.js';
export * from './wishes.js';
export * from './checklist.js';
export * from './guidance.js';

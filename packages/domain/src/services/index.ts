// Domain services shared by gateway and worker: validated writes, one transaction each.
// Each subfolder has one owner; add exports in the subfolder's own index.ts.
export * from './access/index.js';
export * from './audit/index.js';
export * from './overview/index.js';
export * from './sync/index.js';
export * from './transfers/index.js';
export * from './daily-work/index.js';
export * from './keys/index.js';
export * from './briefing/index.js';

export * from './work-lists.js';
export * from './transfers.service.js';

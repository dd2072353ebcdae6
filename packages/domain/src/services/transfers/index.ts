export * from './work-lists.js';
export * from './transfers.service.js';
export * from './letter-contact.js';

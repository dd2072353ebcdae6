export * from './records.js';
export * from './errors.js';
export { UpstreamClient, type UpstreamClientOptions, type RetryInfo, type CreateTransferBody, type TransferActionBody } from './client.js';
export { validateRecord, validateTransfer, type ValidationResult } from './validate.js';
export { idCardProblem, isDay, isMonth, isInstant } from './checks.js';
export { backoffDelay, retryAfterMs } from './timing.js';

// Rotation of PII_ENCRYPTION_KEY: re-encrypting personal data and its look-up hashes.
export * from './rekey.js';

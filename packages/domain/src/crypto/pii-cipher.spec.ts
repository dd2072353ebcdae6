import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiCipher } from './pii-cipher.js';

describe('PiiCipher', () => {
  const cipher = new PiiCipher(randomBytes(32).toString('hex'));

  it('round-trips a value and never produces the same ciphertext twice', () => {
    const a = cipher.encrypt('410102199001011234');
    const b = cipher.encrypt('410102199001011234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('410102');
    expect(cipher.decrypt(a)).toBe('410102199001011234');
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = cipher.encrypt('13812345678');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('13812345679').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('hashes for look-up regardless of the case of X, and differently under another key', () => {
    expect(cipher.lookupHash('41010219900101123x')).toBe(cipher.lookupHash('41010219900101123X'));
    const other = new PiiCipher(randomBytes(32).toString('hex'));
    expect(other.lookupHash('41010219900101123X')).not.toBe(cipher.lookupHash('41010219900101123X'));
  });

  it('refuses a key of the wrong length', () => {
    expect(() => new PiiCipher('abcd')).toThrow(/64/);
  });
});

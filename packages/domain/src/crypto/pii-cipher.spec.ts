import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
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

  it('never repeats an IV, also across the refills of its random pool, and every value still opens', () => {
    // 6,000 values take more than one 64 KB pool of 12-byte IVs.
    const plain = Array.from({ length: 6_000 }, (_, i) => `4101021990010${String(i).padStart(5, '0')}`);
    const sealed = plain.map((value) => cipher.encrypt(value));
    const ivs = sealed.map((value) => Buffer.from(value.split('.')[1] as string, 'base64url'));
    expect(new Set(ivs.map((iv) => iv.toString('hex'))).size).toBe(sealed.length);
    expect(ivs.every((iv) => iv.length === 12)).toBe(true);
    expect(sealed.map((value) => cipher.decrypt(value))).toEqual(plain);
  });

  it('opens values sealed as "v1.iv.tag.data" by the plain AES-256-GCM recipe (values stored earlier)', () => {
    const hexKey = randomBytes(32).toString('hex');
    const key = Buffer.from(
      hkdfSync('sha256', Buffer.from(hexKey, 'hex'), Buffer.alloc(0), 'dangjian pii encryption', 32),
    );
    const iv = randomBytes(12);
    const sealer = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([sealer.update('13812345678', 'utf8'), sealer.final()]);
    const stored = [
      'v1',
      iv.toString('base64url'),
      sealer.getAuthTag().toString('base64url'),
      data.toString('base64url'),
    ].join('.');
    expect(new PiiCipher(hexKey).decrypt(stored)).toBe('13812345678');
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

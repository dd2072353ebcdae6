import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts personal data at rest (AES-256-GCM) and derives a keyed hash for exact look-up, so that
 * the plain id card number is never stored or compared. Two keys are derived from the one
 * PII_ENCRYPTION_KEY, one per purpose.
 */
export class PiiCipher {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(hexKey: string) {
    if (!/^[0-9a-fA-F]{64}$/.test(hexKey)) throw new Error('PII_ENCRYPTION_KEY must be 64 hexadecimal characters');
    const master = Buffer.from(hexKey, 'hex');
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'dangjian pii encryption', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'dangjian pii lookup', 32));
  }

  /** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** HMAC-SHA256 of the value, upper-cased and trimmed (an id card's X may be typed in either case). */
  lookupHash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value.trim().toUpperCase()).digest('hex');
  }
}

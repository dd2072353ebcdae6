import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';

const IV_BYTES = 12;
/**
 * Random bytes are drawn from the system's generator 64 KB at a time and handed out 12 at a time:
 * a sync encrypts two values per member, and a generator call per IV took a tenth of the sync's CPU.
 * Every slice is used once, so IVs stay as unpredictable and as unique as one draw per value,
 * which is all AES-GCM asks of them (an IV must never repeat under the same key).
 */
const IV_POOL_BYTES = 64 * 1024 - ((64 * 1024) % IV_BYTES);

/**
 * Encrypts personal data at rest (AES-256-GCM) and derives a keyed hash for exact look-up, so that
 * the plain id card number is never stored or compared. Two keys are derived from the one
 * PII_ENCRYPTION_KEY, one per purpose.
 */
export class PiiCipher {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;
  private readonly ivPool = Buffer.allocUnsafeSlow(IV_POOL_BYTES);
  private ivOffset = IV_POOL_BYTES;

  constructor(hexKey: string) {
    if (!/^[0-9a-fA-F]{64}$/.test(hexKey))
      throw new Error('PII_ENCRYPTION_KEY must be 64 hexadecimal characters');
    const master = Buffer.from(hexKey, 'hex');
    this.encryptionKey = Buffer.from(
      hkdfSync('sha256', master, Buffer.alloc(0), 'dangjian pii encryption', 32),
    );
    this.hashKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'dangjian pii lookup', 32));
  }

  /** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
  encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const head = cipher.update(plain, 'utf8');
    // GCM is a stream mode: final() only computes the tag and adds no bytes, so no copy is needed.
    const tail = cipher.final();
    const data = tail.length ? Buffer.concat([head, tail]) : head;
    return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** The next unused 12 bytes of the pool; valid until the next call (the cipher copies it at once). */
  private nextIv(): Buffer {
    if (this.ivOffset + IV_BYTES > IV_POOL_BYTES) {
      randomFillSync(this.ivPool);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + IV_BYTES);
    this.ivOffset += IV_BYTES;
    return iv;
  }

  /** HMAC-SHA256 of the value, upper-cased and trimmed (an id card's X may be typed in either case). */
  lookupHash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value.trim().toUpperCase()).digest('hex');
  }
}

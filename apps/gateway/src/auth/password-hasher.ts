import { hash, verify, type Options } from '@node-rs/argon2';

// argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane); `Algorithm` is a const enum that
// isolated modules cannot read, hence its value (Argon2id = 2).
const ARGON2ID_OPTIONS: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real verification when the username does not exist, so the answer's
 * timing does not tell which usernames exist.
 */
export async function verifyAgainstNobody(password: string): Promise<void> {
  dummyHash ??= hashPassword('no such user, no such password');
  await verifyPassword(await dummyHash, password);
}

// The secret scan (`pnpm secrets`): the repository holds no secret, and the scan does find each
// kind it knows when one is planted (I/O, hence an int-spec; no database).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, scanText } from '../../../../infra/scripts/secret-scan.mjs';

// Built from pieces so that this file itself holds none of them whole.
const join2 = (...parts: string[]) => parts.join('');
const PLANTED = {
  'private key': join2('-----BEGIN ', 'PRIVATE KEY-----'),
  'AWS access key': join2('AKIA', 'Q3VZ7XK2PL9MNB4T'),
  'GitHub token': join2('ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'),
  'signed token (JWT)': join2(
    'eyJhbGciOiJIUzI1NiJ9',
    '.',
    'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
    '.',
    'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  ),
  'password in a connection URL': join2('mysql://dangjian:', 'Zq8rT2vLw9', '@db.internal:3306/dangjian'),
  'secret-named variable with a random value': join2('JWT_SECRET=', 'q7Vt2LxP9sKd4Rw8Zm3Nb6Hc1Fy5Gj0A'),
};

describe('secret scan', () => {
  it('finds no secret in the repository', () => {
    const { files, findings } = scan();
    expect(files).toBeGreaterThan(100);
    expect(findings).toEqual([]);
  });

  it('finds each kind of secret it knows', () => {
    for (const [rule, text] of Object.entries(PLANTED)) {
      expect(scanText(`first line\nconst x = '${text}';\n`), rule).toContainEqual({ line: 2, rule });
    }
  });

  it('passes placeholders production refuses and values that are not random', () => {
    for (const text of [
      'DATABASE_URL: mysql://dangjian:change-me@mysql-primary:3306/dangjian',
      'REDIS_URL: redis://:<password>@redis:6379/0',
      'DATABASE_URL=mysql://root:${MYSQL_ROOT_PASSWORD:-}@mysql:3306/dangjian',
      "JWT_SECRET: 'cli-test-jwt-secret-that-is-long-enough-0123456789'",
      'UPSTREAM_TOKEN: dev-upstream-token',
      "AUTH_TOKEN_HEADER = 'authorization-header-of-the-request'",
    ]) {
      expect(scanText(text), text).toEqual([]);
    }
  });

  it('scans a folder given to it, file by file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-scan-'));
    try {
      writeFileSync(join(dir, 'clean.ts'), 'export const a = 1;\n');
      writeFileSync(
        join(dir, '.env'),
        `PII_ENCRYPTION_KEY=${join2('9f86d081884c7d659a2feaa0', 'c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')}\n`,
      );
      expect(scan(dir).findings).toEqual([
        { file: '.env', line: 1, rule: 'secret-named variable with a random value' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

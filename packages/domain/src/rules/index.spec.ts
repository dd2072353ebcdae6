import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as rules from './index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

describe('the rules are pure and load without TypeORM', () => {
  it('no rule file imports TypeORM or an entity value (import type only)', () => {
    for (const file of sources) {
      const text = readFileSync(here + file, 'utf8');
      expect(text, file).not.toMatch(/from 'typeorm'/);
      const valueImports = [...text.matchAll(/^import (?!type )[^;]*from '(\.\.\/entities\/[^']+)'/gm)];
      expect(valueImports.map((m) => m[1]), file).toEqual([]);
      expect(text, file).not.toMatch(/from 'node:/);
    }
  });

  it('the index exports every rule file', () => {
    const index = readFileSync(here + 'index.ts', 'utf8');
    for (const file of sources.filter((f) => f !== 'index.ts' && f !== 'meeting-types.ts')) {
      expect(index, file).toContain(`'./${file.replace(/\.ts$/, '.js')}'`);
    }
    expect(typeof rules.nextTransferStatus).toBe('function');
    expect(rules.MEETING_TYPES).toHaveLength(7);
    expect(rules.DEFAULT_SETTINGS.letterValidDaysInCity).toBe(30);
  });
});

import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** The modules `file` loads at run time: value imports and re-exports, not `import type`. */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
    if (!match[2]) specifiers.push(match[3]);
  }
  return specifiers;
}

describe('the demo data module', () => {
  it('loads no package at all (so never TypeORM): the simulator imports it on its own', () => {
    const seen = new Set<string>();
    const external: string[] = [];
    const queue = [join(here, 'index.ts')];
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const specifier of runtimeImports(file)) {
        if (specifier.startsWith('.')) queue.push(normalize(join(dirname(file), specifier.replace(/\.js$/, '.ts'))));
        else external.push(`${specifier} (from ${file.slice(here.length - 4)})`);
      }
    }
    expect(external).toEqual([]);
    expect([...seen].some((file) => file.includes('/entities/'))).toBe(false);
    expect(seen.size).toBeGreaterThan(5);
  });
});

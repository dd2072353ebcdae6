import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSchema, schemaText } from '../src/schema.js';

const committed = fileURLToPath(new URL('../schema.gql', import.meta.url));
const workspace = fileURLToPath(new URL('../../../', import.meta.url));

describe('the committed schema (schema.gql)', () => {
  it('is exactly what the gateway serves (run `pnpm --filter @dangjian/gateway print-schema` after a change)', async () => {
    expect(schemaText(await buildSchema())).toBe(readFileSync(committed, 'utf8'));
  });

  it('keeps the contract in docs/graphql-contract.graphql', () => {
    const output = execFileSync(process.execPath, ['infra/scripts/check-contract.mjs', 'apps/gateway/schema.gql'], { cwd: workspace, encoding: 'utf8' });
    expect(output.trim().split('\n').at(-1)).toBe('the schema keeps the contract');
  });
});

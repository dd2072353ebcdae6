#!/usr/bin/env node
// Checks that a GraphQL schema keeps the contract in docs/graphql-contract.graphql: every type,
// field, argument and enum value there exists with a compatible type. The schema may add anything.
//   node infra/scripts/check-contract.mjs apps/gateway/schema.gql [contract.graphql]
// Run it from the project's root: it uses the project's own `graphql` package.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [schemaPath, contractArg] = process.argv.slice(2);
if (!schemaPath) { console.error('usage: infra/scripts/check-contract.mjs SCHEMA.gql [CONTRACT.graphql]'); process.exit(2); }
const contractPath = contractArg ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/graphql-contract.graphql');
let graphql;
for (const from of ['apps/gateway/package.json', 'package.json']) {
  try { graphql = createRequire(resolve(process.cwd(), from))('graphql'); break; } catch { /* next */ }
}
if (!graphql) { console.error('the graphql package is not installed in this project'); process.exit(2); }
const { buildSchema, isObjectType, isInputObjectType, isEnumType, isNonNullType, isInterfaceType } = graphql;

const contract = buildSchema(readFileSync(contractPath, 'utf8'));
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const problems = [];
const str = (t) => String(t);
// an output may be stricter (non-null where the contract allows null)
const outputOk = (want, got) => str(got) === str(want) || (isNonNullType(got) && str(got.ofType) === str(want));
// an input may be looser (nullable where the contract requires a value)
const inputOk = (want, got) => str(got) === str(want) || (isNonNullType(want) && str(want.ofType) === str(got));

for (const [name, want] of Object.entries(contract.getTypeMap())) {
  if (name.startsWith('__')) continue;
  const got = schema.getType(name);
  if (!got) { problems.push(`type ${name} is missing`); continue; }
  if (got.constructor.name !== want.constructor.name) { problems.push(`${name} is a ${got.constructor.name}, the contract has a ${want.constructor.name}`); continue; }
  if (isEnumType(want)) {
    const have = new Set(got.getValues().map((v) => v.name));
    for (const v of want.getValues()) if (!have.has(v.name)) problems.push(`enum ${name} lacks ${v.name}`);
  } else if (isObjectType(want) || isInterfaceType(want)) {
    const fields = got.getFields();
    for (const [f, wf] of Object.entries(want.getFields())) {
      const gf = fields[f];
      if (!gf) { problems.push(`${name}.${f} is missing`); continue; }
      if (!outputOk(wf.type, gf.type)) problems.push(`${name}.${f} is ${str(gf.type)}, the contract has ${str(wf.type)}`);
      for (const wa of wf.args) {
        const ga = gf.args.find((a) => a.name === wa.name);
        if (!ga) problems.push(`${name}.${f}(${wa.name}) is missing`);
        else if (!inputOk(wa.type, ga.type)) problems.push(`${name}.${f}(${wa.name}) is ${str(ga.type)}, the contract has ${str(wa.type)}`);
      }
      for (const ga of gf.args) if (isNonNullType(ga.type) && ga.defaultValue === undefined && !wf.args.some((a) => a.name === ga.name)) problems.push(`${name}.${f}(${ga.name}) is required but not in the contract`);
    }
  } else if (isInputObjectType(want)) {
    const fields = got.getFields();
    for (const [f, wf] of Object.entries(want.getFields())) {
      const gf = fields[f];
      if (!gf) problems.push(`input ${name}.${f} is missing`);
      else if (!inputOk(wf.type, gf.type)) problems.push(`input ${name}.${f} is ${str(gf.type)}, the contract has ${str(wf.type)}`);
    }
    for (const [f, gf] of Object.entries(fields)) if (isNonNullType(gf.type) && gf.defaultValue === undefined && !want.getFields()[f]) problems.push(`input ${name}.${f} is required but not in the contract`);
  }
}
for (const p of problems) console.log(p);
console.log(problems.length ? `${problems.length} differences from the contract` : 'the schema keeps the contract');
process.exit(problems.length ? 1 : 0);

import { writeFileSync } from 'node:fs';
import { buildSchema, schemaText } from './schema.js';

// Writes schema.gql beside package.json from the resolvers alone: no database, no server.
const target = new URL('../schema.gql', import.meta.url);
writeFileSync(target, schemaText(await buildSchema()));
console.log(`wrote ${target.pathname}`);

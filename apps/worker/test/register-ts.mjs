// `node --conditions=source --import ./test/register-ts.mjs <file.ts>`: runs the worker from its
// TypeScript source in a child process (the kill and CLI tests), as vitest does in-process.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);

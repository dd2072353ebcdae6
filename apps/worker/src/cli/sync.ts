import 'reflect-metadata';
import { runSyncCli } from './run-sync.js';

// `pnpm sync [--full] [--collections organizations,members]`: one run in the foreground.
const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());
process.once('SIGTERM', () => interrupt.abort());
const code = await runSyncCli(
  process.argv.slice(2),
  process.env,
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  { signal: interrupt.signal },
).catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.message ?? String(error)}\n`);
  return 1;
});
process.exit(code);

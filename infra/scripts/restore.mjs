#!/usr/bin/env node
// Restores a backup made by backup.mjs (or any `mysqldump … | gzip`) into an EMPTY database.
//   node infra/scripts/restore.mjs <file.sql.gz> [--database-url mysql://user:pass@host:3306/dangjian_restored]
// The target is DATABASE_URL unless --database-url is given; it is created when missing and refused
// when it already has tables. The file is read through once first, so a cut-short backup is
// refused before anything is written. Needs mysql or mariadb on PATH and a built @dangjian/domain.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL, ROOT, savedServiceEnv } from './services.mjs';

const USAGE = 'usage: node infra/scripts/restore.mjs <file.sql.gz> [--database-url URL]';

/** The compiled operations module of @dangjian/domain (the scripts run on plain Node, without a build step of their own). */
async function loadOps() {
  const file = join(ROOT, 'packages/domain/dist/ops/index.js');
  if (!existsSync(file)) throw new Error('packages/domain is not built yet: run `pnpm build` first');
  return import(pathToFileURL(file).href);
}

function redact(value) {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}

/** One plain sentence and a non-zero exit; a stack trace only for what nobody anticipated. */
function reportFailure(error, usage) {
  if (
    error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    error?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
  ) {
    console.error(`✗ ${error.message}\n${usage}`);
    process.exit(2);
  }
  console.error(
    `✗ ${error?.name === 'OpsError' || error?.message?.includes('pnpm build') ? error.message : (error?.stack ?? String(error))}`,
  );
  process.exit(1);
}

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'database-url': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help || positionals.length !== 1) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const databaseUrl =
    values['database-url'] ??
    process.env.DATABASE_URL ??
    savedServiceEnv().DATABASE_URL ??
    DEFAULT_DATABASE_URL;
  const file = resolve(positionals[0]);

  const { restoreDatabase } = await loadOps();
  console.log(`• restoring ${file} into ${redact(databaseUrl)} …`);
  const result = await restoreDatabase(file, databaseUrl);
  console.log(
    `✓ ${result.database}: ${result.tables} tables restored in ${(result.durationMs / 1000).toFixed(1)} s`,
  );
  console.log(
    '  Next: point DATABASE_URL at it (if it is a new name), run the migrations, start the gateway and worker.',
  );
} catch (error) {
  reportFailure(error, USAGE);
}

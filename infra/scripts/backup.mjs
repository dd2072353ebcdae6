#!/usr/bin/env node
// A consistent, gzip-compressed logical backup of the platform's MySQL database.
//   node infra/scripts/backup.mjs [file.sql.gz] [--database-url mysql://user:pass@host:3306/dangjian]
// The database is DATABASE_URL (or the project-local one `pnpm start` uses); the file defaults to
// .data/backups/dangjian-<time>.sql.gz. Needs mysqldump or mariadb-dump on PATH and a built
// @dangjian/domain (pnpm build). The platform keeps running while the backup is taken.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL, ROOT, savedServiceEnv } from './services.mjs';

const USAGE = 'usage: node infra/scripts/backup.mjs [file.sql.gz] [--database-url URL]';

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
  if (values.help || positionals.length > 1) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const databaseUrl =
    values['database-url'] ??
    process.env.DATABASE_URL ??
    savedServiceEnv().DATABASE_URL ??
    DEFAULT_DATABASE_URL;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const file = resolve(
    positionals[0] ??
      join(process.env.DANGJIAN_DATA_DIR ?? join(ROOT, '.data'), 'backups', `dangjian-${stamp}.sql.gz`),
  );
  if (!positionals[0]) mkdirSync(dirname(file), { recursive: true });

  const { backupDatabase } = await loadOps();
  console.log(`• backing up ${redact(databaseUrl)} …`);
  const result = await backupDatabase(databaseUrl, file);
  console.log(
    `✓ ${result.file}: ${result.tables} tables, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB compressed, ${(result.durationMs / 1000).toFixed(1)} s`,
  );
} catch (error) {
  reportFailure(error, USAGE);
}

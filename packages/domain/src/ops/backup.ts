import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { createConnection } from 'mysql2/promise';
import { detectFlavour } from '../data-source.js';
import { ensureDatabase } from '../database.js';
import {
  findTool,
  isMariaDbTool,
  loginOf,
  meaningfulErrors,
  OpsError,
  startChild,
  withLoginFile,
  type ServerLogin,
} from './client-tools.js';

export interface BackupOptions {
  /** The dump program; `mariadb-dump` or `mysqldump` found on PATH when omitted. */
  dumpCommand?: string;
}

export interface BackupResult {
  file: string;
  /** Size of the compressed file. */
  bytes: number;
  /** Tables in the database when the dump started. */
  tables: number;
  durationMs: number;
}

export interface RestoreOptions {
  /** The client program; `mariadb` or `mysql` found on PATH when omitted. */
  clientCommand?: string;
}

export interface RestoreResult {
  database: string;
  /** Tables in the database after the restore. */
  tables: number;
  durationMs: number;
}

/** What the dump tools write last; a file without it was cut short. */
const DUMP_TRAILER = /-- Dump completed/;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

async function tableCount(login: ServerLogin): Promise<number> {
  const connection = await createConnection({
    host: login.host,
    port: login.port,
    user: login.user,
    password: login.password,
    connectTimeout: 5000,
  });
  try {
    const [rows] = await connection.query(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
      [login.database],
    );
    return Number((rows as Array<{ n: number | string }>)[0]?.n ?? 0);
  } finally {
    await connection.end();
  }
}

function describeConnectFailure(error: unknown, login: ServerLogin): OpsError {
  const code = (error as { code?: string }).code;
  const where = `${login.user}@${login.host}:${login.port}`;
  if (code === 'ER_ACCESS_DENIED_ERROR') return new OpsError(`数据库拒绝登录 (${where})：请检查用户名和密码`);
  if (code === 'ER_BAD_DB_ERROR') return new OpsError(`数据库 ${login.database} 不存在 (${where})`);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN')
    return new OpsError(`无法连接数据库 ${where} (${code})`);
  return new OpsError(`数据库出错 (${where})：${(error as Error).message}`);
}

/**
 * A consistent logical backup of one database, gzip-compressed while it streams: one snapshot
 * (`--single-transaction`, so the platform keeps running and every table is from the same moment),
 * with routines, triggers and binary columns as hex. The dump names no database, so it can be
 * restored under another name. The file appears only once the dump has succeeded.
 */
export async function backupDatabase(
  databaseUrl: string,
  file: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const started = Date.now();
  const login = loginOf(databaseUrl);
  let tables: number;
  let flavour: Awaited<ReturnType<typeof detectFlavour>>;
  try {
    flavour = await detectFlavour(databaseUrl);
    tables = await tableCount(login);
  } catch (error) {
    throw describeConnectFailure(error, login);
  }
  if (tables === 0)
    throw new OpsError(`数据库 ${login.database} 没有任何表：没有可备份的内容（库名写对了吗？）`);
  try {
    if (!(await stat(dirname(file))).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new OpsError(`备份目录不存在：${dirname(file)}`);
  }
  const program = findTool('dump', flavour, options.dumpCommand);
  const mysqlTool = !isMariaDbTool(program);
  const partial = join(dirname(file), `.${basename(file)}.partial`);

  await withLoginFile(login, async (loginFile) => {
    const args = [
      `--defaults-extra-file=${loginFile}`,
      '--single-transaction',
      '--routines',
      '--triggers',
      '--hex-blob',
      '--no-tablespaces',
      '--default-character-set=utf8mb4',
      // The restore target may be a server with GTIDs of its own (a new primary with replicas).
      ...(mysqlTool ? ['--set-gtid-purged=OFF'] : []),
      login.database,
    ];
    const child = startChild(program, args);
    child.stdin.end();
    const written = pipeline(
      child.stdout,
      createGzip({ level: 6 }),
      createWriteStream(partial, { mode: 0o600 }),
    );
    const [streamed, exited] = await Promise.allSettled([written, child.done]);
    const exit = exited.status === 'fulfilled' ? exited.value : { code: null, stderr: String(exited.reason) };
    if (exit.code !== 0 || streamed.status === 'rejected') {
      await rm(partial, { force: true });
      const reason =
        exit.code !== 0
          ? meaningfulErrors(exit.stderr) || `exit ${String(exit.code)}`
          : (streamed as PromiseRejectedResult).reason instanceof Error
            ? ((streamed as PromiseRejectedResult).reason as Error).message
            : String((streamed as PromiseRejectedResult).reason);
      throw new OpsError(`备份失败 (${basename(program)})：${reason}`);
    }
  });
  await rename(partial, file);
  const { size } = await stat(file);
  return { file, bytes: size, tables, durationMs: Date.now() - started };
}

/**
 * Reads a backup through to its end: it must be gzip, decompress without error, and end with the
 * dump tool's completion line. Returns the uncompressed size.
 */
export async function verifyBackup(file: string): Promise<{ bytes: number }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new OpsError(
      code === 'ENOENT' ? `备份文件不存在：${file}` : `无法读取备份文件 ${file} (${code ?? 'error'})`,
    );
  }
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    if (!head.equals(GZIP_MAGIC)) throw new OpsError(`${file} 不是 gzip 压缩的备份文件`);
  } finally {
    await handle.close();
  }
  let bytes = 0;
  let tail = '';
  try {
    await pipeline(createReadStream(file), createGunzip(), async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        tail = (tail + chunk.toString('latin1')).slice(-512);
      }
    });
  } catch (error) {
    throw new OpsError(`备份文件 ${file} 已损坏或不完整（解压失败：${(error as Error).message}）`);
  }
  if (!DUMP_TRAILER.test(tail))
    throw new OpsError(`备份文件 ${file} 不完整：缺少结尾的 "-- Dump completed"，备份可能中途被打断`);
  return { bytes };
}

/**
 * Restores a backup into an empty database (created when missing). A database that already holds
 * tables is refused: a restore never mixes with existing rows. The file is checked whole before
 * anything is written.
 */
export async function restoreDatabase(
  file: string,
  databaseUrl: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const started = Date.now();
  const login = loginOf(databaseUrl);
  await verifyBackup(file);
  let flavour: Awaited<ReturnType<typeof detectFlavour>>;
  try {
    flavour = await detectFlavour(databaseUrl);
    await ensureDatabase(databaseUrl);
    const existing = await tableCount(login);
    if (existing > 0) {
      throw new OpsError(
        `目标数据库 ${login.database} 不是空的（已有 ${existing} 张表）：恢复只写入空数据库，请换一个新库名或先删除它`,
      );
    }
  } catch (error) {
    if (error instanceof OpsError) throw error;
    throw describeConnectFailure(error, login);
  }
  const program = findTool('client', flavour, options.clientCommand);
  await withLoginFile(login, async (loginFile) => {
    const child = startChild(program, [
      `--defaults-extra-file=${loginFile}`,
      '--default-character-set=utf8mb4',
      login.database,
    ]);
    child.stdout.resume();
    const fed = pipeline(createReadStream(file), createGunzip(), child.stdin);
    const [streamed, exited] = await Promise.allSettled([fed, child.done]);
    const exit = exited.status === 'fulfilled' ? exited.value : { code: null, stderr: String(exited.reason) };
    // The client's own message says more than the broken pipe it causes, so it comes first.
    if (exit.code !== 0) {
      throw new OpsError(
        `恢复失败 (${basename(program)})：${meaningfulErrors(exit.stderr) || `exit ${String(exit.code)}`}；数据库 ${login.database} 可能只恢复了一部分，删除它后重试`,
      );
    }
    if (streamed.status === 'rejected') {
      throw new OpsError(
        `恢复失败：读取备份时出错 (${(streamed.reason as Error).message})；删除数据库 ${login.database} 后重试`,
      );
    }
  });
  return { database: login.database, tables: await tableCount(login), durationMs: Date.now() - started };
}

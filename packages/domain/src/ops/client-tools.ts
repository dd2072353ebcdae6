import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { DatabaseFlavour } from '../data-source.js';

/** A failure an operator reads: one plain sentence (Chinese first), never a stack trace. */
export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpsError';
  }
}

/** The first of `names` that is an executable file on PATH, or null. */
export function findOnPath(names: string[], path = process.env.PATH ?? ''): string | null {
  for (const name of names) {
    for (const dir of path.split(delimiter).filter(Boolean)) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}

/**
 * The dump or client program for the server's flavour. MariaDB's and MySQL's tools each speak their
 * own server best (MySQL 8.4's mysqldump and MariaDB's dump headers differ), so the matching one is
 * preferred and the other is the fallback.
 */
export function findTool(kind: 'dump' | 'client', flavour: DatabaseFlavour, explicit?: string): string {
  if (explicit) return explicit;
  const names =
    kind === 'dump'
      ? flavour === 'mariadb'
        ? ['mariadb-dump', 'mysqldump']
        : ['mysqldump', 'mariadb-dump']
      : flavour === 'mariadb'
        ? ['mariadb', 'mysql']
        : ['mysql', 'mariadb'];
  const found = findOnPath(names);
  if (!found) {
    const pkg = flavour === 'mariadb' ? 'mariadb-client' : 'mysql-client (or default-mysql-client)';
    throw new OpsError(`找不到 ${names.join(' / ')}：请安装 ${pkg}，或把它所在的目录加入 PATH`);
  }
  return found;
}

/** True when the program is MariaDB's build (its options differ from MySQL's in a few places). */
export function isMariaDbTool(program: string): boolean {
  const result = spawnSync(program, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return /mariadb/i.test(`${result.stdout ?? ''}${result.stderr ?? ''}`) || /mariadb/i.test(program);
}

export interface ServerLogin {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function loginOf(databaseUrl: string): ServerLogin {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new OpsError('数据库地址无效：应形如 mysql://user:password@host:3306/dangjian');
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) {
    throw new OpsError(`数据库地址中的库名「${database}」无效：只能包含字母、数字和下划线`);
  }
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database,
  };
}

/** One option-file value, quoted so that spaces, '#' and ';' survive. */
function optionValue(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\');
  if (!escaped.includes('"')) return `"${escaped}"`;
  if (!escaped.includes("'")) return `'${escaped}'`;
  throw new OpsError('数据库密码同时包含单引号和双引号，命令行工具无法安全地接收它：请换一个密码');
}

/**
 * Runs `fn` with a private option file holding the login, so the password never appears in the
 * process list (as `-p…` would) and never in the environment of child processes.
 */
export async function withLoginFile<T>(login: ServerLogin, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'dangjian-ops-'));
  const file = join(dir, 'client.cnf');
  try {
    const lines = [
      '[client]',
      `host=${optionValue(login.host)}`,
      `port=${login.port}`,
      `user=${optionValue(login.user)}`,
      `password=${optionValue(login.password)}`,
      // mysql2 always uses TCP; "localhost" would otherwise mean the Unix socket to these tools.
      'protocol=TCP',
      '',
    ];
    await writeFile(file, lines.join('\n'), { mode: 0o600 });
    await chmod(file, 0o600);
    return await fn(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ChildRun {
  stdout: Readable;
  stdin: Writable;
  /** Resolves with the exit code and the last part of stderr once the program ends. */
  done: Promise<{ code: number | null; stderr: string }>;
}

/** Starts a program with piped stdio; a program that cannot start settles `done` with code null. */
export function startChild(program: string, args: string[]): ChildRun {
  const child = spawn(program, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, MYSQL_PWD: undefined },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, stderr: `${program}: ${error.message}` }));
    child.once('close', (code) => resolve({ code, stderr }));
  });
  return { stdout: child.stdout, stdin: child.stdin, done };
}

/** The lines of a program's stderr worth showing, without the tools' deprecation chatter. */
export function meaningfulErrors(stderr: string): string {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/deprecated program name|warning: using a password/i.test(line))
    .slice(-8)
    .join('\n');
}

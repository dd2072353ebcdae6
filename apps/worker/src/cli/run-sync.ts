import { ConfigError, loadConfig, type Config } from '@dangjian/config';
import {
  COLLECTION_QUEUES,
  DomainError,
  SYNC_ORDER,
  currentCollection,
  describeDatabaseError,
  loadSyncRun,
  openDataSource,
  openProducerQueue,
  requestSyncRun,
  summarizeRun,
  type QueueName,
  type SyncCollection,
  type SyncRun,
} from '@dangjian/domain';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { SYNC_QUEUES, workerConfigFrom, type WorkerConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { describeRedisError, describeStartFailure, probeRedis } from '../probe.js';
import { createWorker, type DangjianWorker } from '../worker.js';

export interface CliIo {
  /** Progress lines and, last, the JSON summary. */
  out(line: string): void;
  /** Plain one-sentence errors. */
  err(line: string): void;
}

export interface SyncArguments {
  full: boolean;
  collections: SyncCollection[] | undefined;
}

export const USAGE = '用法：pnpm sync [--full] [--collections organizations,members,transfers]';

const STATUS_ZH: Record<string, string> = {
  QUEUED: '排队中',
  RUNNING: '进行中',
  SUCCEEDED: '成功',
  PARTIAL: '部分成功',
  FAILED: '失败',
};

/** `--full`, `--collections a,b` (or `=a,b`), names in any case; a mistake says what is accepted. */
export function parseSyncArguments(
  argv: readonly string[],
): SyncArguments | { help: true } | { error: string } {
  let full = false;
  let collections: SyncCollection[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') continue;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--full') {
      full = true;
      continue;
    }
    if (arg === '--collections' || arg.startsWith('--collections=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) return { error: `--collections 需要一个值。${USAGE}` };
      const names = value
        .split(',')
        .map((name) => name.trim().toUpperCase())
        .filter(Boolean);
      const unknown = names.filter((name) => !(SYNC_ORDER as string[]).includes(name));
      if (unknown.length || !names.length) {
        return { error: `未知的同步对象：${unknown.join(', ').toLowerCase() || value}。${USAGE}` };
      }
      collections = SYNC_ORDER.filter((name) => names.includes(name));
      continue;
    }
    return { error: `未知参数：${arg}。${USAGE}` };
  }
  return { full, collections };
}

function progressLine(run: SyncRun): string {
  const collection = currentCollection(run);
  const part = collection ? run.details[collection] : undefined;
  const percent = Math.round(run.progress * 100);
  const where = collection ? ` ${collection.toLowerCase()}` : '';
  const note = part?.error ? ` — ${part.error}` : '';
  return (
    `同步 #${run.id} ${STATUS_ZH[run.status] ?? run.status}${where} ${percent}%：` +
    `获取 ${run.fetchedCount}，应用 ${run.appliedCount}，跳过 ${run.skippedCount}，隔离 ${run.quarantinedCount}${note}`
  );
}

/**
 * `pnpm sync`: one run to completion in the foreground, through the same queues as the nightly
 * run. When no worker consumes the sync queues (none running, or one that died meanwhile), this
 * process runs the jobs itself. Returns the exit code: 0 on SUCCEEDED or PARTIAL, 1 otherwise.
 */
export async function runSyncCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  options: { overrides?: Partial<WorkerConfig>; pollMs?: number; signal?: AbortSignal } = {},
): Promise<number> {
  const parsed = parseSyncArguments(argv);
  if ('help' in parsed) {
    io.out(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.err(parsed.error);
    return 1;
  }

  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`配置有误：${error.problems.join('；')}`);
      return 1;
    }
    throw error;
  }
  try {
    await probeRedis(config.REDIS_URL);
  } catch (error) {
    io.err(describeRedisError(error, config.REDIS_URL));
    return 1;
  }
  let dataSource: DataSource;
  try {
    dataSource = await openDataSource({ databaseUrl: config.DATABASE_URL, poolSize: 5 });
  } catch (error) {
    io.err(describeDatabaseError(error));
    return 1;
  }

  const queues = new Map<QueueName, Queue>();
  let local: DangjianWorker | undefined;
  const deps = { dataSource, redisUrl: config.REDIS_URL, queuePrefix: config.QUEUE_PREFIX };
  try {
    for (const name of SYNC_QUEUES) queues.set(name, await openProducerQueue(deps, name));
    const workerConfig = workerConfigFrom(config, {
      queues: SYNC_QUEUES,
      schedule: false,
      pollOutbox: false,
      port: null,
      dataSource,
      log: createLogger('warn', (line) => io.err(line.trimEnd())),
      ...options.overrides,
    });

    let run: SyncRun;
    try {
      run = await requestSyncRun(
        { ...deps, policy: workerConfig.policy },
        { ...parsed, trigger: 'CLI', requestedBy: 'cli' },
      );
      io.out(
        `已发起同步 #${run.id}（${run.collections.map((name) => name.toLowerCase()).join(', ')}${run.full ? '，全量' : ''}）`,
      );
    } catch (error) {
      const runId = error instanceof DomainError ? (error.details.runId as string | undefined) : undefined;
      if (error instanceof DomainError && error.reason === 'SYNC_ALREADY_RUNNING' && runId) {
        io.out(`${error.message}；等待同步 #${runId} 完成`);
        run = (await loadSyncRun(dataSource.manager, runId)) as SyncRun;
      } else if (error instanceof DomainError) {
        io.err(error.message);
        return 1;
      } else {
        throw error;
      }
    }

    let lastLine = '';
    const pollMs = options.pollMs ?? 200;
    for (;;) {
      if (options.signal?.aborted) {
        io.out(`已中断；同步 #${run.id} 会在 worker 运行时从断点继续`);
        return 130;
      }
      const fresh = await loadSyncRun(dataSource.manager, run.id);
      if (!fresh) throw new Error(`sync run ${run.id} disappeared`);
      run = fresh;
      const line = progressLine(run);
      if (line !== lastLine) {
        io.out(line);
        lastLine = line;
      }
      if (!['QUEUED', 'RUNNING'].includes(run.status)) break;
      if (!local) {
        const collection = currentCollection(run) ?? (run.collections[0] as SyncCollection);
        const consumers = await (queues.get(COLLECTION_QUEUES[collection]) as Queue).getWorkersCount();
        if (consumers === 0) {
          io.out('没有正在运行的 worker：由本进程执行同步');
          local = createWorker(workerConfig);
          await local.start();
        }
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }

    if (run.status === 'FAILED' && run.error) io.out(`同步失败：${run.error}`);
    io.out(JSON.stringify(summarizeRun(run)));
    return run.status === 'SUCCEEDED' || run.status === 'PARTIAL' ? 0 : 1;
  } catch (error) {
    io.err(describeStartFailure(error));
    return 1;
  } finally {
    if (local) await local.close().catch(() => undefined);
    await Promise.all([...queues.values()].map((queue) => queue.close().catch(() => undefined)));
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
  }
}

// What the sync benchmark watches while a run goes: a process's resident memory (its high-water
// mark, VmHWM) and CPU time from /proc, the database server's CPU time, and Redis memory. Redis
// is shared with other processes, so its instance-wide figures are reported beside the memory of
// the keys under the run's own prefix (MEMORY USAGE of each), which is the part this run owns.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** VmHWM and VmRSS of a running process in bytes; null once it has gone. */
export function processMemory(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const field = (name) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : 0;
  };
  return { hwm: field('VmHWM'), rss: field('VmRSS') };
}

/** User + system CPU seconds a process has used so far; null once it has gone. */
export function processCpuSeconds(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name may hold spaces: the fields after it are counted from its closing parenthesis.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The pid of the first process whose command name is one of `names` (the database server), or null. */
export function findProcess(names) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (names.includes(comm)) return Number(entry);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return null;
}

export function loadAverage(os) {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

/** used_memory and used_memory_peak of the Redis instance, in bytes. */
export async function redisMemory(redis) {
  const info = await redis.info('memory');
  const field = (name) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  return { used: field('used_memory'), peak: field('used_memory_peak') };
}

/** The keys under `prefix` and the sum of their MEMORY USAGE, in bytes. */
export async function prefixMemory(redis, prefix) {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (found.length) {
      const pipeline = redis.pipeline();
      for (const key of found) pipeline.memory('USAGE', key, 'SAMPLES', '0');
      for (const [error, usage] of await pipeline.exec()) if (!error) bytes += Number(usage ?? 0);
      keys += found.length;
    }
  } while (cursor !== '0');
  return { keys, bytes };
}

export async function deletePrefix(redis, prefix) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (found.length) deleted += await redis.del(...found);
  } while (cursor !== '0');
  return deleted;
}

/**
 * Samples a child process and Redis every `intervalMs` until `stop()`: the highest VmHWM seen
 * (the kernel's own peak, so a spike between two samples still counts), the highest used_memory
 * of the instance and the largest total of the prefix's keys. `stop()` resolves to the figures.
 */
export function startSampler({ pid, redis, prefix, intervalMs = 250, prefixEveryMs = 1000 }) {
  const figures = {
    rssPeak: 0,
    redisUsedStart: NaN,
    redisUsedMax: 0,
    redisPeakStart: NaN,
    redisPeakEnd: NaN,
    prefixBytesMax: 0,
    prefixKeysMax: 0,
    samples: 0,
  };
  let stopped = false;
  let lastPrefix = 0;
  const once = async () => {
    const memory = processMemory(pid);
    if (memory) figures.rssPeak = Math.max(figures.rssPeak, memory.hwm, memory.rss);
    const { used, peak } = await redisMemory(redis);
    if (Number.isNaN(figures.redisUsedStart)) {
      figures.redisUsedStart = used;
      figures.redisPeakStart = peak;
    }
    figures.redisUsedMax = Math.max(figures.redisUsedMax, used);
    figures.redisPeakEnd = peak;
    if (Date.now() - lastPrefix >= prefixEveryMs) {
      lastPrefix = Date.now();
      const mine = await prefixMemory(redis, prefix);
      figures.prefixBytesMax = Math.max(figures.prefixBytesMax, mine.bytes);
      figures.prefixKeysMax = Math.max(figures.prefixKeysMax, mine.keys);
    }
    figures.samples++;
  };
  const loop = (async () => {
    while (!stopped) {
      await once().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      lastPrefix = 0;
      await once().catch(() => undefined);
      return figures;
    },
  };
}

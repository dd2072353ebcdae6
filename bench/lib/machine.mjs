// How busy the machine was while a benchmark ran, from /proc (Linux): the CPU the whole machine
// used, and how much of it went to processes other than the ones measured and the database, so
// that figures taken while other work shared the CPUs can be told from those of a quiet machine.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

function machineBusyTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return user + nice + system + irq + softirq + steal;
}

function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The process ids of the MySQL/MariaDB server on this machine (it serves others too). */
function databasePids() {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (name === 'mariadbd' || name === 'mysqld') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * Starts watching; `stop()` answers CPU cores used on average since then: by the whole machine,
 * by the database server, by the processes given (and this one), and by everything else.
 */
export function watchMachine(pids) {
  if (!existsSync('/proc/stat')) return { stop: () => null };
  const database = databasePids();
  const ours = [...new Set([process.pid, ...pids])];
  const sum = (list) => list.reduce((total, pid) => total + processTicks(pid), 0);
  const started = performance.now();
  const before = { machine: machineBusyTicks(), database: sum(database), ours: sum(ours) };
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      const cores = (ticks) => (ticks * TICK_MS) / 1000 / seconds;
      const machine = cores(machineBusyTicks() - before.machine);
      const databaseCores = cores(sum(database) - before.database);
      const oursCores = cores(sum(ours) - before.ours);
      return { machine, database: databaseCores, ours: oursCores, others: Math.max(0, machine - databaseCores - oursCores) };
    },
  };
}

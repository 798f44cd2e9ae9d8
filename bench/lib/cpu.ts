import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux everywhere in practice). */
const TICKS_PER_SECOND = 100;

function ownCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ": utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
  } catch {
    return 0;
  }
}

function children(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) found.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    // gone, or no children file
  }
  return found;
}

/** CPU time (user + system, ms) used so far by a process and its live descendants (e.g. kc.sh → java). */
export function treeCpuMs(pid: number): number {
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift() as number;
    total += ownCpuMs(next);
    queue.push(...children(next));
  }
  return total;
}

/** CPU time of the listed processes between start() and the returned stop(). */
export function cpuMeter(pids: Record<string, number>): () => Record<string, number> {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, treeCpuMs(pid)]));
  const self = process.cpuUsage();
  return () => {
    const used: Record<string, number> = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, Math.round(treeCpuMs(pid) - (start[name] ?? 0))]));
    const mine = process.cpuUsage(self);
    used['bench'] = Math.round((mine.user + mine.system) / 1000);
    return used;
  };
}

/**
 * Waits until process `pid` (with its descendants) uses under `share` of one core over two
 * `windowMs` windows in a row, or `maxMs` passed; answers the ms waited. A side measured right after
 * heavy work (3,000 logins, a snapshot listing) otherwise pays the JVM's garbage collection of it.
 */
export async function settled(pid: number, { share = 0.1, windowMs = 250, maxMs = 15_000 } = {}): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  let last = treeCpuMs(pid);
  while (quiet < 2 && performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = treeCpuMs(pid);
    quiet = now - last < share * windowMs ? quiet + 1 : 0;
    last = now;
  }
  return Math.round(performance.now() - started);
}

// CPU time of server processes, read from Linux's /proc, so that a server the benchmark does not
// run in-process (a cluster's primary and workers, separate instances) is measured the same way
// as one it does.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds, user and kernel (system) apart. */
export interface CpuSplit {
  userMs: number;
  systemMs: number;
}

/** User and system CPU milliseconds `pid` has used so far; 0 once it has exited. */
function processCpu(pid: number): CpuSplit {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return { userMs: 0, systemMs: 0 };
  }
  // Fields after the command name (which is in parentheses and may hold spaces): state is field 3,
  // utime field 14, stime field 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    userMs: (Number(fields[11]) * 1_000) / TICKS_PER_SECOND,
    systemMs: (Number(fields[12]) * 1_000) / TICKS_PER_SECOND,
  };
}

/** The direct children of `pid` (e.g. a cluster primary's workers). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** User and system CPU milliseconds of `pids` and their direct children. */
export function treeCpu(pids: readonly number[]): CpuSplit {
  const total = { userMs: 0, systemMs: 0 };
  for (const pid of pids) {
    for (const one of [pid, ...childPids(pid)]) {
      const cpu = processCpu(one);
      total.userMs += cpu.userMs;
      total.systemMs += cpu.systemMs;
    }
  }
  return total;
}

/** Total (user + system) CPU milliseconds of `pids` and their direct children. */
export function treeCpuMs(pids: readonly number[]): number {
  const { userMs, systemMs } = treeCpu(pids);
  return userMs + systemMs;
}

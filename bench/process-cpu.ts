import { readFileSync } from "node:fs";

/**
 * Clock ticks a second in /proc (USER_HZ): 100 on Linux whatever the kernel's own tick, as the ABI fixes it for
 * user space.
 */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time process `pid` has used so far, all its threads (V8's, libuv's) included, in milliseconds; undefined
 * where there is no /proc (not Linux) or no such process. CPU time per request, unlike requests per second, does
 * not depend on what else the machine runs at the same time.
 */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // After "pid (comm) ": state is field 3, utime and stime fields 14 and 15 (proc(5)); comm may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}

/** The resident memory of process `pid` (VmRSS), in bytes; undefined where there is no /proc or no such process. */
export function rssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

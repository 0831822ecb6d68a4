import { readFileSync } from "node:fs";

/**
 * When process `pid` started, as the kernel counts it (clock ticks since boot, from `/proc/<pid>/stat`), or
 * undefined where there is no /proc (macOS, Windows) or no such process. With the PID it names one process for
 * good: a PID the system has since given to another process shows another start time.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses: count from the last ")".
  const fields = stat
    .slice(stat.lastIndexOf(")") + 1)
    .trim()
    .split(/\s+/);
  // Field 22 of the line; the first after the command name is field 3.
  const start = fields[22 - 3];
  return start !== undefined && /^\d+$/.test(start) ? start : undefined;
}

/** Whether a process with this PID exists (one of another user's counts: signalling it is refused, not unknown). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

import type { Command } from "commander";
import { UsageError } from "../errors.js";

/**
 * What every `oncall` command reads. The subcommands share `--schedule` and `--user` with `oncall` itself, and
 * commander gives an option the parent knows to the parent wherever it is written: so each reads them merged.
 */
export interface OnCallFlags {
  service?: string;
  team?: string;
  schedule?: string;
  user?: string;
  at?: string;
}

export const AT_HELP = "an ISO 8601 date-time, or a duration from now (30m, 8h, 2d)";

/** `--schedule`, which a subcommand needs, or a usage error saying so. */
export function requiredSchedule(command: Command): string {
  const schedule = command.optsWithGlobals<OnCallFlags>().schedule;
  if (schedule === undefined || schedule.trim() === "") {
    throw new UsageError(
      `${command.name()} needs --schedule <name>: incidentkit oncall schedules lists them`,
    );
  }
  return schedule;
}

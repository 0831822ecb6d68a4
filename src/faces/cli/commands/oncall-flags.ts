import type { Command, OptionValues } from "@commander-js/extra-typings";
import { UsageError } from "../errors.js";

/**
 * The `oncall` command, as its subcommands see it. They share `--schedule` and `--user` with `oncall` itself, and
 * commander gives an option the parent knows to the parent wherever it is written: so each reads them merged,
 * with `optsWithGlobals()`, typed from the parent's declaration.
 */
export type OnCallParent = Command<
  [],
  { schedule?: string | undefined; user?: string | undefined },
  OptionValues
>;

/** A subcommand of `oncall`: what `requiredSchedule` reads of it. */
interface OnCallSubcommand {
  name(): string;
  optsWithGlobals(): { schedule?: string | undefined };
}

export const AT_HELP = "an ISO 8601 date-time, or a duration from now (30m, 8h, 2d)";

/** `--schedule`, which a subcommand needs, or a usage error saying so. */
export function requiredSchedule(command: OnCallSubcommand): string {
  const schedule = command.optsWithGlobals().schedule;
  if (schedule === undefined || schedule.trim() === "") {
    throw new UsageError(
      `${command.name()} needs --schedule <name>: incidentkit oncall schedules lists them`,
    );
  }
  return schedule;
}

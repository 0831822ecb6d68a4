import type { Config } from "../../../api/config.js";
import {
  createScheduleOverride,
  deleteScheduleOverride,
  listScheduleOverrides,
  localTime,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { UsageError } from "../errors.js";
import { helpAfter } from "../flags.js";
import { overridesTable } from "../output/oncall-view.js";
import { AT_HELP, type OnCallParent, requiredSchedule } from "./oncall-flags.js";

/** `oncall overrides list|add|remove`: someone covering a layer of a schedule for a while. */
export function registerOverridesCommand(oncall: OnCallParent, config: Config): void {
  const overrides = oncall
    .command("overrides")
    .description("A schedule's overrides: list them, add one (someone covering), remove one.")
    .addHelpText(
      "after",
      helpAfter([
        'incidentkit oncall overrides list --schedule "Payments on-call"',
        'incidentkit oncall overrides add --schedule "Payments on-call" --rotation Primary --user amara.nwosu@acme.example --until 8h',
        'incidentkit oncall overrides remove --schedule "Payments on-call" --user "Amara Nwosu"',
      ]),
    );

  overrides
    .command("list")
    .description("The schedule's overrides that have not ended (--all: those that have, too).")
    .option("--schedule <name>", "the schedule, by name or ID")
    .option("--all", "include overrides that have ended")
    .addHelpText(
      "after",
      helpAfter(
        ['incidentkit oncall overrides list --schedule "Payments on-call"'],
        '{ "overrides": [incident.io schedule overrides] }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await listScheduleOverrides(sessionFor(config, globals), requiredSchedule(command), {
        includeEnded: flags.all === true,
      });
      out.emit({ overrides: result.overrides.map((named) => named.override) }, () =>
        result.overrides.length === 0
          ? `No overrides on ${result.schedule.name}.`
          : overridesTable(result.schedule, result.overrides, out),
      );
    });

  overrides
    .command("add")
    .description(
      "Put someone on call instead of the rotation for a while. The same override asked for again is found, not made twice.",
    )
    .option("--schedule <name>", "the schedule, by name or ID")
    .option("--user <name>", "who covers: name or email")
    .option("--until <when>", `when the cover ends: ${AT_HELP}`)
    .option("--from <when>", `when it starts: ${AT_HELP}; now by default`)
    .option("--rotation <name>", "the rotation covered (needed when the schedule has several)")
    .option("--layer <name>", "the layer covered; the rotation's first by default")
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit oncall overrides add --schedule "Payments on-call" --rotation Primary --user amara.nwosu@acme.example --until 8h',
          'incidentkit oncall overrides add --schedule "Storefront on-call" --user "Yuki Tanaka" --from 2026-05-01T18:00:00Z --until 2026-05-02T09:00:00Z',
        ],
        '{ "override": incident.io schedule override, "created": boolean }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const schedule = requiredSchedule(command);
      const user = command.optsWithGlobals().user;
      if (user === undefined) throw new UsageError("overrides add needs --user <name or email>: who covers");
      if (flags.until === undefined) throw new UsageError(`overrides add needs --until <when>: ${AT_HELP}`);
      const made = await createScheduleOverride(sessionFor(config, globals), {
        schedule,
        user,
        until: flags.until,
        from: flags.from,
        rotation: flags.rotation,
        layer: flags.layer,
      });
      const at = (iso: string) => localTime(iso, made.schedule.timezone);
      out.emit({ override: made.override, created: made.created }, () =>
        [
          made.created ? "Override added." : "Override already there: nothing changed.",
          `${made.override.user?.name ?? "no one"} covers ${made.schedule.name} (${made.rotation} / ${made.layer}) from ${at(made.override.start_at)} until ${at(made.override.end_at)}.`,
          `ID: ${made.override.id}`,
        ].join("\n"),
      );
    });

  overrides
    .command("remove")
    .description("Delete an override, by its ID or by whose it is; the rotation's person is on call again.")
    .option("--schedule <name>", "the schedule, by name or ID")
    .option("--id <id>", "the override's ID (overrides list shows it)")
    .option("--user <name>", "whose override: name or email (their one override that has not ended)")
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit oncall overrides remove --schedule "Payments on-call" --user "Amara Nwosu"',
          'incidentkit oncall overrides remove --schedule "Payments on-call" --id 01J…',
        ],
        '{ "deleted": incident.io schedule override }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const user = command.optsWithGlobals().user;
      const removed = await deleteScheduleOverride(sessionFor(config, globals), {
        schedule: requiredSchedule(command),
        id: flags.id,
        user,
      });
      out.emit(
        { deleted: removed.override },
        () =>
          `Override removed: ${removed.override.user?.name ?? "no one"} no longer covers ${removed.schedule.name} (${removed.rotation} / ${removed.layer}).`,
      );
    });
}

import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import {
  listScheduleEntries,
  listSchedules,
  onCallSubject,
  onCallText,
  whoIsOnCall,
} from "../../../ops/index.js";
import { onCallView } from "../../mcp/oncall-views.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter } from "../flags.js";
import { entriesTable, schedulesTable } from "../output/oncall-view.js";
import { AT_HELP, requiredSchedule } from "./oncall-flags.js";
import { registerOverridesCommand } from "./oncall-overrides.js";

export function registerOnCallCommand(program: CommandUnknownOpts, config: Config): void {
  const oncall = program
    .command("oncall")
    .description(
      "Who is on call now, or at a time, for a service, a team, a schedule or a user; schedules, entries, overrides.",
    )
    .option("--service <name>", "a catalog service (name, alias or external ID): its owner team's on-call")
    .option("--team <name>", "a catalog team: its on-call schedule, or its escalation path's")
    .option("--schedule <name>", "an on-call schedule by name or ID")
    .option("--user <name>", "a user by name or email: the schedules they are on call on, now or next")
    .option("--at <when>", `when to ask about: ${AT_HELP}; now by default`)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit oncall --service payments-api",
          "incidentkit oncall --team Payments --at 8h",
          'incidentkit oncall --schedule "Payments on-call" --at 2026-05-01T18:00:00Z',
          "incidentkit oncall --user daniel.kim@acme.example",
          "incidentkit oncall schedules",
          'incidentkit oncall overrides list --schedule "Payments on-call"',
        ],
        '{ "on_call": { "at", "chain": [string], "on_call": [people], "schedules": [{ "name", "layers": [{ "rotation", "layer", "now", "next" }] }], "escalation_path"? } }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const s = sessionFor(config, globals);
      const subject = onCallSubject({
        service: flags.service,
        team: flags.team,
        schedule: flags.schedule,
        user: flags.user,
      });
      const answer = await whoIsOnCall(s, subject, flags.at);
      out.emit({ on_call: onCallView(answer) }, () => onCallText(answer, s.clock.now()));
    });

  oncall
    .command("schedules")
    .description("List the on-call schedules: rotations, and who is on call on each now.")
    .addHelpText(
      "after",
      helpAfter(["incidentkit oncall schedules"], '{ "schedules": [incident.io schedules] }'),
    )
    .action(async (_flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const schedules = await listSchedules(sessionFor(config, globals));
      out.emit({ schedules }, () =>
        schedules.length === 0 ? "No on-call schedules." : schedulesTable(schedules, out),
      );
    });

  oncall
    .command("entries")
    .description("A schedule's shifts over a window (a week from now unless told), overrides applied.")
    .option("--schedule <name>", "the schedule, by name or ID")
    .option("--from <when>", `start: ${AT_HELP}; now by default`)
    .option("--to <when>", `end: ${AT_HELP}; a week after the start by default (92 days at most)`)
    .addHelpText(
      "after",
      helpAfter(
        ['incidentkit oncall entries --schedule "Payments on-call" --to 2d'],
        '{ "schedule": incident.io schedule, "from", "to", "entries": [schedule entries], "overrides": [schedule entries] }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await listScheduleEntries(sessionFor(config, globals), requiredSchedule(command), {
        from: flags.from,
        to: flags.to,
      });
      out.emit(
        {
          schedule: result.schedule,
          from: result.from,
          to: result.to,
          entries: result.final,
          overrides: result.overrides,
        },
        () =>
          result.final.length === 0
            ? `No one is on call on ${result.schedule.name} in that window.`
            : entriesTable(result.schedule, result.final, out),
      );
    });

  registerOverridesCommand(oncall, config);
}

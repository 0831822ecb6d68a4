import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import {
  cancelEscalation,
  getEscalation,
  getEscalationPath,
  listEscalationPaths,
  listEscalations,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { collect, helpAfter, pageOf, withNextPage } from "../flags.js";
import { escalationDetails, escalationsTable, pathsTable } from "../output/oncall-view.js";
import { pathNames } from "./page.js";

export function registerEscalationsCommand(program: CommandUnknownOpts, config: Config): void {
  const escalations = program
    .command("escalations")
    .description("Pages sent (escalations): list, show, cancel; and the escalation paths they go through.")
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit escalations list --status triggered",
        "incidentkit escalations show 01J…",
        "incidentkit escalations cancel 01J…",
        'incidentkit escalations paths "Payments urgent"',
      ]),
    );

  escalations
    .command("list")
    .description("Pages sent, newest first: status, whom each has paged so far.")
    .option(
      "--status <status>",
      "only this status: triggered, acked, cancelled, expired, … (repeatable)",
      collect,
    )
    .option("--path <name>", "only pages through this escalation path")
    .option("--incident <ref>", "only pages about this incident")
    .option("--limit <n>", "escalations per page, 1 to 250", "25")
    .option("--after <cursor>", "the page after this cursor")
    .option("--all", "every page, not only the first")
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit escalations list --status triggered",
          "incidentkit escalations list --incident INC-123 --json",
        ],
        '{ "escalations": [incident.io escalations], "next_cursor": string | null }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const s = sessionFor(config, globals);
      const [result, names] = await Promise.all([
        listEscalations(
          s,
          {
            status: flags.status,
            path: flags.path,
            incident: flags.incident,
          },
          pageOf(flags),
        ),
        pathNames(s),
      ]);
      const nextCursor = result.nextCursor ?? null;
      out.emit({ escalations: result.escalations, next_cursor: nextCursor }, () =>
        result.escalations.length === 0
          ? "No escalations."
          : withNextPage(escalationsTable(result.escalations, names, out), nextCursor),
      );
    });

  escalations
    .command("show")
    .description("One page: its status, whom it has paged so far, who acknowledged.")
    .argument("<id>", "the escalation's ID")
    .addHelpText(
      "after",
      helpAfter(["incidentkit escalations show 01J…"], '{ "escalation": incident.io escalation }'),
    )
    .action(async (id, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const s = sessionFor(config, globals);
      const [escalation, names] = await Promise.all([getEscalation(s, id), pathNames(s)]);
      out.emit({ escalation }, () => escalationDetails(escalation, names, out));
    });

  escalations
    .command("cancel")
    .description("Stop a page: no one further is paged. Cancelling a cancelled page changes nothing.")
    .argument("<id>", "the escalation's ID")
    .addHelpText(
      "after",
      helpAfter(["incidentkit escalations cancel 01J…"], '{ "escalation": incident.io escalation }'),
    )
    .action(async (id, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const s = sessionFor(config, globals);
      const escalation = await cancelEscalation(s, id);
      const names = await pathNames(s);
      out.emit({ escalation }, () => `Cancelled.\n\n${escalationDetails(escalation, names, out)}`);
    });

  escalations
    .command("paths")
    .description("The escalation paths, or one path's levels in words.")
    .argument("[path]", "an escalation path by name or ID")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit escalations paths", 'incidentkit escalations paths "Payments urgent"'],
        '{ "escalation_paths": [incident.io escalation paths] } or { "escalation_path": …, "steps": [string] }',
      ),
    )
    .action(async (name, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const s = sessionFor(config, globals);
      if (name === undefined) {
        const paths = await listEscalationPaths(s);
        out.emit({ escalation_paths: paths }, () =>
          paths.length === 0 ? "No escalation paths." : pathsTable(paths, out),
        );
        return;
      }
      const { path, steps } = await getEscalationPath(s, name);
      out.emit({ escalation_path: path, steps: steps.map((step) => step.text) }, () =>
        [
          `${out.colour.bold(path.name)}  (first pages now: ${(path.current_responders ?? []).map((u) => u.name).join(", ") || "no one"})`,
          ...steps.map((step) => `  ${step.text}`),
        ].join("\n"),
      );
    });
}

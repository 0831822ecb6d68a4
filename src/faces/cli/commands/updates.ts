import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { listUpdates, postedText, postUpdate } from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter, pageOf, withNextPage } from "../flags.js";
import { updatesTable } from "../output/incident-view.js";

const REF_HELP = "the incident: its ID, INC-123, 123, or its incident.io URL";

export function registerUpdatesCommand(program: CommandUnknownOpts, config: Config): void {
  const updates = program
    .command("updates")
    .description("An incident's updates: status and severity changes and messages.")
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit updates list INC-123",
        'incidentkit updates post INC-123 --message "Rolling restart in progress"',
      ]),
    );

  updates
    .command("list")
    .description("List an incident's updates, who made them and what changed.")
    .argument("<ref>", REF_HELP)
    .option("--limit <n>", "updates per page, 1 to 250", "25")
    .option("--after <cursor>", "the page after this cursor")
    .option("--all", "every page, not only the first")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit updates list INC-123", "incidentkit updates list INC-123 --all --json"],
        '{ "updates": [incident.io incident updates], "next_cursor": string | null }',
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const page = pageOf(flags);
      const result = await listUpdates(sessionFor(config, globals), ref, page);
      const nextCursor = result.nextCursor ?? null;
      out.emit({ updates: result.updates, next_cursor: nextCursor }, () => {
        if (result.updates.length === 0) return "No updates yet.";
        return withNextPage(updatesTable(result.updates, out), nextCursor);
      });
    });

  updates
    .command("post")
    .description("Post an update on an incident, optionally moving its status and severity.")
    .argument("<ref>", REF_HELP)
    .requiredOption("--message <text>", "what is happening")
    .option("--status <name>", "move to this status (name or ID)")
    .option("--severity <name>", "move to this severity (name or ID)")
    .option("--idempotency-key <key>", "your own key; by default one is derived from the input")
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit updates post INC-123 --message "Rolling restart in progress"',
          'incidentkit updates post INC-123 --message "Fix deployed, watching" --status Monitoring --severity Minor',
        ],
        '{ "update": incident.io incident update, "idempotency_key": string, "created": boolean | "unknown" }',
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const posted = await postUpdate(sessionFor(config, globals), ref, {
        message: flags.message,
        status: flags.status,
        severity: flags.severity,
        idempotencyKey: flags.idempotencyKey,
      });
      out.emit(
        { update: posted.update, idempotency_key: posted.idempotencyKey, created: posted.created },
        () => postedText(posted),
      );
    });
}

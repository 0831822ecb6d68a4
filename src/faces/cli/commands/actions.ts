import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import {
  type ActionChanges,
  actionCreatedText,
  createAction,
  DEFAULT_WORK_LIMIT,
  getAction,
  listActions,
  updateAction,
  workUpdatedText,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { UsageError } from "../errors.js";
import { collect, helpAfter } from "../flags.js";
import { actionDetails, actionTable, moreWork } from "../output/work-item-view.js";
import { workQueryOf } from "./work-item-flags.js";

const REF_HELP = "the incident: its ID, INC-123, 123, or its incident.io URL";
const ID_HELP = "the action's ID, as actions list shows it";

export function registerActionsCommand(program: CommandUnknownOpts, config: Config): void {
  const actions = program
    .command("actions")
    .description("Actions: the to-dos of a response itself. List, show, create, update.")
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit actions list --incident INC-123",
        'incidentkit actions create INC-123 --description "Fail over to the replica"',
        "incidentkit actions update 01HZX4N8Y6S3V2B1K0J9H8G7F6 --status completed",
      ]),
    );

  actions
    .command("list")
    .description("List actions of one incident or of all of them, newest first.")
    .option("--incident <ref>", REF_HELP)
    .option("--status <status>", "outstanding, completed or not_doing (repeatable)", collect)
    .option("--assignee <person>", "assigned to this person: email, name or ID")
    .option("--mode <mode>", "of incidents in this mode: standard, retrospective, test, tutorial, stream")
    .option("--limit <n>", `how many to show, 1 to 10000 (default ${DEFAULT_WORK_LIMIT})`)
    .option("--all", "every match, not only the newest")
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit actions list --incident INC-123",
          "incidentkit actions list --status outstanding --json",
        ],
        '{ "actions": [incident.io actions, newest first], "total": number, "incidents": { "<incident ID>": { "reference", "name" } } }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await listActions(sessionFor(config, globals), workQueryOf(flags));
      out.emit({ actions: result.actions, total: result.total, incidents: result.incidents }, () => {
        if (result.actions.length === 0) return "No actions match.";
        return (
          actionTable(result.actions, result.incidents, out) +
          moreWork(result.actions.length, result.total, "actions")
        );
      });
    });

  actions
    .command("show")
    .description("Show one action.")
    .argument("<id>", ID_HELP)
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit actions show 01HZX4N8Y6S3V2B1K0J9H8G7F6"],
        '{ "action": incident.io action, "incident": { "reference", "name" } | null }',
      ),
    )
    .action(async (id, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const { action, incident } = await getAction(sessionFor(config, globals), id);
      out.emit({ action, incident: incident ?? null }, () => actionDetails(action, incident, out));
    });

  actions
    .command("create")
    .description(
      "Add an action to an incident; one of the same description there already is found, not repeated.",
    )
    .argument("<ref>", REF_HELP)
    .requiredOption("--description <text>", "what needs doing, in Markdown")
    .option("--assignee <person>", "who should do it: email, name or ID")
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit actions create INC-123 --description "Fail over to the replica" --assignee priya@acme.example',
        ],
        '{ "action": incident.io action, "created": boolean, "incident": { "reference", "name" } }',
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await createAction(sessionFor(config, globals), ref, {
        description: flags.description,
        assignee: flags.assignee,
      });
      out.emit({ action: result.action, created: result.created, incident: result.incident }, () =>
        actionCreatedText(result),
      );
    });

  actions
    .command("update")
    .description("Change an action's status, description or assignee; the rest stays.")
    .argument("<id>", ID_HELP)
    .option("--status <status>", "outstanding, completed or not_doing")
    .option("--description <text>", "the new description")
    .option("--assignee <person>", "assign to this person: email, name or ID")
    .option("--unassign", "leave it unassigned")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit actions update 01HZX4N8Y6S3V2B1K0J9H8G7F6 --status completed"],
        '{ "action": incident.io action }',
      ),
    )
    .action(async (id, flags, command) => {
      if (flags.unassign && flags.assignee !== undefined) {
        throw new UsageError("give --assignee or --unassign, not both");
      }
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const changes: ActionChanges = {
        status: flags.status,
        description: flags.description,
        assignee: flags.assignee,
        ...(flags.unassign ? { assignee: null } : {}),
      };
      const action = await updateAction(sessionFor(config, globals), id, changes);
      out.emit({ action }, () => workUpdatedText("Action", action));
    });
}

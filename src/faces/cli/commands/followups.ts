import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import {
  connectFollowUpIssue,
  createFollowUp,
  DEFAULT_WORK_LIMIT,
  type FollowUpChanges,
  followUpCreatedText,
  getFollowUp,
  issueConnectedText,
  listFollowUps,
  updateFollowUp,
  workUpdatedText,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { UsageError } from "../errors.js";
import { collect, helpAfter } from "../flags.js";
import { followUpDetails, followUpTable, moreWork } from "../output/work-item-view.js";
import { workQueryOf } from "./work-item-flags.js";

const REF_HELP = "the incident: its ID, INC-123, 123, or its incident.io URL";
const ID_HELP = "the follow-up's ID, as followups list shows it";

export function registerFollowUpsCommand(program: CommandUnknownOpts, config: Config): void {
  const followups = program
    .command("followups")
    .description(
      "Follow-ups: the work incidents leave for afterwards. List, show, create, update, connect an issue.",
    )
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit followups list --status outstanding",
        "incidentkit followups list --incident INC-123",
        'incidentkit followups create INC-123 --title "Alert on pool saturation" --priority High',
        "incidentkit followups update 01HZX4N8Y6S3V2B1K0J9H8G7F6 --status completed",
        "incidentkit followups connect 01HZX4N8Y6S3V2B1K0J9H8G7F6 https://acme.atlassian.net/browse/PAY-123",
      ]),
    );

  followups
    .command("list")
    .description("List follow-ups of one incident or of all of them, newest first.")
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
          "incidentkit followups list --status outstanding",
          "incidentkit followups list --incident INC-123",
          "incidentkit followups list --assignee priya@acme.example --status outstanding --all",
          "incidentkit --json followups list --mode retrospective",
        ],
        '{ "follow_ups": [incident.io follow-ups, newest first], "total": number, "incidents": { "<incident ID>": { "reference", "name" } } }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await listFollowUps(sessionFor(config, globals), workQueryOf(flags));
      out.emit({ follow_ups: result.followUps, total: result.total, incidents: result.incidents }, () => {
        if (result.followUps.length === 0) return "No follow-ups match.";
        return (
          followUpTable(result.followUps, result.incidents, out) +
          moreWork(result.followUps.length, result.total, "follow-ups")
        );
      });
    });

  followups
    .command("show")
    .description("Show one follow-up: status, priority, assignee, issue and description.")
    .argument("<id>", ID_HELP)
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit followups show 01HZX4N8Y6S3V2B1K0J9H8G7F6"],
        '{ "follow_up": incident.io follow-up, "incident": { "reference", "name" } | null }',
      ),
    )
    .action(async (id, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const { followUp, incident } = await getFollowUp(sessionFor(config, globals), id);
      out.emit({ follow_up: followUp, incident: incident ?? null }, () =>
        followUpDetails(followUp, incident, out),
      );
    });

  followups
    .command("create")
    .description(
      "Add a follow-up to an incident; one of the same title there already is found, not repeated.",
    )
    .argument("<ref>", REF_HELP)
    .requiredOption("--title <text>", "what needs doing")
    .option("--description <text>", "more detail, in Markdown")
    .option("--assignee <person>", "who should do it: email, name or ID")
    .option("--priority <name>", "a follow-up priority by name (e.g. High) or ID")
    .option("--label <label>", "a label (repeatable)", collect)
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit followups create INC-123 --title "Alert on pool saturation"',
          'incidentkit followups create INC-123 --title "Raise the pool size" --assignee priya@acme.example --priority High --label reliability',
        ],
        '{ "follow_up": incident.io follow-up, "created": boolean, "incident": { "reference", "name" } }',
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await createFollowUp(sessionFor(config, globals), ref, {
        title: flags.title,
        description: flags.description,
        assignee: flags.assignee,
        priority: flags.priority,
        labels: flags.label,
      });
      out.emit({ follow_up: result.followUp, created: result.created, incident: result.incident }, () =>
        followUpCreatedText(result),
      );
    });

  followups
    .command("update")
    .description(
      "Change a follow-up's status, title, description, assignee, priority or labels; the rest stays.",
    )
    .argument("<id>", ID_HELP)
    .option("--title <text>", "the new title")
    .option("--status <status>", "outstanding, completed or not_doing")
    .option("--description <text>", "the new description, in Markdown (replaces the old one)")
    .option("--assignee <person>", "assign to this person: email, name or ID")
    .option("--unassign", "leave it unassigned")
    .option("--priority <name>", "a follow-up priority by name or ID")
    .option("--label <label>", "the labels it should have (repeatable; replaces the old ones)", collect)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit followups update 01HZX4N8Y6S3V2B1K0J9H8G7F6 --status completed",
          "incidentkit followups update 01HZX4N8Y6S3V2B1K0J9H8G7F6 --assignee marcus@acme.example --priority Urgent",
        ],
        '{ "follow_up": incident.io follow-up }',
      ),
    )
    .action(async (id, flags, command) => {
      if (flags.unassign && flags.assignee !== undefined) {
        throw new UsageError("give --assignee or --unassign, not both");
      }
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const changes: FollowUpChanges = {
        title: flags.title,
        status: flags.status,
        description: flags.description,
        assignee: flags.assignee,
        ...(flags.unassign ? { assignee: null } : {}),
        priority: flags.priority,
        labels: flags.label,
      };
      const followUp = await updateFollowUp(sessionFor(config, globals), id, changes);
      out.emit({ follow_up: followUp }, () => workUpdatedText("Follow-up", followUp));
    });

  followups
    .command("connect")
    .description("Track a follow-up as an issue in Jira, Linear, GitHub… by the issue's link.")
    .argument("<id>", ID_HELP)
    .argument("<issue-url>", "the issue's link, e.g. https://acme.atlassian.net/browse/PAY-123")
    .option(
      "--provider <tracker>",
      "the tracker, when its address does not say (e.g. jira_server for a self-hosted Jira)",
    )
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit followups connect 01HZX4N8Y6S3V2B1K0J9H8G7F6 https://acme.atlassian.net/browse/PAY-123",
          "incidentkit followups connect 01HZX4N8Y6S3V2B1K0J9H8G7F6 https://jira.acme.internal/browse/OPS-7 --provider jira_server",
        ],
        '{ "follow_up": incident.io follow-up, "connected": boolean }',
      ),
    )
    .action(async (id, url, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await connectFollowUpIssue(sessionFor(config, globals), id, url, {
        provider: flags.provider,
      });
      out.emit({ follow_up: result.followUp, connected: result.connected }, () => issueConnectedText(result));
    });
}

import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { getIncident, type IncidentQuery, incidentContext, listIncidents } from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { collect, helpAfter, keyValues, oneOfWords, pageOf, withNextPage } from "../flags.js";
import { contextText, incidentDetails, incidentTable } from "../output/incident-view.js";

/** The filters as `IncidentQuery` has them, plus what the command line spells its own way. */
type ListFlags = Omit<IncidentQuery, "customField" | "sort" | "filterMode"> & {
  customField?: string[];
  sort?: string;
  any?: boolean;
  limit: string;
  all?: boolean;
  after?: string;
};

const REF = "<ref>";
const REF_HELP = "the incident: its ID, INC-123, 123, or its incident.io URL";

export function registerIncidentReads(incidents: CommandUnknownOpts, config: Config): void {
  incidents
    .command("list")
    .description("List incidents, newest first, with every filter the API has.")
    .option(
      "--status-category <category>",
      "live, triage, learning, closed, paused, declined, merged, canceled (repeatable)",
      collect,
    )
    .option("--status <name>", "status name or ID (repeatable)", collect)
    .option("--severity <name>", "severity name or ID (repeatable)", collect)
    .option("--severity-gte <name>", "at least this severity (name or ID)")
    .option("--severity-lte <name>", "at most this severity (name or ID)")
    .option("--type <name>", "incident type name or ID (repeatable)", collect)
    .option("--created-after <date>", "created on or after this date or date-time")
    .option("--created-before <date>", "created on or before this date or date-time")
    .option("--updated-after <date>", "updated on or after this date or date-time")
    .option("--updated-before <date>", "updated on or before this date or date-time")
    .option("--mode <mode>", "standard, retrospective, test, tutorial (repeatable)", collect)
    .option(
      "--custom-field <field=value>",
      "custom field name or ID = option, or catalog entry by name, alias, external ID or ID (repeatable)",
      collect,
    )
    .option("--sort <order>", "newest or oldest", "newest")
    .option("--any", "match incidents that pass any filter, not all of them")
    .option("--limit <n>", "incidents per page, 1 to 250", "25")
    .option("--all", "every page, not only the first")
    .option("--after <cursor>", "the page after this cursor (printed under a page that has more)")
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit incidents list --status-category live",
          "incidentkit incidents list --severity-gte Major --created-after 2026-01-01",
          'incidentkit incidents list --custom-field "Affected services=payments-api" --all --json',
          "incidentkit incidents list --status-category triage --status-category live --any",
        ],
        '{ "incidents": [incident.io incidents], "next_cursor": string | null, "total": number | null }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const page = pageOf(flags);
      const result = await listIncidents(sessionFor(config, globals), queryOf(flags), page);
      const nextCursor = result.nextCursor ?? null;
      out.emit({ incidents: result.incidents, next_cursor: nextCursor, total: result.total ?? null }, () => {
        if (result.incidents.length === 0) return "No incidents match.";
        return withNextPage(incidentTable(result.incidents, out), nextCursor);
      });
    });

  incidents
    .command("show")
    .description("Show one incident: status, severity, custom fields, summary and link.")
    .argument(REF, REF_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit incidents show INC-123",
          "incidentkit incidents show https://app.incident.io/acme/incidents/123",
          "incidentkit incidents show 01HZX4N8Y6S3V2B1K0J9H8G7F6 --json",
        ],
        '{ "incident": incident.io incident }',
      ),
    )
    .action(async (ref, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const incident = await getIncident(sessionFor(config, globals), ref);
      out.emit({ incident }, () => incidentDetails(incident, out));
    });

  incidents
    .command("context")
    .description(
      "Everything about one incident in one go: details, custom fields, roles, timestamps, all updates, the " +
        "first attachments and related incidents, and the newest post-mortem's link.",
    )
    .argument(REF, REF_HELP)
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit incidents context INC-123", "incidentkit incidents context INC-123 --json"],
        '{ "incident", "updates": [oldest first], "custom_fields": [{ "name", "values" }], "roles": [{ "role", "assignee" }], "timestamps": [{ "name", "value" }], "permalink", "attachments": [first 20], "attachment_count", "related_incidents": [first 10], "related_more", "postmortem": { "id", "title", "status", "type", "url" } | null, "unavailable": [parts the key may not read] }',
      ),
    )
    .action(async (ref, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const context = await incidentContext(sessionFor(config, globals), ref);
      out.emit(
        {
          incident: context.incident,
          updates: context.updates,
          custom_fields: context.customFields,
          roles: context.roles,
          timestamps: context.timestamps,
          permalink: context.permalink ?? null,
          attachments: context.attachments,
          attachment_count: context.attachmentCount,
          related_incidents: context.related.map(({ reference, id, name }) => ({ reference, id, name })),
          related_more: context.relatedMore,
          postmortem: context.postmortem ?? null,
          unavailable: context.unavailable,
        },
        () => contextText(context, out),
      );
    });
}

function queryOf(flags: ListFlags): IncidentQuery {
  const { customField, sort, any, limit: _limit, all: _all, after: _after, ...filters } = flags;
  return {
    ...filters,
    sort: oneOfWords("--sort", sort ?? "newest", ["newest", "oldest"] as const),
    filterMode: any ? "any" : "all",
    ...(customField ? { customField: keyValues("--custom-field", customField) } : {}),
  };
}

import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import type { IncidentAttachment } from "../../../api/index.js";
import {
  attachToIncident,
  getPostmortem,
  listAttachments,
  listRelatedIncidents,
  removeAttachment,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter, pageOf, withNextPage } from "../flags.js";
import type { Output } from "../output/output.js";

const REF = "<ref>";
const REF_HELP = "the incident: its ID, INC-123, 123, or its incident.io URL";

function attachmentTable(attachments: readonly IncidentAttachment[], out: Output): string {
  return out.table(
    ["TITLE", "TYPE", "LINK", "ID"],
    attachments.map((a) => [a.resource.title, a.resource.resource_type, a.resource.permalink, a.id]),
    { header: out.colour.bold },
  );
}

/** `incidents attachments|attach|detach`, `incidents related` and `incidents postmortem`. */
export function registerIncidentExtras(incidents: CommandUnknownOpts, config: Config): void {
  incidents
    .command("attachments")
    .description("List what is attached to an incident: pull requests, dashboards, alerts, tickets, links.")
    .argument(REF, REF_HELP)
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit incidents attachments INC-123"],
        '{ "incident": string, "attachments": [...] }',
      ),
    )
    .action(async (ref, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const { incident, attachments } = await listAttachments(sessionFor(config, globals), ref);
      out.emit({ incident: incident.reference, attachments }, () =>
        attachments.length === 0
          ? `Nothing is attached to ${incident.reference}.`
          : attachmentTable(attachments, out),
      );
    });

  incidents
    .command("attach")
    .description("Attach a link to an incident; one already attached is left as it is.")
    .argument(REF, REF_HELP)
    .argument("<url>", "the resource's full http(s) link")
    .option(
      "--type <system>",
      "the system it is in, e.g. github_pull_request (default arbitrary_url: any link)",
    )
    .option("--title <text>", "a title to show (plain links only)")
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit incidents attach INC-123 https://grafana.example.com/d/abc123/checkout --title "Checkout dashboard"',
          "incidentkit incidents attach INC-123 https://github.com/acme/api/pull/42 --type github_pull_request",
        ],
        '{ "incident": string, "attachment": incident.io attachment, "created": boolean }',
      ),
    )
    .action(async (ref, url, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await attachToIncident(sessionFor(config, globals), ref, {
        url,
        type: flags.type,
        title: flags.title,
      });
      const { resource } = result.attachment;
      out.emit(
        { incident: result.incident.reference, attachment: result.attachment, created: result.created },
        () =>
          `${result.created ? "Attached to" : "Already attached to"} ${result.incident.reference}: ${resource.title} (${resource.permalink}), id ${result.attachment.id}`,
      );
    });

  incidents
    .command("detach")
    .description("Remove an attachment from an incident, by its ID or link; one not there is not an error.")
    .argument(REF, REF_HELP)
    .argument("<attachment>", "the attachment's ID (incidents attachments), its link or its external ID")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit incidents detach INC-123 https://grafana.example.com/d/abc123/checkout"],
        '{ "incident": string, "removed": incident.io attachment | null, "remaining": [...] }',
      ),
    )
    .action(async (ref, which, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await removeAttachment(sessionFor(config, globals), ref, which);
      out.emit(
        {
          incident: result.incident.reference,
          removed: result.attachment ?? null,
          remaining: result.remaining,
        },
        () =>
          result.attachment
            ? `Removed from ${result.incident.reference}: ${result.attachment.resource.title}`
            : `${result.incident.reference} has no attachment ${JSON.stringify(which)}; nothing was removed.`,
      );
    });

  incidents
    .command("related")
    .description("List the incidents marked as related to this one.")
    .argument(REF, REF_HELP)
    .option("--limit <n>", "incidents per page, 1 to 250", "25")
    .option("--all", "every page, not only the first")
    .option("--after <cursor>", "the page after this cursor")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit incidents related INC-123", "incidentkit incidents related INC-123 --all --json"],
        '{ "incident": string, "related": [{ "reference", "id", "name" }], "next_cursor": string | null }',
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await listRelatedIncidents(sessionFor(config, globals), ref, pageOf(flags));
      const related = result.related.map(({ reference, id, name }) => ({ reference, id, name }));
      const nextCursor = result.nextCursor ?? null;
      out.emit({ incident: result.incident.reference, related, next_cursor: nextCursor }, () =>
        related.length === 0
          ? `No incidents are related to ${result.incident.reference}.`
          : withNextPage(
              out.table(
                ["REF", "NAME"],
                related.map((r) => [r.reference, r.name]),
                { header: out.colour.bold },
              ),
              nextCursor,
            ),
      );
    });

  incidents
    .command("postmortem")
    .description(
      "Show an incident's newest post-mortem: what it is, where it lives, and its content if written in incident.io.",
    )
    .argument(REF, REF_HELP)
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit incidents postmortem INC-123", "incidentkit incidents postmortem INC-123 --json"],
        '{ "postmortem": incident.io post-mortem document, "markdown": string | null, "truncated": boolean }',
      ),
    )
    .action(async (ref, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await getPostmortem(sessionFor(config, globals), { incident: ref });
      const { document } = result;
      out.emit({ postmortem: document, markdown: result.markdown ?? null, truncated: result.truncated }, () =>
        [
          `${out.colour.bold(document.title)}  [${document.status}, ${document.type}]`,
          document.document_url,
          "",
          result.markdown ?? "Written outside incident.io: read it at the link above.",
          ...(result.truncated ? ["", "[cut: the document goes on; read it at the link above]"] : []),
        ].join("\n"),
      );
    });
}

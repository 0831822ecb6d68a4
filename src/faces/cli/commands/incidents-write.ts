import { readFileSync } from "node:fs";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import {
  appendFinding,
  closeIncident,
  type DeclareInput,
  declaredText,
  declareIncident,
  type EditInput,
  editIncident,
  escalateIncident,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { UsageError } from "../errors.js";
import { collect, helpAfter, keyValues, oneOfWords } from "../flags.js";
import { readStdin, stdinIsTerminal } from "../input.js";
import { incidentDetails } from "../output/incident-view.js";

interface FindingFlags {
  body?: string | undefined;
  bodyFile?: string | undefined;
  title?: string | undefined;
  source?: string | undefined;
  notify?: boolean | undefined;
}

const REF = "<ref>";
const REF_HELP = "the incident: its ID, INC-123, 123, or its incident.io URL";
const NOTIFY_HELP = "tell the incident's Slack channel about the change (off by default)";
const INCIDENT_JSON = '{ "incident": incident.io incident }';
const CUSTOM_FIELD_HELP =
  "custom field name or ID = value: an option, text, a number, a link, or a catalog entry by name, alias, " +
  "external ID or ID (repeatable)";

export function registerIncidentWrites(incidents: CommandUnknownOpts, config: Config): void {
  incidents
    .command("declare")
    .description("Declare an incident. The same input twice opens one incident (a derived idempotency key).")
    .requiredOption("--name <text>", "what is wrong, in a few words")
    .option("--summary <text>", "more detail (Markdown)")
    .option("--severity <name>", "severity name or ID")
    .option("--status <name>", "starting status name or ID")
    .option("--type <name>", "incident type name or ID")
    .option("--mode <mode>", "standard, test (no alerts) or retrospective (no announcement)")
    .option("--private", "a private incident (default: public)")
    .option("--custom-field <field=value>", CUSTOM_FIELD_HELP, collect)
    .option("--idempotency-key <key>", "your own key; by default one is derived from the input")
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit incidents declare --name "Checkout is slow" --severity Major',
          'incidentkit incidents declare --name "Drill" --mode test --severity Minor --custom-field "Affected services=Payments API"',
          'incidentkit incidents declare --name "Leaked token" --type Security --private --json',
        ],
        '{ "incident": incident.io incident, "idempotency_key": string, "created": boolean | "unknown" }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const input: DeclareInput = { name: flags.name };
      if (flags.summary !== undefined) input.summary = flags.summary;
      if (flags.severity !== undefined) input.severity = flags.severity;
      if (flags.status !== undefined) input.status = flags.status;
      if (flags.type !== undefined) input.type = flags.type;
      if (flags.mode !== undefined)
        input.mode = oneOfWords("--mode", flags.mode, ["standard", "test", "retrospective"] as const);
      if (flags.private) input.visibility = "private";
      if (flags.customField) input.customFields = customFields(flags.customField);
      if (flags.idempotencyKey !== undefined) input.idempotencyKey = flags.idempotencyKey;
      const declared = await declareIncident(sessionFor(config, globals), input);
      const { incident, idempotencyKey, created } = declared;
      out.emit(
        { incident, idempotency_key: idempotencyKey, created },
        () =>
          `${declaredText(declared)}\n\n${incidentDetails(incident, out)}\n\nIdempotency key: ${idempotencyKey}`,
      );
    });

  incidents
    .command("edit")
    .description(
      "Change an incident's name, summary, severity, status or custom fields; the rest stays as it is.",
    )
    .argument(REF, REF_HELP)
    .option("--name <text>", "new name")
    .option("--summary <text>", "new summary (replaces the old one)")
    .option("--severity <name>", "severity name or ID")
    .option("--status <name>", "status name or ID")
    .option("--custom-field <field=value>", CUSTOM_FIELD_HELP, collect)
    .option("--notify", NOTIFY_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit incidents edit INC-123 --summary "Root cause: pool exhaustion"',
          "incidentkit incidents edit INC-123 --status Monitoring --notify",
          'incidentkit incidents edit INC-123 --custom-field "Affected services=payments-api"',
        ],
        INCIDENT_JSON,
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const changes: EditInput = {};
      if (flags.name !== undefined) changes.name = flags.name;
      if (flags.summary !== undefined) changes.summary = flags.summary;
      if (flags.severity !== undefined) changes.severity = flags.severity;
      if (flags.status !== undefined) changes.status = flags.status;
      if (flags.customField) changes.customFields = customFields(flags.customField);
      if (Object.keys(changes).length === 0) {
        throw new UsageError(
          "nothing to change",
          "give at least one of --name, --summary, --severity, --status, --custom-field",
        );
      }
      if (flags.notify) changes.notify = true;
      const incident = await editIncident(sessionFor(config, globals), ref, changes);
      out.emit({ incident }, () => `Updated ${incident.reference}\n\n${incidentDetails(incident, out)}`);
    });

  incidents
    .command("escalate")
    .description("Move an incident to another severity, up or down.")
    .argument(REF, REF_HELP)
    .argument("<severity>", "severity name or ID")
    .option("--notify", NOTIFY_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit incidents escalate INC-123 Critical",
          "incidentkit incidents escalate INC-123 Minor --notify",
        ],
        '{ "incident": incident.io incident, "from": severity | null, "to": severity }',
      ),
    )
    .action(async (ref, severity, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await escalateIncident(sessionFor(config, globals), ref, severity, {
        notify: flags.notify,
      });
      out.emit(
        { incident: result.incident, from: result.from ?? null, to: result.to },
        () => `${result.incident.reference}: severity ${result.from?.name ?? "none"} → ${result.to.name}`,
      );
    });

  incidents
    .command("close")
    .description(
      "Close an incident: to the given status, else the configured or first closed-category status.",
    )
    .argument(REF, REF_HELP)
    .option("--status <name>", "the closed status to use (name or ID)")
    .option("--message <text>", "a closing message")
    .option("--notify", NOTIFY_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit incidents close INC-123",
          'incidentkit incidents close INC-123 --message "Fixed by rollback"',
        ],
        INCIDENT_JSON,
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const incident = await closeIncident(sessionFor(config, globals), ref, {
        status: flags.status,
        message: flags.message,
        notify: flags.notify,
      });
      out.emit({ incident }, () => `Closed ${incident.reference} (status: ${incident.incident_status.name})`);
    });

  incidents
    .command("append-finding")
    .description("Append a timestamped finding to the incident's summary; skipped if it is already there.")
    .argument(REF, REF_HELP)
    .option("--body <text>", "the finding (Markdown); else --body-file, else stdin")
    .option("--body-file <file>", "read the finding from this file")
    .option("--title <text>", "a heading for the finding")
    .option("--source <text>", "where it came from, e.g. a tool or a person")
    .option("--notify", NOTIFY_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit incidents append-finding INC-123 --title "Probable cause" --body "Deploy 4f2a raised p99"',
          "incidentkit incidents append-finding INC-123 --body-file findings.md --source runbook-bot",
          "investigate.sh | incidentkit incidents append-finding INC-123 --title Findings",
        ],
        '{ "incident": incident.io incident, "appended": boolean, "attempts": number }',
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const body = await findingBody(flags);
      const result = await appendFinding(sessionFor(config, globals), ref, {
        body,
        title: flags.title,
        source: flags.source,
        notify: flags.notify,
      });
      out.emit({ incident: result.incident, appended: result.appended, attempts: result.attempts }, () =>
        result.appended
          ? `Appended the finding to ${result.incident.reference}'s summary.`
          : `${result.incident.reference}'s summary already has this finding; nothing changed.`,
      );
    });
}

/** One value stays a string; a field given several times becomes a list (multi-select). */
function customFields(pairs: readonly string[]): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(keyValues("--custom-field", pairs)).map(([name, values]) => [
      name,
      values.length === 1 ? (values[0] as string) : values,
    ]),
  );
}

async function findingBody(flags: FindingFlags): Promise<string> {
  if (flags.body !== undefined && flags.bodyFile !== undefined) {
    throw new UsageError("give either --body or --body-file, not both");
  }
  let body: string;
  if (flags.body !== undefined) body = flags.body;
  else if (flags.bodyFile !== undefined) body = readBodyFile(flags.bodyFile);
  else if (stdinIsTerminal()) {
    throw new UsageError(
      "no finding given",
      "give --body TEXT or --body-file FILE, or pipe the finding on stdin",
    );
  } else body = await readStdin();
  if (body.trim() === "") throw new UsageError("the finding is empty", "give some text to append");
  return body;
}

function readBodyFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read --body-file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      "check the path, or give the text with --body",
    );
  }
}

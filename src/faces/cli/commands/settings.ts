import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import type { OpsSession } from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter } from "../flags.js";
import { categoryColour } from "../output/incident-view.js";
import type { Output } from "../output/output.js";
import { registerCustomFieldCommands } from "./custom-fields.js";

/** One kind of organisation setting, listed as incident.io has it right now (never hard-coded). */
interface SettingsList<T> {
  group: string;
  description: string;
  /** The list's name in `--json` output, as incident.io names it. */
  jsonKey: string;
  headers: string[];
  load(session: OpsSession): Promise<T[]>;
  row(record: T, out: Output): string[];
  /** More subcommands beside `list` (e.g. `custom-fields show`). */
  extend?(group: CommandUnknownOpts, config: Config): void;
}

const LISTS = [
  list({
    group: "severities",
    description: "Severities, lowest rank first.",
    jsonKey: "severities",
    headers: ["RANK", "NAME", "ID", "DESCRIPTION"],
    load: (s) => s.lookups.severities(),
    row: (severity) => [String(severity.rank), severity.name, severity.id, severity.description],
  }),
  list({
    group: "statuses",
    description: "Incident statuses with their category (triage, live, learning, closed, …), by rank.",
    jsonKey: "incident_statuses",
    headers: ["RANK", "NAME", "CATEGORY", "ID"],
    load: (s) => s.lookups.statuses(),
    row: (status, out) => [
      String(status.rank),
      status.name,
      categoryColour(status.category, out.colour)(status.category),
      status.id,
    ],
  }),
  list({
    group: "types",
    description: "Incident types.",
    jsonKey: "incident_types",
    headers: ["NAME", "DEFAULT", "PRIVATE ONLY", "ID"],
    load: (s) => s.lookups.incidentTypes(),
    row: (type) => [
      type.name,
      type.is_default ? "yes" : "",
      type.private_incidents_only ? "yes" : "",
      type.id,
    ],
  }),
  list({
    group: "custom-fields",
    description: "Custom fields and their types.",
    jsonKey: "custom_fields",
    headers: ["NAME", "TYPE", "ID", "DESCRIPTION"],
    load: (s) => s.lookups.customFields(),
    row: (field) => [field.name, field.field_type, field.id, field.description],
    extend: registerCustomFieldCommands,
  }),
  list({
    group: "roles",
    description: "Incident roles (lead, reporter and custom ones).",
    jsonKey: "incident_roles",
    headers: ["NAME", "TYPE", "SHORTFORM", "ID"],
    load: (s) => s.lookups.roles(),
    row: (role) => [role.name, role.role_type, role.shortform, role.id],
  }),
  list({
    group: "users",
    description: "Active users.",
    jsonKey: "users",
    headers: ["NAME", "EMAIL", "ROLE", "ID"],
    load: (s) => s.lookups.users(),
    row: (user) => [user.name, user.email ?? "", user.role, user.id],
  }),
];

/** Keeps each list's record type while they sit in one array. */
function list<T>(definition: SettingsList<T>): (program: CommandUnknownOpts, config: Config) => void {
  return (program, config) => registerList(program, config, definition);
}

export function registerSettingsCommands(program: CommandUnknownOpts, config: Config): void {
  for (const register of LISTS) register(program, config);
}

function registerList<T>(program: CommandUnknownOpts, config: Config, definition: SettingsList<T>): void {
  const example = `incidentkit ${definition.group} list`;
  const group = program
    .command(definition.group)
    .description(`${definition.description.replace(/\.$/, "")}, as incident.io has them now.`)
    .addHelpText("after", helpAfter([example]));
  definition.extend?.(group, config);
  group
    .command("list")
    .description(definition.description)
    .addHelpText(
      "after",
      helpAfter(
        [example, `incidentkit --account prod ${definition.group} list --json`],
        `{ "${definition.jsonKey}": [...] }`,
      ),
    )
    .action(async (_flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const records = await definition.load(sessionFor(config, globals));
      out.emit({ [definition.jsonKey]: records }, () =>
        records.length === 0
          ? `No ${definition.group.replace("-", " ")}.`
          : out.table(
              definition.headers,
              records.map((record) => definition.row(record, out)),
              { header: out.colour.bold },
            ),
      );
    });
}

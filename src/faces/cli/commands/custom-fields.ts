import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import type { CustomField, CustomFieldOption } from "../../../api/index.js";
import {
  addFieldOption,
  getCustomField,
  type OptionChange,
  removeFieldOption,
  renameFieldOption,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { UsageError } from "../errors.js";
import { helpAfter } from "../flags.js";
import type { Output } from "../output/output.js";

const FIELD_HELP = 'the field by name (any case) or ID, e.g. "Affected team"';
const CHANGE_JSON =
  '{ "custom_field": field, "option": option | null, "changed": boolean, "options": [options after the change] }';

function sortKey(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isSafeInteger(value)) {
    throw new UsageError(
      `--sort-key must be a whole number, got "${raw}"`,
      "give e.g. --sort-key 10; lower sorts first",
    );
  }
  return value;
}

function optionsTable(options: readonly CustomFieldOption[], out: Output): string {
  return out.table(
    ["VALUE", "SORT KEY", "ID"],
    options.map((o) => [o.value, String(o.sort_key), o.id]),
    { header: out.colour.bold },
  );
}

function fieldKind(field: CustomField): string {
  return field.catalog_type_id !== undefined ? `${field.field_type}, catalog entries` : field.field_type;
}

function emitChange(out: Output, change: OptionChange, human: string): void {
  out.emit(
    {
      custom_field: change.field,
      option: change.option ?? null,
      changed: change.changed,
      options: change.options,
    },
    () => `${human}\n\n${optionsTable(change.options, out)}`,
  );
}

/** `custom-fields show` and `custom-fields options add|rename|remove`, under the settings' `custom-fields`. */
export function registerCustomFieldCommands(fields: CommandUnknownOpts, config: Config): void {
  fields
    .command("show")
    .description("One custom field: its type, description and, for a select field, its options.")
    .argument("<field>", FIELD_HELP)
    .addHelpText(
      "after",
      helpAfter(
        ['incidentkit custom-fields show "Affected team"'],
        '{ "custom_field": field, "options": [...] }',
      ),
    )
    .action(async (name, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const { field, options } = await getCustomField(sessionFor(config, globals), name);
      out.emit({ custom_field: field, options }, () =>
        [
          `${out.colour.bold(field.name)}  [${fieldKind(field)}]`,
          ...(field.description ? [field.description] : []),
          `ID: ${field.id}`,
          ...(options.length > 0 ? ["", optionsTable(options, out)] : []),
        ].join("\n"),
      );
    });

  const options = fields
    .command("options")
    .description("Manage a select field's options: add, rename or move, remove.")
    .addHelpText(
      "after",
      helpAfter([
        'incidentkit custom-fields options add "Affected team" "Data Platform"',
        'incidentkit custom-fields options rename "Affected team" "Data Platform" "Data"',
        'incidentkit custom-fields options remove "Affected team" "Data"',
      ]),
    );

  options
    .command("add")
    .description("Add an option; one with that value already there (any case) is left as it is.")
    .argument("<field>", FIELD_HELP)
    .argument("<value>", "the option's text")
    .option("--sort-key <n>", "where it sorts: lower comes first (default near the end)")
    .addHelpText(
      "after",
      helpAfter(
        ['incidentkit custom-fields options add "Affected team" "Data Platform" --sort-key 5'],
        CHANGE_JSON,
      ),
    )
    .action(async (field, value, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const key = sortKey(flags.sortKey);
      const change = await addFieldOption(sessionFor(config, globals), field, value, {
        sortKey: key,
      });
      const shown = change.option?.value ?? value;
      emitChange(
        out,
        change,
        change.changed
          ? `Added "${shown}" to ${change.field.name}.`
          : `${change.field.name} already has "${shown}"; nothing was added.`,
      );
    });

  options
    .command("rename")
    .description("Rename an option (incidents that have it show the new value), and with --sort-key move it.")
    .argument("<field>", FIELD_HELP)
    .argument("<option>", "the option's current value (any case) or ID")
    .argument("[new-value]", "its new text; leave out to only move it with --sort-key")
    .option("--sort-key <n>", "where it sorts: lower comes first")
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit custom-fields options rename "Affected team" Mobile "Mobile apps"',
          'incidentkit custom-fields options rename "Affected team" Mobile --sort-key 1',
        ],
        CHANGE_JSON,
      ),
    )
    .action(async (field, option, newValue, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const key = sortKey(flags.sortKey);
      if (newValue === undefined && key === undefined) {
        throw new UsageError("nothing to change", "give the new value, --sort-key, or both");
      }
      const change = await renameFieldOption(sessionFor(config, globals), field, option, newValue, {
        sortKey: key,
      });
      emitChange(
        out,
        change,
        change.changed
          ? `${change.field.name}: "${option}" is now "${change.option?.value}" (sort key ${change.option?.sort_key}).`
          : `${change.field.name}: "${change.option?.value ?? option}" was already as asked; nothing changed.`,
      );
    });

  options
    .command("remove")
    .description(
      "Remove an option; incidents that had it chosen lose that value. One not there is not an error.",
    )
    .argument("<field>", FIELD_HELP)
    .argument("<option>", "the option's value (any case) or ID")
    .addHelpText("after", helpAfter(['incidentkit custom-fields options remove Products "Web"'], CHANGE_JSON))
    .action(async (field, option, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const change = await removeFieldOption(sessionFor(config, globals), field, option);
      emitChange(
        out,
        change,
        change.changed
          ? `Removed "${change.option?.value}" from ${change.field.name}.`
          : `${change.field.name} has no option "${option}"; nothing was removed.`,
      );
    });
}

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { CustomField, CustomFieldOption } from "../../../api/index.js";
import {
  addFieldOption,
  type FieldWithOptions,
  getCustomField,
  listCustomFields,
  type OpsSession,
  type OptionChange,
  removeFieldOption,
  renameFieldOption,
} from "../../../ops/index.js";
import { DESTRUCTIVE_WRITE, READ_ONLY, SAFE_WRITE } from "../annotations.js";
import { outputSchema, toolResult } from "../result.js";

const OptionView = z.object({ id: z.string(), value: z.string(), sort_key: z.number() });

const FieldView = z.object({
  id: z.string(),
  name: z.string(),
  field_type: z.string().describe("single_select, multi_select, text, link or numeric"),
  description: z.string(),
  catalog_backed: z
    .boolean()
    .describe("true when the values are catalog entries (given by name, alias or external ID), not options"),
  options: z.array(OptionView).describe("A select field's own options, by sort key; empty for other fields"),
});
type FieldView = z.infer<typeof FieldView>;

function optionView(option: CustomFieldOption): z.infer<typeof OptionView> {
  return { id: option.id, value: option.value, sort_key: option.sort_key };
}

function fieldView(field: CustomField, options: readonly CustomFieldOption[]): FieldView {
  return {
    id: field.id,
    name: field.name,
    field_type: field.field_type,
    description: field.description,
    catalog_backed: field.catalog_type_id !== undefined,
    options: options.map(optionView),
  };
}

function fieldLine(field: FieldView): string {
  const values = field.catalog_backed
    ? "catalog entries"
    : field.options.length > 0
      ? `options: ${field.options.map((option) => option.value).join(", ")}`
      : "";
  return `${field.name} [${field.field_type}] (id ${field.id})${values ? `: ${values}` : ""}`;
}

const fieldInput = z
  .string()
  .min(1)
  .describe('A custom field by name (any case, e.g. "Affected team") or ID; list_custom_fields shows them.');
const optionInput = z.string().min(1).describe("The option by its current value (any case) or ID.");
const sortKey = z.number().int().optional().describe("Where the option sorts: lower comes first.");

const changeOutput = outputSchema({
  custom_field: FieldView.describe("The field with its options after the change"),
  option: OptionView.optional().describe("The option added, renamed, found or removed"),
  changed: z.boolean().describe("false when the field was already as asked and nothing was written"),
});

function changeData(change: OptionChange) {
  return {
    custom_field: fieldView(change.field, change.options),
    ...(change.option ? { option: optionView(change.option) } : {}),
    changed: change.changed,
  };
}

/** Custom fields with their options, for filling in declare_incident, edit_incident and list_incidents. */
export function registerCustomFieldReadTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_custom_fields",
    {
      title: "List custom fields",
      description:
        "The organisation's custom fields, each with its type and, for select fields, its options. Use these " +
        "names and values in custom_fields of declare_incident and edit_incident and the custom_field filter.",
      outputSchema: outputSchema({ custom_fields: z.array(FieldView) }),
      annotations: READ_ONLY,
    },
    () =>
      toolResult(async () => {
        const fields = (await listCustomFields(session)).map((entry: FieldWithOptions) =>
          fieldView(entry.field, entry.options),
        );
        return {
          text: fields.map(fieldLine).join("\n") || "No custom fields are configured.",
          data: { custom_fields: fields },
        };
      }),
  );

  server.registerTool(
    "get_custom_field",
    {
      title: "Get a custom field",
      description:
        "One custom field by name or ID: its type, description and, for a select field, every option.",
      inputSchema: { field: fieldInput },
      outputSchema: outputSchema({ custom_field: FieldView }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const { field, options } = await getCustomField(session, args.field);
        const view = fieldView(field, options);
        return {
          text: [fieldLine(view), ...(view.description ? [view.description] : [])].join("\n"),
          data: { custom_field: view },
        };
      }),
  );
}

/** A select field's options: add, rename or move, remove. Each is safe to retry. */
export function registerCustomFieldWriteTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "create_custom_field_option",
    {
      title: "Add a custom field option",
      description:
        "Adds an option to a select field (not a catalog-backed one). An option with that value already there " +
        "(any case) is returned instead of a second one.",
      inputSchema: {
        field: fieldInput,
        value: z.string().min(1).max(250).describe("The option's text, on one line."),
        sort_key: sortKey,
      },
      outputSchema: changeOutput,
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const change = await addFieldOption(session, args.field, args.value, {
          sortKey: args.sort_key,
        });
        const value = change.option?.value ?? args.value;
        const text = change.changed
          ? `Added "${value}" to ${change.field.name}.`
          : `${change.field.name} already has "${value}"; nothing was added.`;
        return { text, data: changeData(change) };
      }),
  );

  server.registerTool(
    "update_custom_field_option",
    {
      title: "Rename or move a custom field option",
      description:
        "Renames a select field's option and/or changes its sort key. Incidents that have the option chosen show " +
        "the new value. Give new_value, sort_key or both.",
      inputSchema: {
        field: fieldInput,
        option: optionInput,
        new_value: z.string().min(1).max(250).optional().describe("The option's new text."),
        sort_key: sortKey,
      },
      outputSchema: changeOutput,
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const change = await renameFieldOption(session, args.field, args.option, args.new_value, {
          sortKey: args.sort_key,
        });
        const value = change.option?.value ?? args.option;
        const text = change.changed
          ? `${change.field.name}: "${args.option}" is now "${value}" (sort key ${change.option?.sort_key}).`
          : `${change.field.name}: "${value}" was already as asked; nothing changed.`;
        return { text, data: changeData(change) };
      }),
  );

  server.registerTool(
    "delete_custom_field_option",
    {
      title: "Delete a custom field option",
      description:
        "Deletes a select field's option; incidents that had it chosen lose that value. An option that is not " +
        "there (deleted already) is not an error: changed is false and the field's options are listed.",
      inputSchema: { field: fieldInput, option: optionInput },
      outputSchema: changeOutput,
      annotations: DESTRUCTIVE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const change = await removeFieldOption(session, args.field, args.option);
        const left = change.options.map((option) => option.value).join(", ") || "none";
        const text = change.changed
          ? `Deleted "${change.option?.value}" from ${change.field.name}. Options now: ${left}.`
          : `${change.field.name} has no option "${args.option}"; nothing was deleted. Its options: ${left}.`;
        return { text, data: changeData(change) };
      }),
  );
}

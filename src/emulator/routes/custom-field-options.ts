import type { Hono } from "hono";
import { z } from "zod";
import { newId } from "../../shared/ids.js";
import { type AppEnv, type Deps, parseBody, requireScope } from "../context.js";
import type { Change } from "../db.js";
import { notFound, validationError } from "../errors.js";
import type { CustomFieldOptionRecord, CustomFieldRecord, IncidentRecord } from "../model.js";
import { renderOption } from "../render.js";
import type { EmulatorState } from "../state.js";

/** Without a sort key an option goes near the end, as the description says. */
const DEFAULT_SORT_KEY = 1000;
const sortKey = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

const createPayload = z.object({
  custom_field_id: z.string(),
  value: z.string(),
  sort_key: sortKey.optional(),
});
const updatePayload = z.object({ value: z.string(), sort_key: sortKey });

/** Custom Field Options V1 writes: the choices of single- and multi-select fields (reads are with the fields). */
export function customFieldOptionRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state } = deps;

  app.post("/v1/custom_field_options", async (c) => {
    requireScope(c, "organisation_settings.update");
    const input = await parseBody(c, createPayload);
    const field = selectField(state, input.custom_field_id);
    const option: CustomFieldOptionRecord = {
      id: newId(deps.clock.now()),
      custom_field_id: field.id,
      value: optionValue(state, field, input.value),
      sort_key: input.sort_key ?? DEFAULT_SORT_KEY,
    };
    state.commit([{ collection: "custom_field_options", id: option.id, record: option }]);
    return c.json({ custom_field_option: renderOption(option) }, 201);
  });

  app.put("/v1/custom_field_options/:id", async (c) => {
    requireScope(c, "organisation_settings.update");
    const existing = state.get("custom_field_options", c.req.param("id"));
    if (!existing) throw notFound("custom field option", c.req.param("id"));
    const input = await parseBody(c, updatePayload);
    const field = state.get("custom_fields", existing.custom_field_id);
    const option: CustomFieldOptionRecord = {
      ...existing,
      value: field ? optionValue(state, field, input.value, existing.id) : checkedValue(input.value),
      sort_key: input.sort_key,
    };
    state.commit([{ collection: "custom_field_options", id: option.id, record: option }]);
    return c.json({ custom_field_option: renderOption(option) });
  });

  /**
   * Deleting an option takes it off every incident that had it chosen, in the same write: the option is no longer
   * one of the field's, so no incident can show or be filtered by it. Incidents keep their updated_at, as when a
   * severity is renamed: the organisation's settings changed, not the incidents.
   */
  app.delete("/v1/custom_field_options/:id", (c) => {
    requireScope(c, "organisation_settings.update");
    const option = state.get("custom_field_options", c.req.param("id"));
    if (!option) throw notFound("custom field option", c.req.param("id"));
    const changes: Change[] = [{ collection: "custom_field_options", id: option.id }];
    for (const incident of state.values("incidents")) {
      const next = withoutOption(incident, option);
      if (next) changes.push({ collection: "incidents", id: next.id, record: next });
    }
    state.commit(changes);
    return c.body(null, 204);
  });
}

/** The field an option is added to: it must exist and be a select field that holds its own options. */
function selectField(state: EmulatorState, id: string): CustomFieldRecord {
  const field = state.get("custom_fields", id);
  if (!field) {
    throw validationError(
      "custom_field_id",
      `There is no custom field with ID "${id}"; list them with GET /v2/custom_fields.`,
    );
  }
  if (field.field_type !== "single_select" && field.field_type !== "multi_select") {
    throw validationError(
      "custom_field_id",
      `"${field.name}" is a ${field.field_type} field: only single- and multi-select fields have options.`,
    );
  }
  if (field.catalog_type_id) {
    const type = state.get("catalog_types", field.catalog_type_id);
    throw validationError(
      "custom_field_id",
      `"${field.name}" takes its values from the catalog${type ? ` (${type.name} entries)` : ""}: add a catalog entry instead of an option.`,
    );
  }
  return field;
}

/** "Values must not start or end with whitespace, or contain tabs or newlines", and are unique within the field. */
function optionValue(state: EmulatorState, field: CustomFieldRecord, raw: string, ownId?: string): string {
  const value = checkedValue(raw);
  const wanted = value.toLowerCase();
  for (const other of state.values("custom_field_options")) {
    if (other.custom_field_id === field.id && other.id !== ownId && other.value.toLowerCase() === wanted) {
      throw validationError(
        "value",
        `"${field.name}" already has an option "${other.value}" (${other.id}); option values are unique within a field.`,
        "not_unique",
      );
    }
  }
  return value;
}

function checkedValue(value: string): string {
  if (value === "") throw validationError("value", "value must not be empty.");
  if (value.trim() !== value) {
    throw validationError(
      "value",
      `value must not start or end with whitespace: send ${JSON.stringify(value.trim())}.`,
    );
  }
  if (/[\t\r\n]/.test(value)) throw validationError("value", "value must not contain tabs or newlines.");
  return value;
}

/** The incident without the option among its values, or undefined when it did not have it. */
function withoutOption(
  incident: IncidentRecord,
  option: CustomFieldOptionRecord,
): IncidentRecord | undefined {
  const entry = incident.custom_field_entries.find((e) => e.custom_field_id === option.custom_field_id);
  if (!entry?.values.some((v) => v.value_option_id === option.id)) return undefined;
  return {
    ...incident,
    custom_field_entries: incident.custom_field_entries
      .map((e) =>
        e === entry ? { ...e, values: e.values.filter((v) => v.value_option_id !== option.id) } : e,
      )
      .filter((e) => e.values.length > 0),
  };
}

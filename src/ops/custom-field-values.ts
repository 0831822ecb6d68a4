import type { CustomField, CustomFieldEntryPayload, CustomFieldValuePayload } from "../api/index.js";
import { catalogEntryId } from "./catalog-field-value.js";
import { invalidArgument, oneOf } from "./invalid-argument.js";
import type { Lookups } from "./lookups.js";

/**
 * For incident.io refusing a catalog entry after incidentkit looked it up (archived since, or outside the entries
 * the field allows), or sent it as given because the API key may not read the catalog.
 */
export const CATALOG_HINT =
  "a catalog-backed field takes an entry's name, alias, external ID or ID; check the entry is still in " +
  "incident.io's catalog and this field offers it (names are looked up only when the API key can read the catalog)";

function isSelect(field: CustomField): boolean {
  return field.field_type === "single_select" || field.field_type === "multi_select";
}

function asList(values: string | readonly string[]): string[] {
  return (typeof values === "string" ? [values] : [...values]).map((value) => value.trim());
}

async function optionId(lookups: Lookups, field: CustomField, value: string): Promise<string> {
  const options = await lookups.customFieldOptions(field.id);
  const lower = value.toLowerCase();
  const found =
    options.find((option) => option.id === value) ??
    options.find((option) => option.value.trim().toLowerCase() === lower);
  if (found) return found.id;
  throw invalidArgument(
    `"${field.name}" has no option ${JSON.stringify(value)}`,
    oneOf(
      `options for "${field.name}"`,
      options.map((option) => option.value),
    ),
  );
}

async function valuePayload(
  lookups: Lookups,
  field: CustomField,
  value: string,
): Promise<CustomFieldValuePayload> {
  if (field.catalog_type_id !== undefined) {
    return { value_catalog_entry_id: await catalogEntryId(lookups, field, field.catalog_type_id, value) };
  }
  if (isSelect(field)) return { value_option_id: await optionId(lookups, field, value) };
  switch (field.field_type) {
    case "text":
      return { value_text: value };
    case "link":
      return { value_link: value };
    case "numeric":
      if (value === "" || !Number.isFinite(Number(value))) {
        throw invalidArgument(
          `"${field.name}" takes a number, got ${JSON.stringify(value)}`,
          "give a decimal, e.g. 12.5",
        );
      }
      return { value_numeric: value };
    default:
      throw invalidArgument(
        `"${field.name}" is a ${field.field_type} field, which incidentkit cannot set`,
        "set this field in incident.io, or leave it out",
      );
  }
}

/** Two names for one entry or option (a name and its alias) are one value. */
function distinct(payloads: readonly CustomFieldValuePayload[]): CustomFieldValuePayload[] {
  const seen = new Set<string>();
  return payloads.filter((payload) => {
    const key = JSON.stringify(payload);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The values of one field as incident.io takes them in a create or edit; an empty list unsets the field. */
async function entry(
  lookups: Lookups,
  nameOrId: string,
  values: string | readonly string[],
): Promise<CustomFieldEntryPayload> {
  const field = await lookups.customField(nameOrId);
  const payloads = distinct(
    await Promise.all(asList(values).map((value) => valuePayload(lookups, field, value))),
  );
  if (field.field_type !== "multi_select" && payloads.length > 1) {
    throw invalidArgument(
      `"${field.name}" takes one value, got ${payloads.length}`,
      "give a single value, or none to unset it",
    );
  }
  return { custom_field_id: field.id, values: payloads };
}

/** Custom field entries for `POST /v2/incidents` or an edit, fields by name or ID, sorted by field ID. */
export async function customFieldEntries(
  lookups: Lookups,
  fields: Record<string, string | readonly string[]> | undefined,
): Promise<CustomFieldEntryPayload[] | undefined> {
  if (fields === undefined) return undefined;
  const entries = await Promise.all(
    Object.entries(fields).map(([nameOrId, values]) => entry(lookups, nameOrId, values)),
  );
  return entries.sort((a, b) => (a.custom_field_id < b.custom_field_id ? -1 : 1));
}

/** A custom field filter for `GET /v2/incidents`: the field's ID and the IDs (or raw values) to match one of. */
export async function customFieldFilter(
  lookups: Lookups,
  nameOrId: string,
  values: readonly string[],
): Promise<{ fieldId: string; oneOf: string[] }> {
  const field = await lookups.customField(nameOrId);
  const oneOfValues = await Promise.all(
    asList(values).map(async (value) => {
      const payload = await valuePayload(lookups, field, value);
      return (
        payload.value_option_id ??
        payload.value_catalog_entry_id ??
        payload.value_text ??
        payload.value_link ??
        payload.value_numeric ??
        value
      );
    }),
  );
  return { fieldId: field.id, oneOf: oneOfValues };
}

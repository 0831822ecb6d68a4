import type { CustomField, CustomFieldOption } from "../api/index.js";
import type { OpsSession } from "./session.js";

/** A custom field with its choices: the options of a select field, none for other kinds or catalog-backed ones. */
export interface FieldWithOptions {
  field: CustomField;
  /** By sort key. */
  options: CustomFieldOption[];
}

/** Select fields that hold their own options (not catalog-backed): the only ones whose options can be managed. */
export function hasOwnOptions(field: CustomField): boolean {
  return (
    (field.field_type === "single_select" || field.field_type === "multi_select") &&
    field.catalog_type_id === undefined
  );
}

async function withOptions(s: OpsSession, field: CustomField): Promise<FieldWithOptions> {
  return { field, options: hasOwnOptions(field) ? await s.lookups.customFieldOptions(field.id) : [] };
}

/** Every custom field with its options. */
export async function listCustomFields(s: OpsSession): Promise<FieldWithOptions[]> {
  const fields = await s.lookups.customFields();
  return Promise.all(fields.map((field) => withOptions(s, field)));
}

/** One custom field by name (any case) or ID, with its options. */
export async function getCustomField(s: OpsSession, nameOrId: string): Promise<FieldWithOptions> {
  return withOptions(s, await s.lookups.customField(nameOrId));
}

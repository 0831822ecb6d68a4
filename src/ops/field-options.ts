import type { CustomField, CustomFieldOption } from "../api/index.js";
import { hasOwnOptions } from "./custom-fields.js";
import { invalidArgument, oneOf } from "./invalid-argument.js";
import type { OpsSession } from "./session.js";

/** What an option write did: `changed` is false when the field was already as asked, and nothing was written. */
export interface OptionChange {
  field: CustomField;
  /** The option added, renamed or found; for a removal, the option removed (absent when there was none). */
  option?: CustomFieldOption;
  changed: boolean;
  /** The field's options after the change, by sort key. */
  options: CustomFieldOption[];
}

/** The select field whose options are managed, or an error saying why this field has none. */
async function selectField(s: OpsSession, nameOrId: string): Promise<CustomField> {
  const field = await s.lookups.customField(nameOrId);
  if (hasOwnOptions(field)) return field;
  const selectable = (await s.lookups.customFields()).filter(hasOwnOptions).map((f) => f.name);
  throw invalidArgument(
    field.catalog_type_id !== undefined
      ? `"${field.name}" takes its values from the catalog, so it has no options of its own`
      : `"${field.name}" is a ${field.field_type} field: only select fields have options`,
    field.catalog_type_id !== undefined
      ? "add a catalog entry instead (incidentkit catalog)"
      : oneOf("select fields", selectable),
  );
}

/** The option value as incident.io accepts it: no surrounding spaces, no tabs or newlines, not empty. */
function optionValue(raw: string, what: string): string {
  const value = raw.trim();
  if (value === "") throw invalidArgument(`the ${what} is empty`, "give the option's text, e.g. Payments");
  if (/[\t\r\n]/.test(value)) {
    throw invalidArgument(`the ${what} contains a tab or a newline`, "give the option's text on one line");
  }
  return value;
}

function sortKeyOf(raw: number | undefined): number | undefined {
  if (raw === undefined || Number.isSafeInteger(raw)) return raw;
  throw invalidArgument(
    `the sort key must be a whole number, got ${raw}`,
    "give a whole number; lower sorts first",
  );
}

/** The field's options read afresh: another writer may have changed them since this session listed them. */
async function freshOptions(s: OpsSession, field: CustomField): Promise<CustomFieldOption[]> {
  s.lookups.forgetCustomFieldOptions(field.id);
  return s.lookups.customFieldOptions(field.id);
}

/** The option by value (any case) or ID. */
function findOption(options: readonly CustomFieldOption[], valueOrId: string): CustomFieldOption | undefined {
  const wanted = valueOrId.trim();
  const lower = wanted.toLowerCase();
  return options.find((o) => o.id === wanted) ?? options.find((o) => o.value.toLowerCase() === lower);
}

async function afterWrite(
  s: OpsSession,
  field: CustomField,
  option: CustomFieldOption | undefined,
): Promise<OptionChange> {
  const options = await freshOptions(s, field);
  return { field, ...(option ? { option } : {}), changed: true, options };
}

/**
 * Adds an option to a select field (by name or ID). An option of that value already there (any case) is the one
 * asked for: the same call again adds nothing.
 */
export async function addFieldOption(
  s: OpsSession,
  fieldName: string,
  rawValue: string,
  options: { sortKey?: number | undefined } = {},
): Promise<OptionChange> {
  const value = optionValue(rawValue, "option value");
  const sortKey = sortKeyOf(options.sortKey);
  const field = await selectField(s, fieldName);
  const current = await freshOptions(s, field);
  const existing = findOption(current, value);
  if (existing && existing.value.toLowerCase() === value.toLowerCase()) {
    return { field, option: existing, changed: false, options: current };
  }
  const { custom_field_option: option } = await s.io.customFieldOptions.create({
    custom_field_id: field.id,
    value,
    ...(sortKey !== undefined ? { sort_key: sortKey } : {}),
  });
  return afterWrite(s, field, option);
}

/**
 * Renames an option (by value or ID) and, with `sortKey`, moves it. When no option has the old value but one has
 * the new, the rename was already done: nothing is written.
 */
export async function renameFieldOption(
  s: OpsSession,
  fieldName: string,
  from: string,
  to: string | undefined,
  options: { sortKey?: number | undefined } = {},
): Promise<OptionChange> {
  const sortKey = sortKeyOf(options.sortKey);
  const value = to === undefined ? undefined : optionValue(to, "new value");
  if (value === undefined && sortKey === undefined) {
    throw invalidArgument("nothing to change", "give the new value, a sort key, or both");
  }
  const field = await selectField(s, fieldName);
  const current = await freshOptions(s, field);
  const option = findOption(current, from);
  if (!option) {
    const done = value !== undefined ? current.find((o) => o.value === value) : undefined;
    if (done && (sortKey === undefined || done.sort_key === sortKey)) {
      return { field, option: done, changed: false, options: current };
    }
    throw invalidArgument(
      `"${field.name}" has no option ${JSON.stringify(from.trim())}`,
      oneOf(
        "options",
        current.map((o) => o.value),
      ),
    );
  }
  const next = { value: value ?? option.value, sort_key: sortKey ?? option.sort_key };
  if (next.value === option.value && next.sort_key === option.sort_key) {
    return { field, option, changed: false, options: current };
  }
  const { custom_field_option: updated } = await s.io.customFieldOptions.update(option.id, next);
  return afterWrite(s, field, updated);
}

/**
 * Removes an option (by value or ID); incidents that had it chosen no longer have it. An option that is not there
 * (removed already) is not an error: `changed` is false and `options` shows what the field has.
 */
export async function removeFieldOption(
  s: OpsSession,
  fieldName: string,
  valueOrId: string,
): Promise<OptionChange> {
  const field = await selectField(s, fieldName);
  const current = await freshOptions(s, field);
  const option = findOption(current, valueOrId);
  if (!option) return { field, changed: false, options: current };
  await s.io.customFieldOptions.delete(option.id);
  const options = await freshOptions(s, field);
  return { field, option, changed: true, options };
}

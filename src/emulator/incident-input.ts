import { z } from "zod";
import { findEntryForField } from "./catalog-store.js";
import { validationError } from "./errors.js";
import type { IncidentRecord, StoredCustomFieldValue, UserRecord } from "./model.js";
import type { EmulatorState } from "./state.js";

/** Request shapes shared by create and edit (CustomFieldEntryPayloadV2, IncidentRoleAssignmentPayloadV2, …). */

const userReference = z.object({
  id: z.string().optional(),
  email: z.string().optional(),
  slack_user_id: z.string().optional(),
});

const customFieldValue = z.object({
  id: z.string().optional(),
  value_option_id: z.string().optional(),
  value_catalog_entry_id: z.string().optional(),
  value_text: z.string().optional(),
  value_link: z.string().optional(),
  value_numeric: z.string().optional(),
  value_timestamp: z.string().optional(),
});

export const customFieldEntries = z.array(
  z.object({ custom_field_id: z.string(), values: z.array(customFieldValue) }),
);
export const roleAssignments = z.array(
  z.object({ incident_role_id: z.string(), assignee: userReference.optional() }),
);
export const timestampValues = z.array(
  z.object({ incident_timestamp_id: z.string(), value: z.string().optional() }),
);

type Entries = IncidentRecord["custom_field_entries"];
type Assignments = IncidentRecord["role_assignments"];
type Timestamps = IncidentRecord["timestamp_values"];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const NUMERIC = /^-?\d+(\.\d+)?$/;

export function isDateTime(value: string): boolean {
  return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** Applies custom field entries to `current`: given fields are replaced, an empty `values` unsets a field. */
export function resolveCustomFields(
  state: EmulatorState,
  input: z.infer<typeof customFieldEntries>,
  current: Entries,
  prefix: string,
): Entries {
  const next = new Map(current.map((entry) => [entry.custom_field_id, entry.values]));
  const seen = new Set<string>();
  input.forEach((entry, i) => {
    const at = `${prefix}custom_field_entries.${i}`;
    const field = state.get("custom_fields", entry.custom_field_id);
    if (!field) {
      throw validationError(
        `${at}.custom_field_id`,
        `There is no custom field with ID "${entry.custom_field_id}".`,
      );
    }
    if (seen.has(field.id))
      throw validationError(`${at}.custom_field_id`, `Custom field "${field.name}" is given twice.`);
    seen.add(field.id);
    if (field.field_type === "single_select" && entry.values.length > 1) {
      throw validationError(
        `${at}.values`,
        `"${field.name}" is a single-select field: give at most one value.`,
      );
    }
    const values = entry.values.map((value, j): StoredCustomFieldValue => {
      const where = `${at}.values.${j}`;
      switch (field.field_type) {
        case "single_select":
        case "multi_select": {
          if (field.catalog_type_id) {
            const ref = value.value_catalog_entry_id;
            const found =
              ref === undefined ? undefined : findEntryForField(state, field.catalog_type_id, ref);
            if (!found) {
              throw validationError(
                `${where}.value_catalog_entry_id`,
                `"${field.name}" takes catalog entries: value_catalog_entry_id must be the ID, external ID or alias of one (got ${JSON.stringify(ref ?? null)}).`,
              );
            }
            return { value_catalog_entry_id: found.id };
          }
          const option = value.value_option_id
            ? state.get("custom_field_options", value.value_option_id)
            : undefined;
          if (!option || option.custom_field_id !== field.id) {
            throw validationError(
              `${where}.value_option_id`,
              `value_option_id must be one of the options of "${field.name}" (got ${JSON.stringify(value.value_option_id ?? null)}).`,
            );
          }
          return { value_option_id: option.id };
        }
        case "text":
          if (value.value_text === undefined) {
            throw validationError(
              `${where}.value_text`,
              `"${field.name}" is a text field: give value_text.`,
              "is_required",
            );
          }
          return { value_text: value.value_text };
        case "link":
          if (value.value_link === undefined || !isLink(value.value_link)) {
            throw validationError(
              `${where}.value_link`,
              `"${field.name}" is a link field: give value_link as an http(s) URL.`,
            );
          }
          return { value_link: value.value_link };
        default:
          if (value.value_numeric === undefined || !NUMERIC.test(value.value_numeric)) {
            throw validationError(
              `${where}.value_numeric`,
              `"${field.name}" is a numeric field: give value_numeric as a decimal string like "123.456".`,
            );
          }
          return { value_numeric: value.value_numeric };
      }
    });
    next.set(field.id, values);
  });
  return [...next]
    .filter(([, values]) => values.length > 0)
    .map(([custom_field_id, values]) => ({ custom_field_id, values }));
}

function isLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Applies role assignments to `current`. An assignment without an assignee, or with an empty one (no id, email
 * or slack_user_id, or only empty strings), unassigns the role.
 */
export function resolveRoleAssignments(
  state: EmulatorState,
  input: z.infer<typeof roleAssignments>,
  current: Assignments,
  prefix: string,
  creating: boolean,
): Assignments {
  const next = new Map(current.map((a) => [a.incident_role_id, a.assignee_user_id]));
  const seen = new Set<string>();
  input.forEach((assignment, i) => {
    const at = `${prefix}incident_role_assignments.${i}`;
    const role = state.get("incident_roles", assignment.incident_role_id);
    if (!role) {
      throw validationError(
        `${at}.incident_role_id`,
        `There is no incident role with ID "${assignment.incident_role_id}".`,
      );
    }
    if (seen.has(role.id))
      throw validationError(`${at}.incident_role_id`, `Role "${role.name}" is given twice.`);
    seen.add(role.id);
    if (role.role_type === "reporter" && !creating) {
      throw validationError(
        `${at}.incident_role_id`,
        "The reporter role can only be assigned when creating an incident.",
      );
    }
    if (!assignment.assignee || isEmptyReference(assignment.assignee)) {
      next.delete(role.id);
      return;
    }
    next.set(role.id, resolveUser(state, assignment.assignee, `${at}.assignee`).id);
  });
  return [...next]
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([incident_role_id, assignee_user_id]) => ({ incident_role_id, assignee_user_id }));
}

function isEmptyReference(ref: z.infer<typeof userReference>): boolean {
  return !ref.id && !ref.email && !ref.slack_user_id;
}

/** The one user every given part of the reference names; deactivated users cannot take a role. */
function resolveUser(state: EmulatorState, ref: z.infer<typeof userReference>, field: string): UserRecord {
  for (const user of state.values("users")) {
    if (ref.id && user.id !== ref.id) continue;
    if (ref.email && user.email.toLowerCase() !== ref.email.toLowerCase()) continue;
    if (ref.slack_user_id && user.slack_user_id !== ref.slack_user_id) continue;
    if (!user.is_active) {
      throw validationError(
        field,
        `${user.name} has been deactivated and cannot take a role; assign someone active.`,
      );
    }
    return user;
  }
  throw validationError(
    field,
    "No user matches this assignee: id, email and slack_user_id (those given) must all be one user's; list users with GET /v2/users.",
  );
}

/** Applies timestamp values to `current`; a value-less entry unsets the timestamp. */
export function resolveTimestamps(
  state: EmulatorState,
  input: z.infer<typeof timestampValues>,
  current: Timestamps,
  prefix: string,
): Timestamps {
  const next = new Map(current.map((t) => [t.incident_timestamp_id, t.value]));
  input.forEach((item, i) => {
    const at = `${prefix}incident_timestamp_values.${i}`;
    if (!state.get("incident_timestamps", item.incident_timestamp_id)) {
      throw validationError(
        `${at}.incident_timestamp_id`,
        `There is no incident timestamp with ID "${item.incident_timestamp_id}".`,
      );
    }
    if (item.value === undefined) {
      next.delete(item.incident_timestamp_id);
      return;
    }
    if (!isDateTime(item.value)) {
      throw validationError(
        `${at}.value`,
        `value must be an RFC 3339 date-time, e.g. 2021-08-17T13:28:57.801578Z.`,
      );
    }
    next.set(item.incident_timestamp_id, new Date(item.value).toISOString());
  });
  return [...next]
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([incident_timestamp_id, value]) => ({ incident_timestamp_id, value }));
}

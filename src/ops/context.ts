import type { CustomFieldValue, Incident, IncidentUpdate, User } from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import type { OpsSession } from "./session.js";

/** Everything an investigation starts from, in one call. */
export interface IncidentContext {
  incident: Incident;
  /** Oldest first, every page. */
  updates: IncidentUpdate[];
  /** Display values. */
  customFields: { name: string; values: string[] }[];
  /** Role name, and who holds it. */
  roles: { role: string; assignee?: string }[];
  timestamps: { name: string; value?: string }[];
  permalink?: string;
}

/** How a custom field value reads in the product. */
export function displayValue(value: CustomFieldValue): string | undefined {
  return (
    value.value_option?.value ??
    value.value_catalog_entry?.name ??
    value.value_text ??
    value.value_numeric ??
    value.value_link ??
    (typeof value.value_timestamp === "string" ? value.value_timestamp : undefined)
  );
}

/** A user as people read them: `Name <email>`, or the name alone. */
export function describeUser(user: User): string {
  return user.email ? `${user.name} <${user.email}>` : user.name;
}

function oldestFirst(updates: IncidentUpdate[]): IncidentUpdate[] {
  return updates
    .map((update, index) => ({ update, index }))
    .sort((a, b) => a.update.created_at.localeCompare(b.update.created_at) || b.index - a.index)
    .map(({ update }) => update);
}

/** The incident with all its updates (oldest first), custom fields, roles and timestamps. */
export async function incidentContext(s: OpsSession, ref: string): Promise<IncidentContext> {
  const incident = await fetchIncident(s, ref);
  const updates: IncidentUpdate[] = [];
  for await (const update of s.io.incidentUpdates.list({ incidentId: incident.id })) updates.push(update);
  return {
    incident,
    updates: oldestFirst(updates),
    customFields: incident.custom_field_entries.map((entry) => ({
      name: entry.custom_field.name,
      values: entry.values.map(displayValue).filter((value): value is string => value !== undefined),
    })),
    roles: incident.incident_role_assignments.map((assignment) => ({
      role: assignment.role.name,
      ...(assignment.assignee ? { assignee: describeUser(assignment.assignee) } : {}),
    })),
    timestamps: (incident.incident_timestamp_values ?? [])
      .slice()
      .sort((a, b) => a.incident_timestamp.rank - b.incident_timestamp.rank)
      .map((entry) => ({
        name: entry.incident_timestamp.name,
        ...(entry.value?.value !== undefined ? { value: entry.value.value } : {}),
      })),
    ...(incident.permalink !== undefined ? { permalink: incident.permalink } : {}),
  };
}

import type { IncidentRecord, IncidentUpdateRecord, Snapshot, StatusCategory } from "../model.js";

/**
 * Reading a seeded incident back in the organisation's own words (severity and status by name, custom field
 * values, timestamps), for the parts of the demo seed built on top of the incident history.
 */
export class DemoLookup {
  private readonly severityNames: Map<string, string>;
  private readonly statusCategories: Map<string, StatusCategory>;
  private readonly fieldIds: Map<string, string>;
  private readonly timestampIds: Map<string, string>;
  private readonly entryNames: Map<string, { name: string; external_id?: string }>;
  private readonly updates = new Map<string, IncidentUpdateRecord[]>();

  constructor(readonly snapshot: Snapshot) {
    this.severityNames = new Map(snapshot.severities.map((s) => [s.id, s.name]));
    this.statusCategories = new Map(snapshot.incident_statuses.map((s) => [s.id, s.category]));
    this.fieldIds = new Map(snapshot.custom_fields.map((f) => [f.name, f.id]));
    this.timestampIds = new Map(snapshot.incident_timestamps.map((t) => [t.name, t.id]));
    this.entryNames = new Map(snapshot.catalog_entries.map((e) => [e.id, e]));
    for (const update of snapshot.incident_updates) {
      const list = this.updates.get(update.incident_id);
      if (list) list.push(update);
      else this.updates.set(update.incident_id, [update]);
    }
  }

  severity(incident: IncidentRecord): string | undefined {
    return incident.severity_id === undefined ? undefined : this.severityNames.get(incident.severity_id);
  }

  category(incident: IncidentRecord): StatusCategory | undefined {
    return this.statusCategories.get(incident.incident_status_id);
  }

  /** Incidents that ran their course: real (not test), accepted, and resolved. */
  wasResolved(incident: IncidentRecord): boolean {
    const category = this.category(incident);
    return incident.mode !== "test" && (category === "learning" || category === "closed");
  }

  /** The text, link or number a field holds, or undefined. */
  fieldText(incident: IncidentRecord, fieldName: string): string | undefined {
    const id = this.fieldIds.get(fieldName);
    const value = incident.custom_field_entries.find((e) => e.custom_field_id === id)?.values[0];
    return value?.value_text ?? value?.value_link ?? value?.value_numeric;
  }

  /** The catalog entries a catalog-backed field names, as slug (external ID) and name. */
  fieldEntries(incident: IncidentRecord, fieldName: string): { slug: string; name: string }[] {
    const id = this.fieldIds.get(fieldName);
    const values = incident.custom_field_entries.find((e) => e.custom_field_id === id)?.values ?? [];
    return values.flatMap((value) => {
      const entry = value.value_catalog_entry_id
        ? this.entryNames.get(value.value_catalog_entry_id)
        : undefined;
      return entry ? [{ slug: entry.external_id ?? entry.name, name: entry.name }] : [];
    });
  }

  /** When a timestamp was set, in milliseconds, or undefined. */
  timestamp(incident: IncidentRecord, name: string): number | undefined {
    const id = this.timestampIds.get(name);
    const value = incident.timestamp_values.find((t) => t.incident_timestamp_id === id)?.value;
    return value === undefined ? undefined : Date.parse(value);
  }

  /** The incident's updates, oldest first. */
  updatesOf(incident: IncidentRecord): readonly IncidentUpdateRecord[] {
    return this.updates.get(incident.id) ?? [];
  }

  userName(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.snapshot.users.find((u) => u.id === id)?.name;
  }

  /** The user holding the role with this shortform, if anyone does. */
  roleHolder(incident: IncidentRecord, shortform: string): string | undefined {
    const role = this.snapshot.incident_roles.find((r) => r.shortform === shortform);
    return incident.role_assignments.find((a) => a.incident_role_id === role?.id)?.assignee_user_id;
  }

  statusName(id: string): string | undefined {
    return this.snapshot.incident_statuses.find((s) => s.id === id)?.name;
  }
}

import type { IncidentRecord, Snapshot, StoredCustomFieldValue } from "../../src/emulator/model.js";
import { demoSnapshotWithLabels } from "../../src/emulator/seed/index.js";
import type { MirroredFieldValue, MirroredIncident } from "../../src/mirror/incident.js";

/**
 * The emulator's demo organisation as the mirror would hold it, with each incident's failure family: the
 * labelled set the similar-incidents evaluation and benchmark use. The family comes from the seed generator's
 * own bookkeeping (which template family produced the incident), never from anything the ranker reads.
 */
export interface LabelledCorpus {
  incidents: MirroredIncident[];
  /** Incident ID → failure family key. */
  familyOf: ReadonlyMap<string, string>;
  /** The incidents the hub opened from alerts (see `withAlertOpened`); none in the demo organisation itself. */
  alertOpened?: ReadonlySet<string>;
}

export interface DemoCorpusOptions {
  seed?: number;
  /** The moment the history runs up to; fixed by default so results are repeatable. */
  now?: number;
  account?: string;
}

export const DEMO_CORPUS_NOW = Date.parse("2026-06-01T00:00:00Z");

export function demoCorpus(options: DemoCorpusOptions = {}): LabelledCorpus {
  const { snapshot, familyOf } = demoSnapshotWithLabels({
    seed: options.seed ?? 1,
    now: options.now ?? DEMO_CORPUS_NOW,
  });
  return { incidents: mirrorSnapshot(snapshot, options.account ?? "demo"), familyOf };
}

/** Flattens the emulator's stored incidents into the mirror's shape (as `GET /v2/incidents` then the mirror would). */
export function mirrorSnapshot(snapshot: Snapshot, account: string): MirroredIncident[] {
  const severities = new Map(snapshot.severities.map((s) => [s.id, s]));
  const statuses = new Map(snapshot.incident_statuses.map((s) => [s.id, s]));
  const types = new Map(snapshot.incident_types.map((t) => [t.id, t]));
  const fields = new Map(snapshot.custom_fields.map((f) => [f.id, f]));
  const options = new Map(snapshot.custom_field_options.map((o) => [o.id, o]));
  const entries = new Map(snapshot.catalog_entries.map((e) => [e.id, e]));
  const timestampNames = new Map(snapshot.incident_timestamps.map((t) => [t.id, t.name.toLowerCase()]));

  const flattenValue = (value: StoredCustomFieldValue): MirroredFieldValue | undefined => {
    const option = value.value_option_id ? options.get(value.value_option_id) : undefined;
    if (option) return { label: option.value, id: option.id };
    const entry = value.value_catalog_entry_id ? entries.get(value.value_catalog_entry_id) : undefined;
    if (entry) {
      return {
        label: entry.name,
        id: entry.id,
        ...(entry.external_id ? { externalId: entry.external_id } : {}),
        ...(entry.aliases.length > 0 ? { aliases: [...entry.aliases] } : {}),
      };
    }
    const free = value.value_text ?? value.value_link ?? value.value_numeric;
    return free === undefined ? undefined : { label: free };
  };

  const resolvedAt = (incident: IncidentRecord, category: string): string | null => {
    if (category !== "learning" && category !== "closed") return null;
    const stamp = (name: string) =>
      incident.timestamp_values.find((t) => timestampNames.get(t.incident_timestamp_id) === name)?.value;
    return stamp("resolved at") ?? stamp("closed at") ?? incident.updated_at;
  };

  return snapshot.incidents.map((incident): MirroredIncident => {
    const severity = incident.severity_id ? severities.get(incident.severity_id) : undefined;
    const status = statuses.get(incident.incident_status_id);
    const type = incident.incident_type_id ? types.get(incident.incident_type_id) : undefined;
    const category = status?.category ?? "live";
    return {
      id: incident.id,
      account,
      reference: `INC-${incident.number}`,
      name: incident.name,
      summary: incident.summary ?? null,
      severity: severity ? { id: severity.id, name: severity.name, rank: severity.rank } : null,
      status: { id: incident.incident_status_id, name: status?.name ?? "Unknown", category },
      type: type ? { id: type.id, name: type.name } : null,
      mode: incident.mode,
      visibility: incident.visibility,
      createdAt: incident.created_at,
      updatedAt: incident.updated_at,
      resolvedAt: resolvedAt(incident, category),
      permalink: `https://app.incident.io/${snapshot.organisation.slug}/incidents/${incident.number}`,
      customFields: incident.custom_field_entries
        .map((entry) => ({
          fieldId: entry.custom_field_id,
          fieldName: fields.get(entry.custom_field_id)?.name ?? entry.custom_field_id,
          values: entry.values.flatMap((value) => flattenValue(value) ?? []),
        }))
        .filter((field) => field.values.length > 0),
    };
  });
}

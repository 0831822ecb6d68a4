import type { CustomFieldEntry, CustomFieldValue, Incident } from "../api/index.js";
import type { MirroredCustomField, MirroredFieldValue, MirroredIncident } from "./incident.js";
import { resolvedAt } from "./resolved-at.js";
import { normaliseTime } from "./time.js";

export interface FlattenContext {
  /** The incidentkit account alias the incident was read from. */
  account: string;
  /**
   * The organisation's severity ranks by severity ID (`GET /v1/severities`), which win over the rank embedded in
   * the incident: ranks change when severities are reordered, and an incident's copy is only as fresh as its
   * last edit. A severity missing from the map keeps its embedded rank.
   */
  severityRanks?: ReadonlyMap<string, number>;
}

/** incident.io's `IncidentV2` → the mirror's flattened incident. */
export function flattenIncident(incident: Incident, context: FlattenContext): MirroredIncident {
  const severity = incident.severity;
  const type = incident.incident_type;
  return {
    id: incident.id,
    account: context.account,
    reference: incident.reference,
    name: incident.name,
    summary: incident.summary ?? null,
    severity: severity
      ? {
          id: severity.id,
          name: severity.name,
          rank: context.severityRanks?.get(severity.id) ?? severity.rank,
        }
      : null,
    status: {
      id: incident.incident_status.id,
      name: incident.incident_status.name,
      category: incident.incident_status.category,
    },
    type: type ? { id: type.id, name: type.name } : null,
    mode: incident.mode,
    visibility: incident.visibility,
    createdAt: normaliseTime(incident.created_at),
    updatedAt: normaliseTime(incident.updated_at),
    resolvedAt: resolvedAt(incident),
    permalink: incident.permalink ?? null,
    customFields: incident.custom_field_entries.map(flattenEntry).filter((field) => field.values.length > 0),
  };
}

function flattenEntry(entry: CustomFieldEntry): MirroredCustomField {
  return {
    fieldId: entry.custom_field.id,
    fieldName: entry.custom_field.name,
    values: entry.values.flatMap((value) => {
      const flat = flattenValue(value);
      return flat ? [flat] : [];
    }),
  };
}

/** One value by the field's kind: option, catalog entry, text, link or number. */
export function flattenValue(value: CustomFieldValue): MirroredFieldValue | undefined {
  if (value.value_option) return { label: value.value_option.value, id: value.value_option.id };
  const entry = value.value_catalog_entry;
  if (entry) {
    return {
      label: entry.name,
      id: entry.id,
      ...(entry.external_id ? { externalId: entry.external_id } : {}),
      ...(entry.aliases && entry.aliases.length > 0 ? { aliases: [...entry.aliases] } : {}),
    };
  }
  if (value.value_text !== undefined) return { label: value.value_text };
  if (value.value_link !== undefined) return { label: value.value_link };
  if (value.value_numeric !== undefined) return { label: value.value_numeric };
  return undefined;
}

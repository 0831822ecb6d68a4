import type { Insertable, Selectable } from "kysely";
import type { MirroredIncidentsTable } from "../store/index.js";
import type { MirroredCustomField, MirroredIncident } from "./incident.js";

export type MirroredIncidentRow = Selectable<MirroredIncidentsTable>;

/** The flattened incident as a row; `raw` is the API's JSON, `at` when the mirror wrote it. */
export function toRow(
  incident: MirroredIncident,
  raw: unknown,
  at: string,
): Insertable<MirroredIncidentsTable> {
  return {
    id: incident.id,
    account: incident.account,
    reference: incident.reference,
    name: incident.name,
    summary: incident.summary,
    severity_id: incident.severity?.id ?? null,
    severity_name: incident.severity?.name ?? null,
    severity_rank: incident.severity?.rank ?? null,
    status_id: incident.status.id,
    status_name: incident.status.name,
    status_category: incident.status.category,
    type_id: incident.type?.id ?? null,
    type_name: incident.type?.name ?? null,
    mode: incident.mode,
    visibility: incident.visibility,
    created_at: incident.createdAt,
    updated_at: incident.updatedAt,
    resolved_at: incident.resolvedAt,
    permalink: incident.permalink,
    custom_fields: JSON.stringify(incident.customFields),
    raw: JSON.stringify(raw),
    mirrored_at: at,
  };
}

export function fromRow(row: Omit<MirroredIncidentRow, "raw">): MirroredIncident {
  return {
    id: row.id,
    account: row.account,
    reference: row.reference,
    name: row.name,
    summary: row.summary,
    severity:
      row.severity_id !== null
        ? { id: row.severity_id, name: row.severity_name ?? "", rank: row.severity_rank ?? 0 }
        : null,
    status: { id: row.status_id, name: row.status_name, category: row.status_category },
    type: row.type_id !== null ? { id: row.type_id, name: row.type_name ?? "" } : null,
    mode: row.mode,
    visibility: row.visibility,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    permalink: row.permalink,
    customFields: JSON.parse(row.custom_fields) as MirroredCustomField[],
  };
}

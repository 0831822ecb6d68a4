/**
 * An incident as the hub keeps it in its mirror: the facts the catalog, scorecards, analytics and the UI read,
 * flattened from incident.io's `IncidentV2`. The mirror stores the API's full JSON beside it.
 */
export interface MirroredIncident {
  /** incident.io's incident ID. */
  id: string;
  /** The incidentkit account alias the incident was read from. */
  account: string;
  /** e.g. "INC-123". */
  reference: string;
  name: string;
  summary: string | null;
  /** Rank: higher is more severe, as incident.io orders severities. Null when the incident has no severity. */
  severity: { id: string; name: string; rank: number } | null;
  /** category: triage | declined | merged | canceled | live | learning | closed | paused (unknown values kept). */
  status: { id: string; name: string; category: string };
  type: { id: string; name: string } | null;
  mode: string;
  visibility: string;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /** When the incident was resolved (left the live/paused categories for learning or closed); null while open. */
  resolvedAt: string | null;
  permalink: string | null;
  customFields: MirroredCustomField[];
}

export interface MirroredCustomField {
  fieldId: string;
  fieldName: string;
  values: MirroredFieldValue[];
}

/**
 * One value of a custom field: `label` is what a person sees (an option's value, a catalog entry's name, a text
 * value); catalog entries also carry their ID, external ID and aliases, which entity mapping matches too.
 */
export interface MirroredFieldValue {
  label: string;
  id?: string;
  externalId?: string;
  aliases?: string[];
}

/**
 * One text naming an incident of the mirror: incident.io's ID within its account, so two organisations' incidents
 * never share one. For in-memory indexes and caches.
 */
export function incidentKey(incident: { account: string; id: string }): string {
  return `${incident.account}\u0000${incident.id}`;
}

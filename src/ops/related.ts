import type { Incident } from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import { type Page, readPages } from "./pages.js";
import type { OpsSession } from "./session.js";

/** An incident marked as related to another. */
export interface RelatedIncident {
  /** The relationship's ID. */
  relationshipId: string;
  id: string;
  /** `INC-<number>`. */
  reference: string;
  name: string;
}

/** The incidents marked as related to this one: `limit` of them (default 25) from the cursor, or all. */
export async function listRelatedIncidents(
  s: OpsSession,
  ref: string,
  page?: Page,
): Promise<{ incident: Incident; related: RelatedIncident[]; nextCursor?: string }> {
  const incident = await fetchIncident(s, ref);
  return { incident, ...(await relatedTo(s, incident.id, page)) };
}

/** The incidents related to the incident with this ID, as `listRelatedIncidents` reads them. */
export async function relatedTo(
  s: OpsSession,
  incidentId: string,
  page?: Page,
): Promise<{ related: RelatedIncident[]; nextCursor?: string }> {
  const read = await readPages(async (after, pageSize) => {
    const result = await s.io.incidentRelationships.listPage(incidentId, {
      pageSize,
      after,
    });
    return { items: result.incidentRelationships, after: result.paginationMeta?.after };
  }, page);
  return {
    related: read.items.map((relationship) => ({
      relationshipId: relationship.id,
      id: relationship.incident.id,
      reference: `INC-${relationship.incident.external_id}`,
      name: relationship.incident.name,
    })),
    ...(read.nextCursor !== undefined ? { nextCursor: read.nextCursor } : {}),
  };
}

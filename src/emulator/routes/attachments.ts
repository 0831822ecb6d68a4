import type { Hono } from "hono";
import {
  attachmentPayload,
  newAttachment,
  otherIncident,
  renderAttachment,
  renderRelationship,
} from "../attachments.js";
import { type AppContext, type AppEnv, type Deps, parseBody, requireScope } from "../context.js";
import { notFound, validationError } from "../errors.js";
import type { IncidentRecord } from "../model.js";
import { EXTERNAL_RESOURCE_TYPES, type ExternalResourceType } from "../model-attachments.js";
import { pageAfter, parsePageSize } from "../pagination.js";
import type { EmulatorState } from "../state.js";
import { visibleIncident } from "./incidents.js";

/** Incident Attachments V1 (list, attach, unattach) and Incident Relationships V1 (list). */
export function attachmentRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state, clock } = deps;

  app.get("/v1/incident_attachments", (c) => {
    requireScope(c, "attachments.view");
    // Empty values are allowed by the description and mean "not given".
    const incidentId = c.req.query("incident_id") || undefined;
    const externalId = c.req.query("external_id") || undefined;
    const resourceType = parseResourceType(c.req.query("resource_type") || undefined);
    if (incidentId === undefined && (externalId === undefined || resourceType === undefined)) {
      throw validationError(
        "incident_id",
        "Give incident_id, or both resource_type and external_id, to say whose attachments to list.",
        "is_required",
      );
    }
    if (incidentId !== undefined) requireIncident(c, state, incidentId);
    const attachments = state
      .list("incident_attachments")
      .filter((a) => incidentId === undefined || a.incident_id === incidentId)
      .filter((a) => externalId === undefined || a.external_id === externalId)
      .filter((a) => resourceType === undefined || a.resource_type === resourceType)
      .filter((a) => visibleIncident(c, state.get("incidents", a.incident_id)) !== undefined);
    return c.json({ incident_attachments: attachments.map(renderAttachment) });
  });

  app.post("/v1/incident_attachments", async (c) => {
    requireScope(c, "attachments.create");
    const input = await parseBody(c, attachmentPayload);
    const incident = visibleIncident(c, state.get("incidents", input.incident_id));
    if (!incident) {
      throw validationError("incident_id", `There is no incident with ID "${input.incident_id}".`);
    }
    const attachment = newAttachment(state, incident, input, clock.now());
    state.commit([{ collection: "incident_attachments", id: attachment.id, record: attachment }]);
    return c.json({ incident_attachment: renderAttachment(attachment) }, 201);
  });

  app.delete("/v1/incident_attachments/:id", (c) => {
    requireScope(c, "attachments.destroy");
    const id = c.req.param("id");
    const attachment = state.get("incident_attachments", id);
    if (!attachment || !visibleIncident(c, state.get("incidents", attachment.incident_id))) {
      throw notFound("incident attachment", id);
    }
    state.commit([{ collection: "incident_attachments", id }]);
    return c.body(null, 204);
  });

  app.get("/v1/incident_relationships", (c) => {
    requireScope(c, "incidents.view");
    const incidentId = c.req.query("incident_id") || undefined;
    if (incidentId === undefined) {
      throw validationError(
        "incident_id",
        "incident_id is required: the incident to list related incidents for.",
        "is_required",
      );
    }
    const pageSize = parsePageSize(c.req.query("page_size") ?? null, 250);
    requireIncident(c, state, incidentId);
    const related = state.list("incident_relationships").flatMap((relationship) => {
      if (!relationship.incident_ids.includes(incidentId)) return [];
      const other = visibleIncident(c, state.get("incidents", otherIncident(relationship, incidentId)));
      return other ? [{ id: relationship.id, relationship, other }] : [];
    });
    const { page, after } = pageAfter(related, c.req.query("after") ?? null, pageSize);
    return c.json({
      incident_relationships: page.map((r) => renderRelationship(r.relationship, r.other)),
      pagination_meta: { ...(after ? { after } : {}), page_size: pageSize },
    });
  });
}

function parseResourceType(raw: string | undefined): ExternalResourceType | undefined {
  if (raw === undefined) return undefined;
  const known = EXTERNAL_RESOURCE_TYPES.find((type) => type === raw);
  if (!known) {
    throw validationError(
      "resource_type",
      `resource_type must be one of: ${EXTERNAL_RESOURCE_TYPES.join(", ")}.`,
    );
  }
  return known;
}

/** The incident a list is for: 404 when there is none the key may see. */
function requireIncident(c: AppContext, state: EmulatorState, id: string): IncidentRecord {
  const incident = visibleIncident(c, state.get("incidents", id));
  if (!incident) throw notFound("incident", id);
  return incident;
}

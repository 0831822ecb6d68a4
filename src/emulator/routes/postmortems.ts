import type { Hono } from "hono";
import { type AppContext, type AppEnv, type Deps, nowIso, parseBody, requireScope } from "../context.js";
import { notFound, validationError } from "../errors.js";
import type { PostmortemDocumentRecord } from "../model-postmortems.js";
import { pageAfter, parsePageSize } from "../pagination.js";
import {
  attachExternalPostmortem,
  attachPostmortemPayload,
  renderPostmortem,
  updatePostmortemStatusPayload,
} from "../postmortems.js";
import type { EmulatorState } from "../state.js";
import { visibleIncident } from "./incidents.js";

const SORTS = ["created_at_newest_first", "created_at_oldest_first"] as const;

/** PostmortemDocuments V1: list, show, content, attach an external document, update the status. */
export function postmortemRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state, clock } = deps;

  app.get("/v1/postmortem_documents", (c) => {
    requireScope(c, "incidents.view");
    const pageSize = parsePageSize(c.req.query("page_size") ?? null, 250);
    const sortBy = c.req.query("sort_by") ?? "created_at_newest_first";
    if (!SORTS.some((sort) => sort === sortBy)) {
      throw validationError("sort_by", `sort_by must be one of: ${SORTS.join(", ")}; got "${sortBy}".`);
    }
    const incidentId = c.req.query("incident_id") || undefined;
    const docs = state
      .list("postmortem_documents")
      .filter((doc) => incidentId === undefined || doc.incident_id === incidentId)
      .filter((doc) => visibleIncident(c, state.get("incidents", doc.incident_id)) !== undefined)
      .sort((a, b) => compareCreated(a, b) * (sortBy === "created_at_newest_first" ? -1 : 1));
    const { page, after } = pageAfter(docs, c.req.query("after") ?? null, pageSize);
    return c.json({
      postmortem_documents: page.map((doc) => renderPostmortem(state, doc)),
      pagination_meta: { ...(after ? { after } : {}), page_size: pageSize },
    });
  });

  app.post("/v1/postmortem_documents/actions/attach", async (c) => {
    requireScope(c, "external_postmortems.create");
    const input = await parseBody(c, attachPostmortemPayload);
    const incident = visibleIncident(c, state.get("incidents", input.incident_id));
    if (!incident) {
      throw validationError("incident_id", `There is no incident with ID "${input.incident_id}".`);
    }
    const doc = attachExternalPostmortem(state, incident, input, clock.now());
    state.commit([{ collection: "postmortem_documents", id: doc.id, record: doc }]);
    return c.json({ postmortem_document: renderPostmortem(state, doc) }, 201);
  });

  app.get("/v1/postmortem_documents/:id", (c) => {
    requireScope(c, "incidents.view");
    return c.json({ postmortem_document: renderPostmortem(state, visibleDocument(c, state)) });
  });

  app.put("/v1/postmortem_documents/:id", async (c) => {
    requireScope(c, "in_app_postmortems.update_status");
    const existing = visibleDocument(c, state);
    const input = await parseBody(c, updatePostmortemStatusPayload);
    const doc: PostmortemDocumentRecord = { ...existing, status: input.status, updated_at: nowIso(clock) };
    state.commit([{ collection: "postmortem_documents", id: doc.id, record: doc }]);
    return c.json({ postmortem_document: renderPostmortem(state, doc) });
  });

  app.get("/v1/postmortem_documents/:id/content", (c) => {
    requireScope(c, "in_app_postmortems.copy_as_markdown");
    const doc = visibleDocument(c, state);
    if (doc.markdown === undefined) {
      throw validationError(
        "id",
        `This post-mortem is hosted outside incident.io${doc.permalink ? `, at ${doc.permalink}` : ""}; read its content there.`,
        "external_document",
      );
    }
    return c.json({ markdown: doc.markdown });
  });
}

/** The document named in the path: 404 when there is none, or its incident is private to this key. */
function visibleDocument(c: AppContext, state: EmulatorState): PostmortemDocumentRecord {
  const id = c.req.param("id") ?? "";
  const doc = state.get("postmortem_documents", id);
  if (!doc || !visibleIncident(c, state.get("incidents", doc.incident_id))) {
    throw notFound("post-mortem document", id);
  }
  return doc;
}

function compareCreated(a: PostmortemDocumentRecord, b: PostmortemDocumentRecord): number {
  if (a.created_at !== b.created_at) return Date.parse(a.created_at) - Date.parse(b.created_at);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

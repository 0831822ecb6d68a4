import type { Hono } from "hono";
import { type AppEnv, type Deps, parseBody, requireScope } from "../context.js";
import { postIncidentUpdate, updatePayload } from "../incident-writes.js";
import type { IncidentUpdateRecord } from "../model.js";
import { pageAfter, parsePageSize } from "../pagination.js";
import { renderIncidentUpdate } from "../render.js";
import { visibleIncident, writeContext } from "./incidents.js";

/** Incident Updates V2: list (newest first) and, as in the newer live API, create. */
export function incidentUpdateRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state } = deps;

  app.get("/v2/incident_updates", (c) => {
    requireScope(c, "incidents.view");
    const pageSize = parsePageSize(c.req.query("page_size") ?? null, 250);
    const incidentId = c.req.query("incident_id");
    const all: readonly IncidentUpdateRecord[] = (
      incidentId !== undefined ? state.updatesOf(incidentId) : state.list("incident_updates")
    ).filter((update) => visibleIncident(c, state.get("incidents", update.incident_id)) !== undefined);
    const newestFirst = [...all].reverse();
    const { page, after } = pageAfter(newestFirst, c.req.query("after") ?? null, pageSize);
    return c.json({
      incident_updates: page.map((update) => renderIncidentUpdate(state, update)),
      pagination_meta: { ...(after ? { after } : {}), page_size: pageSize },
    });
  });

  app.post("/v2/incident_updates", async (c) => {
    const input = await parseBody(c, updatePayload);
    // Posting an update is part of running the incident; moving severity needs that scope as well.
    requireScope(c, "incidents.update_status");
    if (input.to_severity_id !== undefined) requireScope(c, "incidents.update_severity");
    const update = postIncidentUpdate(writeContext(c, deps), input);
    return c.json({ incident_update: renderIncidentUpdate(state, update) }, 201);
  });
}

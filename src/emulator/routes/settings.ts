import type { Hono } from "hono";
import { z } from "zod";
import { newId } from "../../shared/ids.js";
import { type AppEnv, type Deps, nowIso, parseBody, requireScope } from "../context.js";
import { notFound, validationError } from "../errors.js";
import type { IncidentStatusRecord, SeverityRecord } from "../model.js";
import { renderSeverity, renderStatus } from "../render.js";

const severityPayload = z.object({
  name: z.string().min(1).max(50),
  description: z.string(),
  rank: z.number().int().optional(),
});

const statusCreatePayload = z.object({
  name: z.string().min(1),
  description: z.string(),
  category: z.enum(["live", "learning", "closed"]),
});

const statusUpdatePayload = z.object({ name: z.string().min(1), description: z.string() });

/** Only live (Active) and learning (Post-incident) and closed statuses belong to the organisation to configure. */
const CONFIGURABLE = new Set(["live", "learning", "closed"]);
const LIFECYCLE = ["live", "learning", "closed"];

/**
 * Where a new status of `category` goes in the rank order: after the last status of its category, else before
 * the first status of a later lifecycle stage (live, then learning, then closed), else last.
 */
function lifecycleRank(byRank: readonly IncidentStatusRecord[], category: string): number {
  const sameCategory = byRank.filter((s) => s.category === category);
  const last = sameCategory[sameCategory.length - 1];
  if (last) return last.rank + 1;
  const stage = LIFECYCLE.indexOf(category);
  const later = byRank.find((s) => LIFECYCLE.indexOf(s.category) > stage);
  if (later) return later.rank;
  return Math.max(0, ...byRank.map((s) => s.rank)) + 1;
}

/** Severities V1 and Incident Statuses V1: the organisation's settings, readable and editable. */
export function settingsRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state, clock } = deps;
  const severities = () => state.list("severities").sort((a, b) => a.rank - b.rank);
  const statuses = () => state.list("incident_statuses").sort((a, b) => a.rank - b.rank);

  app.get("/v1/severities", (c) => {
    requireScope(c, "severities.view");
    return c.json({ severities: severities().map(renderSeverity) });
  });

  app.get("/v1/severities/:id", (c) => {
    requireScope(c, "severities.view");
    const severity = state.get("severities", c.req.param("id"));
    if (!severity) throw notFound("severity", c.req.param("id"));
    return c.json({ severity: renderSeverity(severity) });
  });

  app.post("/v1/severities", async (c) => {
    requireScope(c, "organisation_settings.update");
    const input = await parseBody(c, severityPayload);
    const at = nowIso(clock);
    const highest = Math.max(0, ...state.list("severities").map((s) => s.rank));
    const severity: SeverityRecord = {
      id: newId(clock.now()),
      name: input.name,
      description: input.description,
      rank: input.rank ?? highest + 1,
      created_at: at,
      updated_at: at,
    };
    state.commit([{ collection: "severities", id: severity.id, record: severity }]);
    return c.json({ severity: renderSeverity(severity) }, 201);
  });

  app.put("/v1/severities/:id", async (c) => {
    requireScope(c, "organisation_settings.update");
    const existing = state.get("severities", c.req.param("id"));
    if (!existing) throw notFound("severity", c.req.param("id"));
    const input = await parseBody(c, severityPayload);
    const severity: SeverityRecord = {
      ...existing,
      name: input.name,
      description: input.description,
      rank: input.rank ?? existing.rank,
      updated_at: nowIso(clock),
    };
    state.commit([{ collection: "severities", id: severity.id, record: severity }]);
    return c.json({ severity: renderSeverity(severity) });
  });

  app.delete("/v1/severities/:id", (c) => {
    requireScope(c, "organisation_settings.update");
    const id = c.req.param("id");
    if (!state.get("severities", id)) throw notFound("severity", id);
    state.commit([{ collection: "severities", id }]);
    return c.body(null, 202);
  });

  app.get("/v1/incident_statuses", (c) => {
    requireScope(c, "incident_statuses.view");
    return c.json({ incident_statuses: statuses().map(renderStatus) });
  });

  app.get("/v1/incident_statuses/:id", (c) => {
    requireScope(c, "incident_statuses.view");
    const status = state.get("incident_statuses", c.req.param("id"));
    if (!status) throw notFound("incident status", c.req.param("id"));
    return c.json({ incident_status: renderStatus(status) });
  });

  app.post("/v1/incident_statuses", async (c) => {
    requireScope(c, "incident_lifecycles.update");
    const input = await parseBody(c, statusCreatePayload);
    refuseTakenName(input.name);
    const all = statuses();
    const rank = lifecycleRank(all, input.category);
    const at = nowIso(clock);
    const status: IncidentStatusRecord = {
      id: newId(clock.now()),
      name: input.name,
      description: input.description,
      category: input.category,
      rank,
      created_at: at,
      updated_at: at,
    };
    // Later statuses move down one place, so ranks stay distinct and in lifecycle order.
    const shifted = all
      .filter((s) => s.rank >= rank)
      .map((s): IncidentStatusRecord => ({ ...s, rank: s.rank + 1, updated_at: at }));
    state.commit([
      ...shifted.map((s) => ({ collection: "incident_statuses" as const, id: s.id, record: s })),
      { collection: "incident_statuses", id: status.id, record: status },
    ]);
    return c.json({ incident_status: renderStatus(status) }, 201);
  });

  app.put("/v1/incident_statuses/:id", async (c) => {
    requireScope(c, "incident_lifecycles.update");
    const existing = configurableStatus(c.req.param("id"));
    const input = await parseBody(c, statusUpdatePayload);
    refuseTakenName(input.name, existing.id);
    const status: IncidentStatusRecord = {
      ...existing,
      name: input.name,
      description: input.description,
      updated_at: nowIso(clock),
    };
    state.commit([{ collection: "incident_statuses", id: status.id, record: status }]);
    return c.json({ incident_status: renderStatus(status) });
  });

  app.delete("/v1/incident_statuses/:id", (c) => {
    requireScope(c, "incident_lifecycles.update");
    const status = configurableStatus(c.req.param("id"));
    for (const incident of state.values("incidents")) {
      if (incident.incident_status_id === status.id) {
        throw validationError(
          "id",
          `Status "${status.name}" is in use by INC-${incident.number}; move its incidents to another status first.`,
        );
      }
    }
    state.commit([{ collection: "incident_statuses", id: status.id }]);
    return c.body(null, 202);
  });

  /** The description calls a status's name unique. */
  function refuseTakenName(name: string, ownId?: string): void {
    const wanted = name.trim().toLowerCase();
    const taken = state
      .list("incident_statuses")
      .find((s) => s.id !== ownId && s.name.trim().toLowerCase() === wanted);
    if (taken)
      throw validationError("name", `There is already a status named "${taken.name}".`, "not_unique");
  }

  function configurableStatus(id: string): IncidentStatusRecord {
    const status = state.get("incident_statuses", id);
    if (!status) throw notFound("incident status", id);
    if (!CONFIGURABLE.has(status.category)) {
      throw validationError(
        "id",
        `"${status.name}" is a ${status.category} status, managed by incident.io: it cannot be edited or deleted.`,
      );
    }
    return status;
  }
}

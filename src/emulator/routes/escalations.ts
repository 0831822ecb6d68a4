import type { Hono } from "hono";
import { z } from "zod";
import { type AppEnv, type Deps, parseBody, requireScope } from "../context.js";
import { type EscalationRow, parseEscalationQuery } from "../escalation-filters.js";
import {
  createPath,
  createPathPayload,
  deletePath,
  livePaths,
  renderPath,
  requirePath,
  updatePath,
  updatePathPayload,
} from "../escalation-paths.js";
import {
  acknowledgeEscalation,
  cancelEscalation,
  createEscalation,
  createEscalationPayload,
  progressOf,
  renderEscalation,
  requireEscalation,
} from "../escalations.js";
import { pageAfter, parsePageSize, unknownAfter } from "../pagination.js";
import { candidatesOf, pageNewestFirst } from "../record-order.js";

/** Escalations V2: escalation paths, and escalations (pages) with their progress by the emulator's clock. */
export function escalationRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state, clock } = deps;

  app.get("/v2/escalation_paths", (c) => {
    requireScope(c, "escalation_paths.view");
    const pageSize = parsePageSize(c.req.query("page_size") ?? null, 25);
    const { page, after } = pageAfter(livePaths(state), c.req.query("after") ?? null, pageSize);
    const now = clock.now();
    return c.json({
      escalation_paths: page.map((path) => renderPath(state, path, now)),
      pagination_meta: { ...(after ? { after } : {}), page_size: pageSize },
    });
  });

  app.post("/v2/escalation_paths", async (c) => {
    requireScope(c, "escalation_paths.create");
    const input = await parseBody(c, createPathPayload);
    const path = createPath(state, clock.now(), input);
    return c.json({ escalation_path: renderPath(state, path, clock.now()) }, 201);
  });

  app.get("/v2/escalation_paths/:id", (c) => {
    requireScope(c, "escalation_paths.view");
    const path = requirePath(state, c.req.param("id"));
    return c.json({ escalation_path: renderPath(state, path, clock.now()) });
  });

  app.put("/v2/escalation_paths/:id", async (c) => {
    requireScope(c, "escalation_paths.update");
    const current = requirePath(state, c.req.param("id"));
    const input = await parseBody(c, updatePathPayload);
    const path = updatePath(state, clock.now(), current, input);
    return c.json({ escalation_path: renderPath(state, path, clock.now()) });
  });

  app.delete("/v2/escalation_paths/:id", (c) => {
    requireScope(c, "escalation_paths.destroy");
    deletePath(state, clock.now(), requirePath(state, c.req.param("id")));
    return c.body(null, 204);
  });

  app.get("/v2/escalations", (c) => {
    requireScope(c, "escalations.view");
    const query = parseEscalationQuery(new URL(c.req.url).searchParams);
    const now = clock.now();
    // Newest first, as the dashboard lists them; progress is worked out from the clock for the rows read.
    const candidates = candidatesOf(state.orders.escalations, query.incidents);
    const { page, after } = pageNewestFirst<EscalationRow & { id: string }>(
      candidates.ids,
      candidates.indexOf,
      (id) => {
        const record = state.get("escalations", id);
        return record && { id, record, progress: progressOf(state, record, now) };
      },
      query.matches,
      query.after,
      query.pageSize,
      unknownAfter,
    );
    return c.json({
      escalations: page.map((row) => renderEscalation(state, row.record, now)),
      pagination_meta: { ...(after ? { after } : {}), page_size: query.pageSize },
    });
  });

  app.post("/v2/escalations", async (c) => {
    requireScope(c, "escalations.create");
    const input = await parseBody(c, createEscalationPayload);
    const escalation = createEscalation(state, clock.now(), input);
    return c.json({ escalation: renderEscalation(state, escalation, clock.now()) }, 201);
  });

  app.get("/v2/escalations/:id", (c) => {
    requireScope(c, "escalations.view");
    const escalation = requireEscalation(state, c.req.param("id"));
    return c.json({ escalation: renderEscalation(state, escalation, clock.now()) });
  });

  app.post("/v2/escalations/:id/actions/cancel", (c) => {
    requireScope(c, "escalations.cancel");
    cancelEscalation(state, clock.now(), requireEscalation(state, c.req.param("id")));
    return c.body(null, 200);
  });
}

const acknowledgePayload = z.strictObject({ user_id: z.string().optional() });

/**
 * `POST /_emulator/escalations/{id}/actions/acknowledge {"user_id"?: …}` acknowledges a page as the responder
 * would from their phone (incident.io's API has no operation for it), answering the escalation as it now stands.
 * Registered after the control routes' admin check.
 */
export function escalationAdminRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.post("/_emulator/escalations/:id/actions/acknowledge", async (c) => {
    const input = await parseBody(c, acknowledgePayload);
    const now = deps.clock.now();
    const current = requireEscalation(deps.state, c.req.param("id"));
    const escalation = acknowledgeEscalation(deps.state, now, current, input.user_id);
    return c.json({ escalation: renderEscalation(deps.state, escalation, now) });
  });
}

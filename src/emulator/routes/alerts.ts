import type { Hono } from "hono";
import { z } from "zod";
import { alertEventPayload, receiveAlertEvent } from "../alert-events.js";
import { parseAlertQuery } from "../alert-filters.js";
import { renderAlert } from "../alert-render.js";
import { createAlertSource, renderAlertSource } from "../alert-sources.js";
import { type AppEnv, type Deps, parseBody, requireScope } from "../context.js";
import { notFound } from "../errors.js";
import { unknownAfter } from "../pagination.js";
import { candidatesOf, pageNewestFirst } from "../record-order.js";

/**
 * Alert Events V2 (HTTP), Alerts V2 (list, show) and Alert Sources V2 (list, show). The gate has already
 * authenticated an alert event against its source's secret, or refused it.
 */
export function alertRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state, clock } = deps;

  app.post("/v2/alert_events/http/:alert_source_config_id", async (c) => {
    const id = c.req.param("alert_source_config_id");
    const source = state.get("alert_sources", id);
    if (!source) throw notFound("alert source", id);
    const input = await parseBody(c, alertEventPayload);
    const { accepted } = receiveAlertEvent(state, clock.now(), source, input);
    return c.json(accepted, 202);
  });

  app.get("/v2/alerts", (c) => {
    requireScope(c, "alerts.view");
    const query = parseAlertQuery(new URL(c.req.url).searchParams);
    // Newest first, as the dashboard lists them, reading from the cursor only until the page is full.
    const candidates = candidatesOf(state.orders.alerts, query.deduplicationKeys);
    const { page, after } = pageNewestFirst(
      candidates.ids,
      candidates.indexOf,
      (id) => state.get("alerts", id),
      query.matches,
      query.after,
      query.pageSize,
      unknownAfter,
    );
    return c.json({
      alerts: page.map(renderAlert),
      pagination_meta: { ...(after ? { after } : {}), page_size: query.pageSize },
    });
  });

  app.get("/v2/alerts/:id", (c) => {
    requireScope(c, "alerts.view");
    const alert = state.get("alerts", c.req.param("id"));
    if (!alert) throw notFound("alert", c.req.param("id"));
    return c.json({ alert: renderAlert(alert) });
  });

  app.get("/v2/alert_sources", (c) => {
    requireScope(c, "alert_sources.view");
    const origin = new URL(c.req.url).origin;
    return c.json({ alert_sources: state.list("alert_sources").map((s) => renderAlertSource(s, origin)) });
  });

  app.get("/v2/alert_sources/:id", (c) => {
    requireScope(c, "alert_sources.view");
    const source = state.get("alert_sources", c.req.param("id"));
    if (!source) throw notFound("alert source", c.req.param("id"));
    return c.json({ alert_source: renderAlertSource(source, new URL(c.req.url).origin) });
  });
}

const alertSourcePayload = z.strictObject({ name: z.string() });

/**
 * `POST /_emulator/alert_sources {"name": …}` adds an HTTP alert source and answers it with its secret token, for
 * tests against an emulator in another process. Registered after the control routes' admin check.
 */
export function alertAdminRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.post("/_emulator/alert_sources", async (c) => {
    const input = await parseBody(c, alertSourcePayload);
    const source = createAlertSource(deps.state, deps.clock.now(), input.name);
    return c.json({ alert_source: renderAlertSource(source, new URL(c.req.url).origin) }, 201);
  });
}

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { acceptAlerts } from "../../alerts/accept.js";
import { detectFormat, parseAlerts } from "../../alerts/intake/index.js";
import { alertDetail } from "../../alerts/queries.js";
import { bearerToken, tokensEqual, UNAUTHORIZED_HEADERS } from "../auth.js";
import type { HubSource } from "../config.js";
import type { HubContext } from "../context.js";

/** The largest intake body accepted. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * `POST /alerts/:source` takes alerts with the source's bearer token. `GET /alerts/:id` shows one alert to the
 * admin token (any alert) or to its own source's token (that source's alerts only); any other alert is 404.
 */
export function alertRoutes(hub: HubContext): Hono {
  const app = new Hono();
  const sources = new Map(hub.config.sources.map((source) => [source.name, source]));

  app.post(
    "/:source",
    async (c, next) => {
      const source = sources.get(c.req.param("source"));
      if (!source) return c.json({ error: `unknown source "${c.req.param("source")}"` }, 404);
      const token = bearerToken(c.req.header("authorization"));
      if (token === undefined || !tokensEqual(token, source.token)) {
        return c.json(
          { error: "a valid bearer token for this source is required" },
          401,
          UNAUTHORIZED_HEADERS,
        );
      }
      await next();
    },
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: `the body is larger than ${MAX_BODY_BYTES} bytes` }, 413),
    }),
    async (c) => {
      const started = performance.now();
      const source = sources.get(c.req.param("source")) as HubSource;
      const text = await c.req.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return c.json({ errors: [{ field: "body", message: "is not valid JSON" }] }, 400);
      }
      const format = source.format === "auto" ? detectFormat(body) : source.format;
      const parsed = parseAlerts(format, source.name, body);
      if (!parsed.ok) return c.json({ errors: parsed.errors }, 400);
      const accepted = await acceptAlerts(
        hub.store,
        hub.rules,
        source.name,
        parsed.events,
        text,
        new Date(hub.clock.now()),
      );
      for (const alert of accepted)
        hub.metrics.alertsReceived.inc({ source: source.name, decision: alert.decision });
      hub.metrics.intakeSeconds.observe({ source: source.name }, (performance.now() - started) / 1000);
      if (accepted.some((alert) => alert.enqueued !== undefined)) hub.nudge();
      return c.json(
        {
          alerts: accepted.map((alert) => ({
            id: alert.id,
            decision: alert.decision,
            reason: alert.reason,
            group_key: alert.groupKey,
          })),
        },
        202,
      );
    },
  );

  app.get("/:id", async (c) => {
    const token = bearerToken(c.req.header("authorization"));
    const admin =
      token !== undefined && hub.config.adminToken !== undefined && tokensEqual(token, hub.config.adminToken);
    const own =
      token === undefined ? [] : hub.config.sources.filter((source) => tokensEqual(token, source.token));
    if (!admin && own.length === 0) {
      return c.json({ error: "the admin token or a source's token is required" }, 401, UNAUTHORIZED_HEADERS);
    }
    const detail = await alertDetail(hub.store, c.req.param("id"));
    if (!detail || (!admin && !own.some((source) => source.name === detail.alert.source))) {
      return c.json({ error: "no such alert" }, 404);
    }
    const { alert, group, deliveries } = detail;
    return c.json({
      alert: {
        id: alert.id,
        source: alert.source,
        dedup_key: alert.dedupKey,
        status: alert.status,
        title: alert.title,
        description: alert.description,
        severity: alert.severity,
        labels: alert.labels,
        received_at: alert.receivedAt,
        decision: alert.decision,
        reason: alert.reason,
        rule: alert.rule,
      },
      group: group && {
        group_key: group.group_key,
        state: group.state,
        generation: group.generation,
        incident_id: group.incident_id,
        incident_reference: group.incident_reference,
        opened_at: group.opened_at,
        resolved_at: group.resolved_at,
      },
      deliveries: deliveries.map((delivery) => ({
        kind: delivery.kind,
        attempted_at: delivery.attempted_at,
        outcome: delivery.outcome,
        http_status: delivery.http_status,
        error_code: delivery.error_code,
        message: delivery.message,
        fix: delivery.fix,
      })),
    });
  });
  return app;
}

import { Hono } from "hono";
import { deliveryHealth, RECENT_FAILURE_WINDOW_MS } from "../../alerts/delivery-health.js";
import { outboxHealth } from "../../alerts/queries.js";
import { refusalReason, refusedSince } from "../../alerts/refusals.js";
import { requireBearer, UNAUTHORIZED_HEADERS } from "../../shared/bearer.js";
import { oneOfTokens } from "../../shared/bearer-token.js";
import type { HubContext } from "../context.js";

/**
 * `GET /healthz` (the store answers, and how the outbox is doing) and `GET /metrics` (Prometheus text; behind
 * `metrics.token_env`'s token, or the admin token, when the config names one).
 *
 * Deliveries that need a person (failed for good in the last hour, or waiting on a refused API key) and requests
 * refused whole in the last hour (their alerts are lost: senders do not retry a 4xx) make the hub
 * `degraded`, still with HTTP 200: the hub itself works and keeps taking alerts, so a load balancer must keep it;
 * the reasons say what to fix. Only a store that does not answer is 503.
 *
 * `/healthz` is open, for load balancers and probes; asked with the admin token (a wrong token is 401), its
 * reasons also name the latest alert, what incident.io answered and the fix, which quote alerts' own values.
 */
export function healthRoutes(hub: HubContext): Hono {
  const app = new Hono();
  const adminAuth = requireBearer({
    accepts: (token) => oneOfTokens(token, [hub.config.adminToken]),
    refuse: (c) =>
      c.json({ error: "the admin token is required for the details of /healthz" }, 401, UNAUTHORIZED_HEADERS),
  });
  app.get(
    "/healthz",
    (c, next) => (c.req.header("authorization") === undefined ? next() : adminAuth(c, next)),
    async (c) => {
      // Past adminAuth with a header: the admin token.
      const detailed = c.req.header("authorization") !== undefined;
      try {
        const now = hub.clock.now();
        const outbox = await outboxHealth(hub.store, now);
        const delivery = await deliveryHealth(hub.store, now, detailed);
        const refused = await refusedSince(hub.store, new Date(now - RECENT_FAILURE_WINDOW_MS).toISOString());
        const refusal = refusalReason(refused);
        const reasons = refusal === undefined ? delivery.reasons : [...delivery.reasons, refusal];
        return c.json({
          status: reasons.length > 0 ? "degraded" : "ok",
          reasons,
          store: "ok",
          database: hub.store.dialect,
          leader: hub.leadership.leading,
          outbox: {
            pending: outbox.pending,
            failed: outbox.failed,
            oldest_pending_age_s: outbox.oldestPendingAgeS,
            failed_last_hour: delivery.failedRecently.count,
            waiting_for_key: delivery.waitingForKey.count,
          },
          intake: { refused_last_hour: refused.count },
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const store = detailed
          ? `error: ${message}`
          : "error: it does not answer (the admin token shows why)";
        return c.json({ status: "unavailable", store }, 503);
      }
    },
  );
  const metricsAuth = requireBearer({
    accepts: (token) => oneOfTokens(token, [hub.config.metricsToken, hub.config.adminToken]),
    refuse: (c) =>
      c.text("# the metrics token is required (Authorization: Bearer …)\n", 401, UNAUTHORIZED_HEADERS),
  });
  // Open unless the config names a metrics token; then that token or the admin token.
  app.get(
    "/metrics",
    (c, next) => (hub.config.metricsToken === undefined ? next() : metricsAuth(c, next)),
    async (c) => {
      const { registry } = hub.metrics;
      try {
        const text = await registry.metrics();
        return c.text(text, 200, { "Content-Type": registry.contentType });
      } catch {
        return c.text("# the hub's store is unavailable\n", 503);
      }
    },
  );
  return app;
}

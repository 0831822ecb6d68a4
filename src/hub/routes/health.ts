import { Hono } from "hono";
import { outboxHealth } from "../../alerts/queries.js";
import type { HubContext } from "../context.js";

/** `GET /healthz` (the store answers, and how the outbox is doing) and `GET /metrics` (Prometheus text). */
export function healthRoutes(hub: HubContext): Hono {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    try {
      const outbox = await outboxHealth(hub.store, hub.clock.now());
      return c.json({
        status: "ok",
        store: "ok",
        database: hub.store.dialect,
        leader: hub.leadership.leading,
        outbox: {
          pending: outbox.pending,
          failed: outbox.failed,
          oldest_pending_age_s: outbox.oldestPendingAgeS,
        },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return c.json({ status: "unavailable", store: `error: ${message}` }, 503);
    }
  });
  app.get("/metrics", async (c) => {
    const { registry } = hub.metrics;
    try {
      const text = await registry.metrics();
      return c.text(text, 200, { "Content-Type": registry.contentType });
    } catch {
      return c.text("# the hub's store is unavailable\n", 503);
    }
  });
  return app;
}

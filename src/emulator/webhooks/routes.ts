import type { Hono } from "hono";
import { z } from "zod";
import { type AppEnv, parseBody } from "../context.js";
import { ApiError, validationError } from "../errors.js";
import type { EndpointRegistry } from "./endpoints.js";
import type { WebhookSender } from "./sender.js";

const endpointPayload = z.strictObject({
  url: z.string().min(1),
  secret: z.string().min(1).optional(),
});

/**
 * Control routes for the emulator's outgoing webhooks (incident.io configures them in its dashboard; there is no
 * public API for it). Registered after the admin middleware, so they need a key with global_access.
 * The secret is in the answer to the POST only; listings never show it.
 */
export function webhookAdminRoutes(
  app: Hono<AppEnv>,
  endpoints: EndpointRegistry,
  sender: WebhookSender,
): void {
  app.get("/_emulator/webhook_endpoints", (c) => c.json({ webhook_endpoints: endpoints.list() }));

  app.post("/_emulator/webhook_endpoints", async (c) => {
    const input = await parseBody(c, endpointPayload);
    try {
      return c.json({ webhook_endpoint: endpoints.add(input) }, 201);
    } catch (error) {
      const message = (error as Error).message;
      throw validationError(message.startsWith("the secret") ? "secret" : "url", message);
    }
  });

  app.delete("/_emulator/webhook_endpoints/:id", (c) => {
    const id = c.req.param("id");
    if (!endpoints.remove(id)) {
      throw new ApiError(404, "not_found", [
        { code: "not_found", message: `There is no webhook endpoint with ID "${id}".` },
      ]);
    }
    return c.body(null, 204);
  });

  app.get("/_emulator/webhook_deliveries", (c) => {
    const deliveries = sender.log.list({
      webhookId: c.req.query("webhook_id"),
      endpointId: c.req.query("endpoint_id"),
      incidentId: c.req.query("incident_id"),
    });
    return c.json({ webhook_deliveries: deliveries });
  });
}

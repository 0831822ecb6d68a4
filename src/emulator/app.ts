import { Hono } from "hono";
import { adminRoutes, countRequests, RequestCounts } from "./admin.js";
import type { AppEnv, Deps } from "./context.js";
import { ApiError, newRequestId } from "./errors.js";
import { apiGate, errorResponse } from "./gate.js";
import type { ApiKeyRecord } from "./model.js";
import { actionRoutes } from "./routes/actions.js";
import { alertAdminRoutes, alertRoutes } from "./routes/alerts.js";
import { attachmentRoutes } from "./routes/attachments.js";
import { catalogRoutes } from "./routes/catalog.js";
import { configurationRoutes } from "./routes/configuration.js";
import { customFieldOptionRoutes } from "./routes/custom-field-options.js";
import { escalationAdminRoutes, escalationRoutes } from "./routes/escalations.js";
import { followUpRoutes } from "./routes/follow-ups.js";
import { incidentMembershipRoutes } from "./routes/incident-memberships.js";
import { incidentUpdateRoutes } from "./routes/incident-updates.js";
import { incidentRoutes } from "./routes/incidents.js";
import { postmortemRoutes } from "./routes/postmortems.js";
import { scheduleRoutes } from "./routes/schedules.js";
import { settingsRoutes } from "./routes/settings.js";
import { userRoutes } from "./routes/users.js";
import { workflowRoutes } from "./routes/workflows.js";
import { notImplemented } from "./unimplemented.js";
import { webhookAdminRoutes } from "./webhooks/routes.js";

/** Composes the emulator's HTTP app: the incident.io API under /v1–/v3, control routes under /_emulator. */
export function createApp(deps: Deps, createApiKey: (name: string, roles: string[]) => ApiKeyRecord): Hono {
  const app = new Hono<AppEnv>();
  const requests = new RequestCounts(deps.clock);
  for (const prefix of ["/v1/*", "/v2/*", "/v3/*"]) app.use(prefix, countRequests(requests), apiGate(deps));

  userRoutes(app, deps);
  settingsRoutes(app, deps);
  configurationRoutes(app, deps);
  incidentRoutes(app, deps);
  incidentUpdateRoutes(app, deps);
  alertRoutes(app, deps);
  catalogRoutes(app, deps);
  attachmentRoutes(app, deps);
  postmortemRoutes(app, deps);
  workflowRoutes(app, deps);
  customFieldOptionRoutes(app, deps);
  followUpRoutes(app, deps);
  actionRoutes(app, deps);
  incidentMembershipRoutes(app, deps);
  scheduleRoutes(app, deps);
  escalationRoutes(app, deps);
  for (const prefix of ["/v1/*", "/v2/*", "/v3/*"]) app.all(prefix, notImplemented);
  adminRoutes(app, deps, createApiKey, requests);
  alertAdminRoutes(app, deps);
  escalationAdminRoutes(app, deps);
  webhookAdminRoutes(app, deps.webhooks.endpoints, deps.webhooks.sender);

  app.notFound((c) => {
    if (!c.var.requestId) c.set("requestId", newRequestId());
    return errorResponse(
      c,
      new ApiError(404, "not_found", [{ code: "not_found", message: `There is nothing at ${c.req.path}.` }]),
    );
  });
  app.onError((error, c) => {
    if (!c.var.requestId) c.set("requestId", newRequestId());
    if (error instanceof ApiError) return errorResponse(c, error);
    // Details go to the log of whoever runs the emulator, never to the client.
    deps.log.error(
      { err: error, method: c.req.method, path: c.req.path, request_id: c.var.requestId },
      `unexpected error: ${error.message}`,
    );
    return errorResponse(
      c,
      new ApiError(500, "api_error", [
        { code: "internal_error", message: "Something went wrong and has been reported internally." },
      ]),
    );
  });
  // The public type is the plain Hono app; our typed variables are an internal detail.
  return app as unknown as Hono;
}

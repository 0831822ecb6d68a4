import type { MiddlewareHandler } from "hono";
import { authenticateAlertEvent } from "./alert-source-auth.js";
import { authenticate } from "./auth.js";
import type { AppContext, AppEnv, Deps } from "./context.js";
import { ApiError, newRequestId } from "./errors.js";
import { tooManyRequests } from "./rate-limit.js";

/** Renders an ApiError as incident.io's error body, keeping headers already set on the context. */
export function errorResponse(c: AppContext, error: ApiError): Response {
  return c.json(error.body(c.var.requestId ?? newRequestId()), error.status as 400, error.headers);
}

/**
 * Everything an API request passes before and after its handler: latency, authentication (an API key, or for
 * alert events the alert source's secret), the fault injection's 429 burst and 5xx (both before any work, so
 * nothing is written), the per-key rate limit, and afterwards the lost-response fault and the onResponse hook.
 */
export function apiGate(deps: Deps): MiddlewareHandler<AppEnv> {
  const { faults, limiter, state, clock } = deps;
  return async (c, next) => {
    c.set("requestId", newRequestId());
    const latency = faults.get().latencyMs;
    if (latency > 0) await clock.sleep(latency);
    let handled = false;
    try {
      // Alert events authenticate with their alert source's secret; everything else with an API key.
      const source = authenticateAlertEvent(state, c);
      const key = source ? undefined : authenticate(state, c.req.header("Authorization"));
      if (key) c.set("apiKey", key);
      const throttledMs = faults.throttledFor();
      if (throttledMs > 0) {
        throw tooManyRequests(throttledMs, clock, limiter.throttledHeaders(throttledMs), {
          name: key?.name ?? source?.name ?? "",
          limit: limiter.options.capacity,
          remaining: 0,
        });
      }
      // The per-key limit counts API keys; incident.io documents no limit for alert sources.
      if (key) {
        const headers = limiter.take(key.id, key.name);
        for (const [name, value] of Object.entries(headers)) c.header(name, value);
      }
      if (faults.shouldFail()) {
        throw new ApiError(500, "api_error", [
          { code: "internal_error", message: "Something went wrong and has been reported internally." },
        ]);
      }
      handled = true;
      await next();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      c.res = errorResponse(c, error);
    }
    if (handled && faults.shouldLoseResponse()) {
      c.res = errorResponse(
        c,
        new ApiError(502, "api_error", [
          {
            code: "bad_gateway",
            message: "The response was lost between the API and the client (502 Bad Gateway).",
          },
        ]),
      );
    }
    if (deps.onResponse) {
      const text = await c.res.clone().text();
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      deps.onResponse({ method: c.req.method, path: c.req.path, status: c.res.status, body });
    }
  };
}

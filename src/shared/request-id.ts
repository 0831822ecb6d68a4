import type { Context } from "hono";
import type { RequestIdVariables } from "hono/request-id";

/**
 * The ID hono's `requestId` middleware gave this request (the hub sets it on every request, answers it in
 * `X-Request-Id` and puts it on the request's log lines); undefined in an app without that middleware.
 */
export function requestIdOf(c: Context): string | undefined {
  // The middleware sits in the hub's app; the routes given this context are typed without its variables.
  return (c as unknown as Context<{ Variables: RequestIdVariables }>).get("requestId");
}

import type { Context, MiddlewareHandler } from "hono";
import type { RequestIdVariables } from "hono/request-id";

/** The longest X-Request-Id kept from a caller. */
const REQUEST_ID_MAX_LENGTH = 64;

/** Characters a kept X-Request-Id may hold: what a log search takes as one word. */
const PLAIN = /^[\w\-=]+$/;

/**
 * A request's ID: the caller's X-Request-Id when short and plain (so a proxy's or a sender's ID finds the hub's
 * log lines), else a new UUID.
 */
export function requestIdFor(given: string | undefined): string {
  return given !== undefined && given.length <= REQUEST_ID_MAX_LENGTH && PLAIN.test(given)
    ? given
    : crypto.randomUUID();
}

/** Gives every request its ID (`requestIdFor`), kept for `requestIdOf` and answered in X-Request-Id. */
export function requestIds(): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async (c, next) => {
    const id = requestIdFor(c.req.header("x-request-id"));
    c.set("requestId", id);
    c.header("X-Request-Id", id);
    await next();
  };
}

/**
 * The ID `requestIds` (or the intake's own answer) gave this request, which the hub answers in X-Request-Id and
 * puts on the request's log lines; undefined in an app without it.
 */
export function requestIdOf(c: Context): string | undefined {
  // The middleware sits in the hub's app; the routes given this context are typed without its variables.
  return (c as unknown as Context<{ Variables: RequestIdVariables }>).get("requestId");
}

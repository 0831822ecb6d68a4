import type { MiddlewareHandler } from "hono";

/**
 * The web UI's requests, `limit` at a time: the others wait their turn. A page can hold the event loop for tens of
 * milliseconds (the analytics over every incident), and the same loop accepts alerts: an alert's few awaits each
 * wait behind every page under way, so 24 pages at once stretched an alert's answer from milliseconds to seconds.
 * Queued pages wait instead, and an alert waits behind `limit` pages at most. Beyond `maxWaiting` queued, a
 * request is answered 503 at once.
 */
export function uiGate(limit: number, maxWaiting: number): MiddlewareHandler {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (c, next) => {
    if (running >= limit) {
      if (waiting.length >= maxWaiting) {
        c.header("retry-after", "1");
        return c.text("The hub is busy with other pages: try again in a moment.", 503);
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    running += 1;
    try {
      await next();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

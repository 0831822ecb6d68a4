import type { MiddlewareHandler } from "hono";
import type { Activity } from "../../shared/activity.js";

/** The longest a page waits for alerts under way before it is built anyway. */
const GIVE_WAY_MS = 25;

/**
 * The web UI's requests, `limit` at a time: the others wait their turn. A page can hold the event loop for tens of
 * milliseconds (the analytics over every incident), and the same loop accepts alerts: an alert's few awaits each
 * wait behind every page under way, so 24 pages at once stretched an alert's answer from milliseconds to seconds.
 * Queued pages wait instead, and an alert waits behind `limit` pages at most. Beyond `limit + maxWaiting` in all,
 * a request is answered 503 at once.
 *
 * A page is let in on a turn of the event loop of its own (`setImmediate`), at most `limit` a turn: a page answered
 * from what is kept (a 304, say) runs to its end without giving the loop back, so pages let in one after another
 * would answer the whole queue before the loop reads the next alert. Let in a turn at a time, each alert waits
 * behind `limit` pages at most, however many are queued; and each client asks again only once answered, so the
 * pages that arrive in a turn are bounded the same way.
 *
 * With `givesWayTo` (the hub's alert intake), a page about to be built first waits until no alert is under way,
 * for `GIVE_WAY_MS` at most: alerts keep their latency, and pages, not alerts, are what a busy hub slows.
 */
export function uiGate(limit: number, maxWaiting: number, givesWayTo?: Activity): MiddlewareHandler {
  let running = 0;
  const waiting: Array<() => void> = [];
  let turnScheduled = false;
  const letIn = () => {
    turnScheduled = false;
    while (running < limit && waiting.length > 0) {
      running += 1;
      waiting.shift()?.();
    }
  };
  const nextTurn = () => {
    if (turnScheduled || waiting.length === 0) return;
    turnScheduled = true;
    setImmediate(letIn);
  };
  return async (c, next) => {
    if (running + waiting.length >= limit + maxWaiting) {
      c.header("retry-after", "1");
      return c.text("The hub is busy with other pages: try again in a moment.", 503);
    }
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      nextTurn();
    });
    try {
      await givesWayTo?.quiet(GIVE_WAY_MS);
      await next();
    } finally {
      running -= 1;
      nextTurn();
    }
  };
}

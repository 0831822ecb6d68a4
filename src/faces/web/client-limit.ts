import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { Clock } from "../../shared/clock.js";
import { TokenBucket, type TokenBucketOptions } from "../../shared/token-bucket.js";

/** The most clients remembered at once; past it, the least recently seen is forgotten (its bucket full again). */
const MAX_CLIENTS = 10_000;

/** The request's TCP peer; undefined in process (tests, embedders), where there is no client to tell apart. */
export function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * Each client (by its address) `limit`'s requests: a burst of `capacity`, then `refillPerSecond`; beyond, 429 with
 * when to retry. What keeps one client (or an attacker) asking for costly pages from taking the hub's time from
 * everyone else, alert senders first. `what` names the requests in the refusal.
 */
export function perClientLimit(limit: TokenBucketOptions, clock: Clock, what: string): MiddlewareHandler {
  const buckets = new Map<string, TokenBucket>();
  return async (c, next) => {
    const client = remoteAddress(c);
    if (client === undefined) return next();
    let bucket = buckets.get(client);
    if (bucket) buckets.delete(client);
    else bucket = new TokenBucket(limit, clock);
    // Re-inserted: the map's order is the order clients were last seen in.
    buckets.set(client, bucket);
    if (buckets.size > MAX_CLIENTS) buckets.delete(buckets.keys().next().value as string);
    if (bucket.tryTake()) return next();
    const seconds = Math.max(1, Math.ceil(bucket.msUntilToken() / 1000));
    c.header("retry-after", String(seconds));
    return c.text(`Too many ${what} from this address: try again in ${seconds} s.`, 429);
  };
}

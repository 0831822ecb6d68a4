import { createHash } from "node:crypto";
import type { Clock } from "../shared/clock.js";
import { TokenBucket, type TokenBucketOptions } from "../shared/token-bucket.js";

/** incident.io's documented limit: a bucket of 1200 per API key refilling at 20/s. */
export const INCIDENT_IO_RATE_LIMIT: TokenBucketOptions = { capacity: 1200, refillPerSecond: 20 };

/**
 * Tokens of the burst the client keeps in hand. Its bucket starts when it is created, the server's when the first
 * request arrives; a first request slowed by a new connection lets a later one on a warm connection arrive before
 * the server has refilled. Holding back one token keeps the client one refill period behind the server, which
 * absorbs that jitter, at the cost of one request of burst.
 */
export const PACING_RESERVE = 1;

/**
 * Client-side pacing for one API key at one base URL. Every client in the process with the same key shares one,
 * because incident.io counts per key: two clients pacing separately would together exceed the limit.
 */
export class RateLimiter {
  private readonly bucket: TokenBucket;
  private pausedUntil = 0;

  constructor(
    options: TokenBucketOptions,
    private readonly clock: Clock,
  ) {
    this.bucket = new TokenBucket(
      { capacity: Math.max(1, options.capacity - PACING_RESERVE), refillPerSecond: options.refillPerSecond },
      clock,
    );
  }

  /** Waits out any pause, then for a token. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.pausedUntil - this.clock.now();
      if (wait <= 0) break;
      await this.clock.sleep(wait, signal);
    }
    await this.bucket.take(signal);
    // A 429 may have arrived while we queued for the token.
    const wait = this.pausedUntil - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait, signal);
  }

  /** After a 429: nobody using this key sends anything until incident.io said it would accept requests again. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }
}

// Keyed by clock first so tests with their own ManualClock never share state with each other or real programs.
const registry = new WeakMap<Clock, Map<string, RateLimiter>>();

/** The process-wide limiter for this key, base URL and limit. The key is hashed so it is never held as a map key. */
export function sharedRateLimiter(
  apiKey: string,
  baseUrl: string,
  options: TokenBucketOptions,
  clock: Clock,
): RateLimiter {
  let byKey = registry.get(clock);
  if (!byKey) {
    byKey = new Map();
    registry.set(clock, byKey);
  }
  const digest = createHash("sha256").update(apiKey).digest("hex");
  const id = `${digest}|${baseUrl}|${options.capacity}|${options.refillPerSecond}`;
  let limiter = byKey.get(id);
  if (!limiter) {
    limiter = new RateLimiter(options, clock);
    byKey.set(id, limiter);
  }
  return limiter;
}

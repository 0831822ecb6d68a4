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

/** What the transport waits on before each request, and tells of a 429's Retry-After. */
export interface RateGate {
  acquire(signal?: AbortSignal): Promise<void>;
  pause(ms: number): void;
  /** How long a 429's pause still holds every request back, when the gate can tell. */
  pausedForMs?(): number;
}

/**
 * Where rate gates come from when several processes use one API key: `bucket` names the key and base URL (by
 * digest, never the key itself) and its limit; every process asking for the same bucket must share one budget.
 */
export type RateGates = (bucket: string, options: TokenBucketOptions) => RateGate;

/**
 * Client-side pacing for one API key at one base URL. Every client in the process with the same key shares one,
 * because incident.io counts per key: two clients pacing separately would together exceed the limit.
 */
export class RateLimiter implements RateGate {
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

  pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  /** After a 429: nobody using this key sends anything until incident.io said it would accept requests again. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }
}

// Keyed by clock first so tests with their own ManualClock never share state with each other or real programs.
const registry = new WeakMap<Clock, Map<string, RateLimiter>>();

/**
 * The limiter for this key, base URL and limit: from `gates` when processes share the key, else the one of this
 * process. The key is hashed so it is never held as a map key.
 */
export function sharedRateLimiter(
  apiKey: string,
  baseUrl: string,
  options: TokenBucketOptions,
  clock: Clock,
  gates?: RateGates,
): RateGate {
  const id = bucketId(apiKey, baseUrl, options);
  if (gates) return gates(id, options);
  let byKey = registry.get(clock);
  if (!byKey) {
    byKey = new Map();
    registry.set(clock, byKey);
  }
  let limiter = byKey.get(id);
  if (!limiter) {
    limiter = new RateLimiter(options, clock);
    byKey.set(id, limiter);
  }
  return limiter;
}

/** The bucket's name: the API key's digest, the base URL and the limit. */
export function bucketId(apiKey: string, baseUrl: string, options: TokenBucketOptions): string {
  const digest = createHash("sha256").update(apiKey).digest("hex");
  return `${digest}|${baseUrl}|${options.capacity}|${options.refillPerSecond}`;
}

import type { Clock } from "../shared/clock.js";
import { TokenBucket } from "../shared/token-bucket.js";
import { ApiError } from "./errors.js";

export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 1200, refillPerSecond: 20 };

/** incident.io's per-API-key token bucket, with the X-RateLimit-* headers it sends (reference/api.md §3.2). */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    readonly options: RateLimitOptions,
    private readonly clock: Clock,
  ) {}

  private bucket(keyId: string): TokenBucket {
    let bucket = this.buckets.get(keyId);
    if (!bucket) {
      bucket = new TokenBucket(this.options, this.clock);
      this.buckets.set(keyId, bucket);
    }
    return bucket;
  }

  /** Takes a token for the key; returns the headers to send, or throws the 429 when the bucket is empty. */
  take(keyId: string, keyName: string): Record<string, string> {
    const bucket = this.bucket(keyId);
    const allowed = bucket.tryTake();
    const headers = this.headers(bucket);
    if (allowed) return headers;
    const waitMs = Math.max(1, bucket.msUntilToken());
    throw tooManyRequests(waitMs, this.clock, headers, {
      name: keyName,
      limit: this.options.capacity,
      remaining: 0,
    });
  }

  /**
   * The headers of a fault-injected 429 that lasts `throttledMs` more: those of an empty bucket that starts to
   * refill when the throttle ends, so a client reads the same X-RateLimit-* headers as on a real one.
   */
  throttledHeaders(throttledMs: number): Record<string, string> {
    const { capacity, refillPerSecond } = this.options;
    const fullAfterMs = throttledMs + (capacity / refillPerSecond) * 1000;
    return {
      "X-RateLimit-Limit": this.limitHeader(),
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Used": String(capacity),
      "X-RateLimit-Reset": String(Math.ceil((this.clock.now() + fullAfterMs) / 1000)),
    };
  }

  /** Empties every bucket, so the next requests see a real 429 burst. */
  drainAll(): void {
    for (const bucket of this.buckets.values()) bucket.drain();
  }

  private headers(bucket: TokenBucket): Record<string, string> {
    const { capacity } = this.options;
    const remaining = Math.floor(bucket.available());
    return {
      "X-RateLimit-Limit": this.limitHeader(),
      "X-RateLimit-Remaining": String(remaining),
      "X-RateLimit-Used": String(capacity - remaining),
      "X-RateLimit-Reset": String(Math.ceil((this.clock.now() + bucket.msUntilFull()) / 1000)),
    };
  }

  private limitHeader(): string {
    const { capacity, refillPerSecond } = this.options;
    return `${capacity}, ${capacity};window=${Math.round(capacity / refillPerSecond)}`;
  }
}

export function tooManyRequests(
  waitMs: number,
  clock: Clock,
  headers: Record<string, string>,
  limit: { name: string; limit: number; remaining: number },
): ApiError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const retryAt = new Date(clock.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return new ApiError(
    429,
    "too_many_requests",
    [
      {
        code: "too_many_requests",
        message:
          "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
      },
    ],
    { ...headers, "Retry-After": String(seconds) },
    { ...limit, retry_after: retryAt },
  );
}

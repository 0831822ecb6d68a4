import type { Clock } from "./clock.js";

export interface TokenBucketOptions {
  /** Most tokens the bucket holds (the burst). incident.io: 1200 per API key. */
  capacity: number;
  /** Tokens added per second, continuously. incident.io: 20/s. */
  refillPerSecond: number;
}

/**
 * A continuously refilling token bucket, the model incident.io documents for its rate limit.
 * Used by the emulator to enforce the limit and by the client to stay under it.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly options: TokenBucketOptions,
    private readonly clock: Clock,
  ) {
    this.tokens = options.capacity;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.options.capacity, this.tokens + elapsed * this.options.refillPerSecond);
    this.last = now;
  }

  /** Tokens available now (fractional). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Takes one token if there is one; returns whether it did. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until one whole token is available (0 if one is). */
  msUntilToken(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.options.refillPerSecond) * 1000);
  }

  /** Milliseconds until the bucket is full again. */
  msUntilFull(): number {
    this.refill();
    return Math.ceil(((this.options.capacity - this.tokens) / this.options.refillPerSecond) * 1000);
  }

  /** Empties the bucket (used by fault injection to simulate a 429 burst). */
  drain(): void {
    this.refill();
    this.tokens = 0;
  }

  /**
   * Waits until a token is available and takes it. Callers queue in order of arrival,
   * so a burst of concurrent requests is paced rather than stampeding.
   */
  async take(signal?: AbortSignal): Promise<void> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      for (;;) {
        if (this.tryTake()) return;
        await this.clock.sleep(this.msUntilToken(), signal);
      }
    } finally {
      release();
    }
  }

  private queue: Promise<void> = Promise.resolve();
}

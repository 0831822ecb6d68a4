import type { Clock } from "../shared/clock.js";

export interface FaultSettings {
  /** 0..1: fraction of API requests answered with a 5xx api_error BEFORE any work (no write happens). */
  errorRate: number;
  /** 0..1: fraction of requests fully processed (writes committed) whose answer is then replaced by a 502. */
  lostResponseRate: number;
  /** Added delay per request. */
  latencyMs: number;
  /** Epoch ms; until then every API request gets 429 with Retry-After (a "429 burst"). */
  throttleUntil: number;
}

export const NO_FAULTS: FaultSettings = { errorRate: 0, lostResponseRate: 0, latencyMs: 0, throttleUntil: 0 };

/** Fault injection switched at run time, in-process or over the admin routes. */
export class FaultController {
  private settings: FaultSettings;

  constructor(
    private readonly clock: Clock,
    initial: Partial<FaultSettings> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.settings = { ...NO_FAULTS, ...initial };
  }

  get(): FaultSettings {
    return { ...this.settings };
  }

  set(partial: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...partial };
  }

  clear(): void {
    this.settings = { ...NO_FAULTS };
  }

  throttleFor(ms: number): void {
    this.settings = { ...this.settings, throttleUntil: this.clock.now() + ms };
  }

  /** Milliseconds of throttling left, 0 when not throttled. */
  throttledFor(): number {
    return Math.max(0, this.settings.throttleUntil - this.clock.now());
  }

  shouldFail(): boolean {
    return this.settings.errorRate > 0 && this.random() < this.settings.errorRate;
  }

  shouldLoseResponse(): boolean {
    return this.settings.lostResponseRate > 0 && this.random() < this.settings.lostResponseRate;
  }
}

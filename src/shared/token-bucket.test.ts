import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock.js";
import { TokenBucket } from "./token-bucket.js";

describe("TokenBucket", () => {
  it("allows a full burst, then refills continuously", () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 2 }, clock);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.msUntilToken()).toBe(500);
    clock.advance(500);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(10_000);
    expect(bucket.available()).toBe(3);
  });

  it("paces waiting callers at the refill rate", async () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 10 }, clock);
    for (let i = 0; i < 12; i++) await bucket.take();
    // 2 from the burst, 10 more at 10/s: one second of clock time.
    expect(clock.now()).toBe(1000);
  });
});

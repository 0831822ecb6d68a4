import { describe, expect, it } from "vitest";
import { backoffMs } from "./backoff.js";

describe("backoffMs", () => {
  it("doubles from the base up to the cap, full jitter anywhere below the ceiling", () => {
    const full = { baseMs: 500, capMs: 3000, jitter: "full" } as const;
    expect([1, 2, 3, 4].map((a) => backoffMs(a, full, () => 0.999))).toEqual([499, 999, 1998, 2997]);
    expect(backoffMs(3, full, () => 0)).toBe(0);
  });

  it("keeps equal jitter in the upper half of the ceiling", () => {
    const equal = { baseMs: 1000, capMs: 300_000, jitter: "equal" } as const;
    expect([1, 2, 3].map((a) => backoffMs(a, equal, () => 0))).toEqual([500, 1000, 2000]);
    expect(backoffMs(3, equal, () => 0.5)).toBe(3000);
    expect(backoffMs(40, equal, () => 0.999_999)).toBeCloseTo(300_000, 0);
  });

  it("waits the ceiling itself without jitter, and never Infinity however many attempts", () => {
    const none = { baseMs: 1000, capMs: 60_000, jitter: "none" } as const;
    expect([1, 2, 3, 7, 8].map((a) => backoffMs(a, none))).toEqual([1000, 2000, 4000, 60_000, 60_000]);
    expect(backoffMs(5000, none)).toBe(60_000);
    expect(backoffMs(0, none)).toBe(1000);
  });
});

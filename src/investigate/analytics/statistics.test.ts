import { describe, expect, it } from "vitest";
import { humanDuration, median, nearestRank, timeToResolve } from "./statistics.js";

const HOUR = 3600;

describe("timeToResolve", () => {
  it("gives mean, median and p95 of an odd count", () => {
    // 1 + 2 + 3 + 4 + 10 = 20 hours over 5: mean 4h; middle of five: 3h; rank ⌈0.95 × 5⌉ = 5: 10h.
    expect(timeToResolve([10, 1, 4, 2, 3].map((h) => h * HOUR))).toEqual({
      meanSeconds: 4 * HOUR,
      medianSeconds: 3 * HOUR,
      p95Seconds: 10 * HOUR,
    });
  });

  it("takes the mean of the middle two for an even count", () => {
    // (1 + 2 + 3 + 10) / 4 = 4h; middle two 2h and 3h: 2.5h.
    expect(timeToResolve([1, 2, 3, 10].map((h) => h * HOUR))).toEqual({
      meanSeconds: 4 * HOUR,
      medianSeconds: 2.5 * HOUR,
      p95Seconds: 10 * HOUR,
    });
  });

  it("has no figures without resolved incidents, and one incident's time for one", () => {
    expect(timeToResolve([])).toEqual({ meanSeconds: null, medianSeconds: null, p95Seconds: null });
    expect(timeToResolve([90])).toEqual({ meanSeconds: 90, medianSeconds: 90, p95Seconds: 90 });
  });
});

describe("nearestRank", () => {
  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it("is the value at rank ⌈0.95 × n⌉ of the sorted values", () => {
    expect(nearestRank(upTo(19), 0.95)).toBe(19); // ⌈18.05⌉ = 19: the largest
    expect(nearestRank(upTo(20), 0.95)).toBe(19); // ⌈19⌉ = 19: below the largest
    expect(nearestRank(upTo(21), 0.95)).toBe(20); // ⌈19.95⌉ = 20
    expect(nearestRank(upTo(40), 0.95)).toBe(38); // ⌈38⌉ = 38
    expect(nearestRank(upTo(3), 0.5)).toBe(2);
    expect(nearestRank([], 0.95)).toBeNull();
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the middle two", () => {
    expect(median([1, 5, 100])).toBe(5);
    expect(median([1, 5, 7, 100])).toBe(6);
    expect(median([])).toBeNull();
  });
});

describe("humanDuration", () => {
  it("writes seconds the way a person reads them", () => {
    expect(humanDuration(4 * HOUR + 12 * 60)).toBe("4h 12m");
    expect(humanDuration(45)).toBe("45s");
    expect(humanDuration(3 * 24 * HOUR + 4 * HOUR)).toBe("3d 4h");
    expect(humanDuration(null)).toBeNull();
  });
});

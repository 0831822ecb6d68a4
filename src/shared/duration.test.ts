import { describe, expect, it } from "vitest";
import { DURATION_HINT, formatDuration, formatElapsed, parseDuration } from "./duration.js";

describe("the duration grammar", () => {
  it("reads a whole number and one of s, m, h, d, w, spaces around ignored", () => {
    expect(["30s", "15m", "2h", "1d", "2w", " 90d ", "999999s"].map(parseDuration)).toEqual([
      30_000, 900_000, 7_200_000, 86_400_000, 1_209_600_000, 7_776_000_000, 999_999_000,
    ]);
  });

  it("refuses zero, bare numbers, other units, compound, fractional and signed forms", () => {
    const refused = [
      "0m",
      "15",
      "15 minutes",
      "1mo",
      "1y",
      "1h30m",
      "1.5h",
      "-5m",
      "+5m",
      "5M",
      "",
      "1000000s",
    ];
    expect(refused.map(parseDuration)).toEqual(Array(refused.length).fill(undefined));
  });

  it("has one hint, naming every unit by example", () => {
    for (const unit of ["s", "m", "h", "d", "w"]) expect(DURATION_HINT).toMatch(new RegExp(`\\d${unit}\\b`));
  });
});

describe("formatting durations", () => {
  it("writes a setting back exactly, in the largest unit up to days that fits", () => {
    expect([900_000, 7_200_000, 86_400_000, 90_000, 1_209_600_000].map(formatDuration)).toEqual([
      "15m",
      "2h",
      "1d",
      "90s",
      "14d",
    ]);
    for (const text of ["45s", "15m", "36h", "90d"])
      expect(formatDuration(parseDuration(text) ?? 0)).toBe(text);
  });

  it("writes a span compactly in at most two units, rounded down unless asked", () => {
    expect([45_000, 270_000, 7_500_000, 97_200_000, -5, 500].map((ms) => formatElapsed(ms))).toEqual([
      "45s",
      "4m",
      "2h 5m",
      "1d 3h",
      "0s",
      "0s",
    ]);
    expect(formatElapsed(59_600)).toBe("59s");
    expect(formatElapsed(59_600, { round: "nearest" })).toBe("1m");
    expect(formatElapsed(Number.POSITIVE_INFINITY)).toBe("forever");
  });

  it("writes a span in words within a sentence of hours", () => {
    const words = { largest: "h", style: "words" } as const;
    expect(
      [25 * 60_000, 2 * 3_600_000, 190 * 60_000, 50 * 3_600_000 + 60_000].map((ms) =>
        formatElapsed(ms, words),
      ),
    ).toEqual(["25 min", "2 h", "3 h 10 min", "50 h 1 min"]);
  });
});

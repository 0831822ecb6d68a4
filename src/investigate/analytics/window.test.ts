import { describe, expect, it } from "vitest";
import { AnalyticsInputError, inWindow, parseInstant, windowOf } from "./window.js";

const now = Date.parse("2026-06-15T12:00:00Z");
const DAY = 86_400_000;

describe("windowOf", () => {
  it("ends now and starts --since before, 90 days unless told", () => {
    expect(windowOf({}, now, "90d")).toEqual({ fromMs: now - 90 * DAY, toMs: now });
    expect(windowOf({ since: "2w" }, now, "90d")).toEqual({ fromMs: now - 14 * DAY, toMs: now });
    expect(windowOf({ since: "36h" }, now, "90d").fromMs).toBe(now - 36 * 3_600_000);
  });

  it("takes --from and --to as UTC dates or zoned date-times, --since counting back from --to", () => {
    expect(windowOf({ from: "2026-01-01", to: "2026-04-01" }, now, "90d")).toEqual({
      fromMs: Date.parse("2026-01-01T00:00:00Z"),
      toMs: Date.parse("2026-04-01T00:00:00Z"),
    });
    expect(windowOf({ since: "1d", to: "2026-04-01T12:00:00+02:00" }, now, "90d")).toEqual({
      fromMs: Date.parse("2026-03-31T10:00:00Z"),
      toMs: Date.parse("2026-04-01T10:00:00Z"),
    });
  });

  it("refuses what it cannot read, both starts at once, and an empty window", () => {
    expect(() => windowOf({ since: "90" }, now, "90d")).toThrow(
      '--since: expected a duration like 30s, 15m, 2h, 1d or 2w; got "90"',
    );
    expect(() => windowOf({ since: "0d" }, now, "90d")).toThrow(AnalyticsInputError);
    expect(() => windowOf({ from: "yesterday" }, now, "90d")).toThrow(/--from takes a date/);
    expect(() => windowOf({ from: "2026-01-01T09:00:00" }, now, "90d")).toThrow(/with its zone/);
    expect(() => windowOf({ since: "1d", from: "2026-01-01" }, now, "90d")).toThrow(/not both/);
    expect(() => windowOf({ from: "2026-04-01", to: "2026-04-01" }, now, "90d")).toThrow(/window is empty/);
  });
});

describe("inWindow", () => {
  it("includes the start and excludes the end", () => {
    const window = { fromMs: 1000, toMs: 2000 };
    expect([999, 1000, 1999, 2000].map((ms) => inWindow(window, ms))).toEqual([false, true, true, false]);
  });
});

describe("parsers", () => {
  it("reads --since in the one duration grammar, minutes and weeks alike", () => {
    expect(windowOf({ since: " 90d " }, now, "90d").fromMs).toBe(now - 90 * DAY);
    expect(windowOf({ since: "30m" }, now, "90d").fromMs).toBe(now - 30 * 60_000);
    expect(windowOf({ since: "2w" }, now, "90d").fromMs).toBe(now - 14 * DAY);
  });

  it("reads instants, nothing else", () => {
    expect(parseInstant("2026-02-30")).toBeUndefined();
    expect(parseInstant("2026-02-03T04:05Z")).toBe(Date.parse("2026-02-03T04:05:00Z"));
  });
});

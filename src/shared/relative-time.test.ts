import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time.js";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("relativeTime", () => {
  it("says how long ago in the largest whole unit", () => {
    expect(relativeTime(ago(20_000), NOW)).toBe("just now");
    expect(relativeTime(ago(5 * MINUTE + 59_000), NOW)).toBe("5m ago");
    expect(relativeTime(ago(3 * HOUR + 10 * MINUTE), NOW)).toBe("3h ago");
    expect(relativeTime(ago(DAY), NOW)).toBe("1d ago");
    expect(relativeTime(ago(45 * DAY), NOW)).toBe("1mo ago");
    expect(relativeTime(ago(800 * DAY), NOW)).toBe("2y ago");
  });

  it("says how far ahead a future time is", () => {
    expect(relativeTime(new Date(NOW + 2 * HOUR + 5 * MINUTE).toISOString(), NOW)).toBe("in 2h");
  });

  it("reads dates with an offset, and dates without a time", () => {
    expect(relativeTime("2026-03-10T13:00:00+02:00", NOW)).toBe("1h ago");
    expect(relativeTime("2026-03-08", NOW)).toBe("2d ago");
  });

  it("returns text that is not a date as it is, and nothing for no date", () => {
    expect(relativeTime("soon", NOW)).toBe("soon");
    expect(relativeTime(undefined, NOW)).toBe("");
    expect(relativeTime("", NOW)).toBe("");
  });
});

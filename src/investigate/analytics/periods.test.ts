import { describe, expect, it } from "vitest";
import { periodKey, periodStart, periodsOf } from "./periods.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("periodKey", () => {
  it("names calendar months and ISO weeks in UTC", () => {
    expect(periodKey(at("2026-06-30T23:59:59.999Z"), "month")).toBe("2026-06");
    expect(periodKey(at("2026-07-01T00:00:00Z"), "month")).toBe("2026-07");
    // 2026-06-01 is a Monday: week 23 starts there; the Sunday before is still week 22.
    expect(periodKey(at("2026-06-01T00:00:00Z"), "week")).toBe("2026-W23");
    expect(periodKey(at("2026-05-31T23:59:59Z"), "week")).toBe("2026-W22");
  });

  it("gives a week across New Year the year of its Thursday", () => {
    // Thursday 2026-01-01: its week, from Monday 2025-12-29, is 2026-W01.
    expect(periodKey(at("2025-12-29T00:00:00Z"), "week")).toBe("2026-W01");
    expect(iso(periodStart(at("2026-01-01T10:00:00Z"), "week"))).toBe("2025-12-29T00:00:00.000Z");
    // Friday 2027-01-01 belongs to the last week of 2026, its 53rd.
    expect(periodKey(at("2027-01-01T00:00:00Z"), "week")).toBe("2026-W53");
  });
});

describe("periodsOf", () => {
  it("lists every period the window touches, the first and last cut to it", () => {
    const periods = periodsOf(
      { fromMs: at("2025-11-20T00:00:00Z"), toMs: at("2026-02-10T12:00:00Z") },
      "month",
    );
    expect(periods.map((p) => [p.key, iso(p.fromMs), iso(p.toMs), p.partial])).toEqual([
      ["2025-11", "2025-11-20T00:00:00.000Z", "2025-12-01T00:00:00.000Z", true],
      ["2025-12", "2025-12-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", false],
      ["2026-01", "2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", false],
      ["2026-02", "2026-02-01T00:00:00.000Z", "2026-02-10T12:00:00.000Z", true],
    ]);
  });

  it("does not open a period at the window's exclusive end", () => {
    const weeks = periodsOf({ fromMs: at("2026-06-03T00:00:00Z"), toMs: at("2026-06-15T00:00:00Z") }, "week");
    expect(weeks.map((p) => p.key)).toEqual(["2026-W23", "2026-W24"]);
  });
});

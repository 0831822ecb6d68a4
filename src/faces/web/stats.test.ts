import { describe, expect, it } from "vitest";
import { incidentsPerMonth, mttrSummary } from "./stats.js";

const now = Date.parse("2026-11-15T12:00:00Z");
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const major = { name: "Major", rank: 2 };
const severities = [major, { name: "Minor", rank: 1 }];

describe("incidentsPerMonth", () => {
  it("counts the last six calendar months by severity, empty months included", () => {
    const series = incidentsPerMonth(
      [
        { createdAt: "2026-11-01T00:00:00Z", resolvedAt: null, severity: major },
        { createdAt: "2026-11-14T00:00:00Z", resolvedAt: null, severity: major },
        { createdAt: "2026-06-30T23:59:59Z", resolvedAt: null, severity: null },
        { createdAt: "2026-05-31T23:59:59Z", resolvedAt: null, severity: major },
      ],
      severities,
      now,
    );
    expect(series.months.map((m) => m.month)).toEqual([
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    expect(series.months.map((m) => m.counts)).toEqual([{ "No severity": 1 }, {}, {}, {}, {}, { Major: 2 }]);
    expect(series.severities.map((s) => s.name)).toEqual(["Minor", "Major"]);
  });

  it("crosses a year boundary", () => {
    const series = incidentsPerMonth([], severities, Date.parse("2026-02-10T00:00:00Z"));
    expect(series.months.map((m) => m.month)).toEqual([
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
  });
});

describe("mttrSummary", () => {
  const resolvedAfter = (hours: number, daysAgo = 1) => ({
    createdAt: new Date(now - daysAgo * DAY - hours * HOUR).toISOString(),
    resolvedAt: new Date(now - daysAgo * DAY).toISOString(),
    severity: major,
  });

  it("gives mean, median and p95 of the time to resolve in the window", () => {
    const incidents = [1, 2, 3, 4, 10].map((hours) => resolvedAfter(hours));
    const summary = mttrSummary(
      [
        ...incidents,
        resolvedAfter(100, 120),
        { createdAt: new Date(now - DAY).toISOString(), resolvedAt: null, severity: null },
      ],
      now,
      90,
    );
    expect(summary).toEqual({
      windowDays: 90,
      resolved: 5,
      open: 1,
      meanSeconds: 4 * 3600,
      medianSeconds: 3 * 3600,
      p95Seconds: 10 * 3600,
    });
  });

  it("averages the middle two for an even count, and has no figures without resolved incidents", () => {
    expect(
      mttrSummary(
        [1, 2, 3, 4].map((h) => resolvedAfter(h)),
        now,
      ).medianSeconds,
    ).toBe(2.5 * 3600);
    expect(mttrSummary([], now)).toMatchObject({
      resolved: 0,
      meanSeconds: null,
      medianSeconds: null,
      p95Seconds: null,
    });
  });
});

import { describe, expect, it } from "vitest";
import { incidentCounts } from "./counts.js";
import { CRITICAL, incidentAt, MAJOR, MINOR } from "./testing.js";

const now = Date.parse("2026-06-15T12:00:00Z");
const at = (iso: string) => Date.parse(iso);

describe("incidentCounts", () => {
  it("counts incidents per month by severity, open ones too, every month present", () => {
    const report = incidentCounts(
      [
        incidentAt("a", at("2026-04-02T00:00:00Z"), 1, { severity: CRITICAL }),
        incidentAt("b", at("2026-04-30T23:59:59Z"), 1),
        incidentAt("c", at("2026-04-10T00:00:00Z"), null),
        incidentAt("d", at("2026-06-14T00:00:00Z"), 2, { severity: null }),
        incidentAt("test", at("2026-04-10T00:00:00Z"), 1, { mode: "test" }),
        incidentAt("before", at("2026-03-31T23:59:59Z"), 1),
      ],
      { by: "month", window: { fromMs: at("2026-04-01T00:00:00Z"), toMs: now }, now, severities: [MINOR] },
    );
    expect(report.rows.map((r) => [r.period, r.total, r.open, r.bySeverity])).toEqual([
      ["2026-04", 3, 1, { Critical: 1, Major: 2 }],
      ["2026-05", 0, 0, {}],
      ["2026-06", 1, 0, { "No severity": 1 }],
    ]);
    expect(report.total).toBe(4);
    expect(report.excluded).toBe(1);
    expect(report.severities).toEqual([
      { name: "Critical", rank: 3, priority: "P0" },
      { name: "Major", rank: 2, priority: "P1" },
      { name: "Minor", rank: 1, priority: "P2" },
    ]);
  });

  it("counts per ISO week", () => {
    const report = incidentCounts([incidentAt("x", at("2026-06-14T23:00:00Z"), 1, { severity: MAJOR })], {
      by: "week",
      window: { fromMs: at("2026-06-01T00:00:00Z"), toMs: now },
      now,
    });
    expect(report.rows.map((r) => [r.period, r.total])).toEqual([
      ["2026-W23", 0],
      ["2026-W24", 1],
      ["2026-W25", 0],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { chartGeometry, chartSummary, IncidentsChart, niceCeiling } from "./chart.js";
import type { MonthlyIncidents } from "./model.js";

const severities = [
  { name: "Minor", rank: 1 },
  { name: "Major", rank: 2 },
  { name: "Critical", rank: 3 },
];

const data: MonthlyIncidents = {
  severities,
  months: [
    { month: "2026-06", counts: { Minor: 2 } },
    { month: "2026-07", counts: {} },
    { month: "2026-08", counts: { Major: 1, Critical: 1 } },
    { month: "2026-09", counts: {} },
    { month: "2026-10", counts: { Minor: 1, Major: 2, Critical: 1 } },
    { month: "2026-11", counts: { "No severity": 1 } },
  ],
};

describe("chartGeometry", () => {
  const geometry = chartGeometry(data);

  it("draws every month, empty ones included, in order", () => {
    expect(geometry.bars.map((bar) => bar.label)).toEqual(["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]);
    expect(geometry.bars.map((bar) => bar.total)).toEqual([2, 0, 2, 0, 4, 1]);
    expect(geometry.bars[1]?.segments).toEqual([]);
    const xs = geometry.bars.map((bar) => bar.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it("makes bar heights proportional to the counts, on a round axis", () => {
    expect(geometry.max).toBe(5);
    const height = (month: number) =>
      geometry.bars[month]?.segments.reduce((sum, segment) => sum + segment.height, 0) ?? 0;
    expect(height(4)).toBeCloseTo(2 * height(0), 0);
    expect(height(0)).toBeCloseTo(2 * height(5), 0);
    const full = geometry.baseline - (geometry.ticks.at(-1)?.y ?? 0);
    expect(height(4)).toBeCloseTo((4 / 5) * full, 0);
  });

  it("stacks the most severe at the bottom, each segment on the one below", () => {
    const october = geometry.bars[4]?.segments ?? [];
    expect(october.map((s) => s.severity)).toEqual(["Critical", "Major", "Minor"]);
    expect(october.map((s) => s.tone)).toEqual([4, 3, 2]);
    let bottom = geometry.baseline;
    for (const segment of october) {
      expect(segment.y + segment.height).toBeCloseTo(bottom, 0);
      bottom = segment.y;
    }
  });

  it("rounds the axis up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 2, 3, 6, 11, 40, 51].map(niceCeiling)).toEqual([1, 1, 2, 5, 10, 20, 50, 100]);
  });
});

describe("IncidentsChart", () => {
  it("is an accessible image that says the data in words", () => {
    const html = String(IncidentsChart({ data }));
    expect(html).toContain('role="img"');
    const summary = chartSummary(chartGeometry(data));
    expect(summary).toBe(
      "Incidents per month, June 2026 to November 2026, 9 in all. Jun: 2 (2 Minor); Jul: 0; Aug: 2 (1 Critical, 1 Major); " +
        "Sep: 0; Oct: 4 (1 Critical, 2 Major, 1 Minor); Nov: 1 (1 No severity).",
    );
    expect(html).toContain(`aria-label="${summary}"`);
  });

  it("gives each bar a hover title, labels the months and names the severities in a legend", () => {
    const html = String(IncidentsChart({ data }));
    expect(html).toContain("<title>October 2026: 4 incidents (1 Critical, 2 Major, 1 Minor)</title>");
    expect(html).toContain("<title>July 2026: 0</title>");
    for (const month of ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"])
      expect(html).toContain(`>${month}</text>`);
    expect(html.match(/<li>.*?<\/li>/g)?.map((item) => item.replace(/<[^>]+>/g, ""))).toEqual([
      "Critical",
      "Major",
      "Minor",
      "No severity",
    ]);
  });

  it("still draws six labelled months when there were no incidents", () => {
    const empty = { severities, months: data.months.map((m) => ({ month: m.month, counts: {} })) };
    const html = String(IncidentsChart({ data: empty }));
    expect(html).not.toContain("<rect");
    expect(html.match(/class="month"/g)).toHaveLength(6);
    expect(html).toContain("0 in all");
  });
});

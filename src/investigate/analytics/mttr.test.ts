import { describe, expect, it } from "vitest";
import { mttrOf, mttrReport } from "./mttr.js";
import { parsePriorityConfig } from "./priority.js";
import { CRITICAL, DAY_MS, HOUR_MS, incidentAt, MAJOR, MINOR, type TestIncident } from "./testing.js";

const now = Date.parse("2026-06-15T12:00:00Z");
const window = { fromMs: now - 90 * DAY_MS, toMs: now };
const daysAgo = (days: number) => now - days * DAY_MS;

describe("which incidents count", () => {
  it("takes incidents created in the window, resolved ones for the figures and open ones as open", () => {
    const figures = mttrOf(
      [
        incidentAt("a", daysAgo(10), 1),
        incidentAt("b", daysAgo(20), 3),
        incidentAt("open", daysAgo(1), null),
        incidentAt("too old", daysAgo(91), 1),
      ],
      window,
      now,
    );
    expect(figures).toMatchObject({ resolved: 2, open: 1, meanSeconds: 2 * 3600, mean: "2h" });
  });

  it("includes an incident created at the window's start and leaves out one created at its end", () => {
    const figures = mttrOf(
      [incidentAt("first", window.fromMs, 2), incidentAt("at the end", window.toMs, 5)],
      { fromMs: window.fromMs, toMs: window.toMs },
      now + DAY_MS,
    );
    expect(figures).toMatchObject({ resolved: 1, meanSeconds: 2 * 3600 });
  });

  it("counts an incident resolved after `now` as open: the figures are as of now", () => {
    const figures = mttrOf([incidentAt("resolves later", now - HOUR_MS, 2)], window, now);
    expect(figures).toMatchObject({ resolved: 0, open: 1, meanSeconds: null, mean: null });
  });

  it("leaves out test and tutorial incidents and declined, merged or canceled ones, and says how many", () => {
    const report = mttrReport(
      [
        incidentAt("real", daysAgo(5), 4),
        incidentAt("test", daysAgo(5), 100, { mode: "test" }),
        incidentAt("tutorial", daysAgo(5), 100, { mode: "tutorial" }),
        incidentAt("declined", daysAgo(5), null, { category: "declined" }),
        incidentAt("merged", daysAgo(5), null, { category: "merged" }),
        incidentAt("canceled", daysAgo(5), null, { category: "canceled" }),
        incidentAt("retrospective", daysAgo(5), 2, { mode: "retrospective" }),
      ],
      { by: "severity", window, now },
    );
    expect(report.all).toMatchObject({ resolved: 2, open: 0, meanSeconds: 3 * 3600 });
    expect(report.excluded).toBe(5);
  });
});

describe("by severity", () => {
  const incidents: TestIncident[] = [
    ...[1, 2, 3, 4, 10].map((h, i) => incidentAt(`major ${i}`, daysAgo(i + 1), h)),
    incidentAt("major open", daysAgo(2), null),
    ...[0.5, 1.5].map((h, i) => incidentAt(`critical ${i}`, daysAgo(i + 3), h, { severity: CRITICAL })),
    incidentAt("unknown severity", daysAgo(4), 6, { severity: null }),
  ];

  it("gives each severity's figures, most severe first, with its priority", () => {
    const report = mttrReport(incidents, { by: "severity", window, now });
    expect(
      report.rows.map((r) => [r.label, r.priority, r.resolved, r.open, r.mean, r.median, r.p95]),
    ).toEqual([
      ["Critical", "P0", 2, 0, "1h", "1h", "1h 30m"],
      ["Major", "P1", 5, 1, "4h", "3h", "10h"],
      ["No severity", null, 1, 0, "6h", "6h", "6h"],
    ]);
    expect(report.rows[1]).toMatchObject({
      meanSeconds: 4 * 3600,
      medianSeconds: 3 * 3600,
      p95Seconds: 36_000,
    });
    // Every incident once: 2 + 5 + 1 resolved, (0.5 + 1.5 + 20 + 6) / 8 = 3.5h.
    expect(report.all).toMatchObject({ resolved: 8, open: 1, meanSeconds: 3.5 * 3600 });
    expect(report.priorities?.source).toBe("by-name");
  });

  it("shows configured priorities", () => {
    const priorities = parsePriorityConfig({ Critical: "P1", major: "P2" });
    const report = mttrReport(incidents, { by: "severity", window, now, priorities });
    expect(report.rows.map((r) => r.priority)).toEqual(["P1", "P2", null]);
  });
});

describe("by service and team, through the catalog", () => {
  const checkoutOutage = incidentAt("checkout and payments", daysAgo(3), 2);
  const paymentsSlow = incidentAt("payments slow", daysAgo(4), 4);
  const searchDown = incidentAt("search down", daysAgo(5), null, { severity: MINOR });
  const orphan = incidentAt("no service", daysAgo(6), 8);
  const incidents = [checkoutOutage, paymentsSlow, searchDown, orphan];
  const services = {
    entities: [
      {
        ref: "component:default/payments-api",
        name: "payments-api",
        title: "Payments API",
        owner: "group:default/payments",
      },
      { ref: "component:default/checkout", name: "checkout", owner: "group:default/payments" },
      { ref: "component:default/search", name: "search", owner: "group:default/discovery" },
      { ref: "group:default/payments", name: "payments", displayName: "Payments team" },
    ],
    byEntity: new Map([
      ["component:default/payments-api", [checkoutOutage, paymentsSlow]],
      ["component:default/checkout", [checkoutOutage]],
      ["component:default/search", [searchDown]],
    ]),
  };

  it("counts an incident once for each service it maps to; unmapped ones under (no service)", () => {
    const report = mttrReport(incidents, { by: "service", window, now, services });
    expect(report.rows.map((r) => [r.key, r.label, r.resolved, r.open, r.mean])).toEqual([
      ["component:default/payments-api", "Payments API", 2, 0, "3h"],
      ["component:default/checkout", "checkout", 1, 0, "2h"],
      ["component:default/search", "search", 0, 1, null],
      ["(no service)", "(no service)", 1, 0, "8h"],
    ]);
    expect(report.all).toMatchObject({ resolved: 3, open: 1 });
  });

  it("groups by the services' owner, once per team, naming a Group by its display name", () => {
    const report = mttrReport(incidents, { by: "team", window, now, services });
    expect(report.rows.map((r) => [r.key, r.label, r.resolved, r.open, r.mean])).toEqual([
      ["group:default/payments", "Payments team", 2, 0, "3h"],
      ["group:default/discovery", "discovery", 0, 1, null],
      ["(no team)", "(no team)", 1, 0, "8h"],
    ]);
  });
});

describe("by period", () => {
  it("buckets by the month created, every month of the window present", () => {
    const report = mttrReport(
      [
        incidentAt("march", Date.parse("2026-03-31T23:00:00Z"), 3),
        incidentAt("late march", Date.parse("2026-03-20T00:00:00Z"), 1),
        incidentAt("june", Date.parse("2026-06-01T00:00:00Z"), 48, { severity: MAJOR }),
      ],
      { by: "month", window: { fromMs: Date.parse("2026-03-17T12:00:00Z"), toMs: now }, now },
    );
    expect(report.rows.map((r) => [r.key, r.resolved, r.mean])).toEqual([
      ["2026-03", 2, "2h"],
      ["2026-04", 0, null],
      ["2026-05", 0, null],
      ["2026-06", 1, "2d"],
    ]);
    expect(report.rows[0]).toMatchObject({
      from: "2026-03-17T12:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
    });
  });

  it("buckets by ISO week", () => {
    const report = mttrReport([incidentAt("monday", Date.parse("2026-06-08T00:00:00Z"), 1)], {
      by: "week",
      window: { fromMs: Date.parse("2026-06-01T00:00:00Z"), toMs: now },
      now,
    });
    expect(report.rows.map((r) => [r.key, r.resolved])).toEqual([
      ["2026-W23", 0],
      ["2026-W24", 1],
      ["2026-W25", 0],
    ]);
  });
});

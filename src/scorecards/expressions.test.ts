import { describe, expect, it } from "vitest";
import type { MirroredIncident } from "../mirror/incident.js";
import { check, exactly, incident } from "./testing.js";

const open = (spec: Parameters<typeof incident>[0] = {}) => incident({ resolvedAfterHours: null, ...spec });
const resolved = (hours: number, spec: Parameters<typeof incident>[0] = {}) =>
  incident({ resolvedAfterHours: hours, ...spec });

const MIXED = [
  resolved(2, { severity: "Major", daysAgo: 10 }),
  resolved(6, { severity: "Critical", daysAgo: 50 }),
  resolved(1, { severity: "Major", daysAgo: 100 }),
  open({ severity: "Minor", daysAgo: 5 }),
  open({ severity: "Major", daysAgo: 1, mode: "test" }),
];
const THREE_MAJORS = [1, 20, 80].map((daysAgo) => resolved(1, { severity: "Major", daysAgo }));
const STATUSES = [
  open({ status: "Investigating" }),
  open({ status: "Fixing" }),
  open({ status: "Paused" }),
  resolved(3, { status: "Documenting" }),
  resolved(3, { status: "Closed" }),
  open({ status: "Declined" }),
];
const FIELDS = [
  open({ fields: { Team: ["Payments"], "Affected services": ["Payments API", "Checkout"] } }),
  open({ fields: { Team: ["Storefront"] } }),
  open({ type: "Security", name: "Database failover in eu-west-1" }),
];
const HOURS = Array.from({ length: 20 }, (_, i) => resolved(i + 1));

type Row = [expression: string, incidents: MirroredIncident[], passed: boolean, explanation: string | RegExp];

const MAJOR_90 = 'count(incidents where severity >= "Major" and created within 90d) <= 2';

const ROWS: Row[] = [
  // The product's example, around its limit and its window.
  [MAJOR_90, MIXED, true, "2 incidents of severity >= Major in the past 90 days; at most 2 allowed"],
  [MAJOR_90, THREE_MAJORS, false, "3 incidents of severity >= Major in the past 90 days; at most 2 allowed"],
  [MAJOR_90, [], true, "0 incidents of severity >= Major in the past 90 days; at most 2 allowed"],
  ["count(incidents within 90d) = 1", [open({ daysAgo: 90 })], true, /^1 incident in the past 90 days/],
  ["count(incidents within 90d) = 0", [open({ daysAgo: 90.001 })], true, /^0 incidents/],
  ["count(incidents within 90d) = 0", [open({ daysAgo: -1 })], true, /^0 incidents/],
  [
    "count(incidents where created within 1w) = 1",
    [open({ daysAgo: 7 }), open({ daysAgo: 8 })],
    true,
    /past week/,
  ],
  // Severity compares by rank; incidents without a severity match only "!=".
  [
    'count(incidents where severity > "Major") = 1',
    MIXED,
    true,
    "1 incident of severity > Major; exactly 1 required",
  ],
  ["count(incidents where severity < Major) = 1", [...MIXED, open({ severity: null })], true, /^1 incident/],
  [
    'count(incidents where severity != "Major") = 3',
    [...MIXED, open({ severity: null })],
    true,
    /not of severity/,
  ],
  [
    "count(incidents where severity = major) = 2",
    MIXED,
    true,
    "2 incidents of severity Major; exactly 2 required",
  ],
  [
    "count(incidents where severity is not set) = 1",
    [open({ severity: null }), open()],
    true,
    /without a severity/,
  ],
  // Test and tutorial incidents, and declined ones, are left out of "incidents" but not "all incidents".
  ["count(incidents) = 4", MIXED, true, "4 incidents; exactly 4 required"],
  ["count(all incidents) = 5", MIXED, true, "5 incidents; exactly 5 required"],
  ["count(all incidents where mode = test) = 1", MIXED, true, "1 incident in test mode; exactly 1 required"],
  ["count(incidents) = 5", STATUSES, true, /^5 incidents/],
  ['count(all incidents where status = "Declined") = 1', STATUSES, true, /with status Declined/],
  // Status: a category or a name, ignoring case.
  ["count(incidents where status = live) = 0", STATUSES, false, "2 incidents with status live; none allowed"],
  ['count(incidents where status = "fixing") = 1', STATUSES, true, /with status fixing/],
  ["count(incidents where status in (live, paused)) = 3", STATUSES, true, /with status live or paused/],
  ["count(incidents where status != closed) = 4", STATUSES, true, /without status closed/],
  // Type, custom fields, name.
  ['count(incidents where type = "Security") = 1', FIELDS, true, /of type Security/],
  ['count(incidents where field("team") = "payments") = 1', FIELDS, true, /with team payments/],
  ['count(incidents where field("Affected services") contains "checkout") = 1', FIELDS, true, /^1 incident/],
  ['count(incidents where field("Team") is not set) = 1', FIELDS, true, /without Team/],
  ['count(incidents where name contains "DATABASE") = 1', FIELDS, true, /whose name contains "DATABASE"/],
  // Resolution: windows, unresolved incidents, time to resolve.
  [
    "count(incidents where resolved within 7d) = 1",
    [resolved(2, { daysAgo: 8 }), resolved(2, { daysAgo: 6.5 })],
    true,
    /resolved in the past 7 days/,
  ],
  [
    "count(incidents where resolved is not set) = 2",
    MIXED,
    false,
    "1 unresolved incident; exactly 2 required",
  ],
  ["count(incidents where time_to_resolve > 4h) = 1", MIXED, true, /resolved in > 4h/],
  // MTTR and friends: open incidents are left out; nothing to measure passes.
  [
    "mttr(incidents within 90d) <= 4h",
    MIXED,
    true,
    "mean time to resolve 4h over 2 resolved incidents in the past 90 days; at most 4h allowed",
  ],
  ["mttr(incidents within 90d) < 4h", MIXED, false, /must be under 4h/],
  ["mttr(incidents) <= 4h", [], true, "no resolved incidents to measure, so the rule passes"],
  [
    "mttr(incidents within 30d) <= 1h",
    [open(), open({ daysAgo: 3 })],
    true,
    /^no resolved incidents in the past 30 days to measure/,
  ],
  [
    "median_ttr(incidents) = 2h",
    [resolved(1), resolved(2), resolved(10)],
    true,
    /^median time to resolve 2h over 3/,
  ],
  ["median_ttr(incidents) = 90m", [resolved(1), resolved(2)], true, /^median time to resolve 1h 30m over 2/],
  [
    "p95_ttr(incidents) = 19h",
    HOURS,
    true,
    /^95th percentile time to resolve 19h over 20 resolved incidents/,
  ],
  // Time since the last incident; with none, it is forever.
  [
    'time_since(last incident where severity >= "Minor") >= 30d',
    MIXED,
    false,
    /^the last incident of severity >= Minor \(INC-\d+\) was 5d ago; at least 30d required$/,
  ],
  ["time_since(last incident) >= 30d", [], true, "no incident; at least 30d required"],
  ["time_since(last incident) < 1d", [], false, "no incident; must be under 1d"],
  ["time_since(last incident where severity = Critical) >= 30d", MIXED, true, /was 50d ago/],
  // Entity fields.
  ["has_mapping", [], true, "maps to incident.io"],
  ["owner is set", [], true, "owner is team-payments"],
  ['entity.tags contains "TIER-1"', [], true, "tags are tier-1, pci; must include TIER-1"],
  [
    'tags = "pci" and lifecycle = "Production"',
    [],
    true,
    "tags are tier-1, pci; must include pci; lifecycle is production; must be Production",
  ],
  [
    'annotations["pagerduty.com/service-id"] is set',
    [],
    true,
    'annotation "pagerduty.com/service-id" is P123',
  ],
  ['kind in ("Component", "System")', [], true, /must be one of Component, System/],
  ['not (system = "checkout")', [], true, "system is payments; must be checkout"],
  // Logic and comparisons in either order.
  ['has_mapping or title = "x"', [], true, "maps to incident.io"],
  ["has_mapping and count(incidents) = 0", MIXED, false, "4 incidents; none allowed"],
  [
    "count(incidents where severity >= Major) <= count(incidents where severity = Minor)",
    MIXED,
    false,
    /^3 incidents of severity >= Major; 1 incident of severity Minor$/,
  ],
  ["2 >= count(incidents within 30d where severity >= Major)", MIXED, true, /at most 2 allowed$/],
  [
    "count(incidents where severity >= Major within 30d) = 1",
    MIXED,
    true,
    /of severity >= Major in the past 30 days/,
  ],
];

describe("rule expressions", () => {
  it.each(ROWS)("%s", (expression, incidents, passed, explanation) => {
    const result = check(expression, incidents);
    expect(result.explanation).toMatch(typeof explanation === "string" ? exactly(explanation) : explanation);
    expect(result.passed).toBe(passed);
  });

  it("has at least 30 rows", () => expect(ROWS.length).toBeGreaterThanOrEqual(30));

  it("explains a missing owner and a missing mapping", () => {
    expect(check("owner is set", [], { entity: { owner: null } })).toEqual({
      passed: false,
      explanation: "owner is not set",
    });
    expect(check("has_mapping", [], { hasMapping: false })).toEqual({
      passed: false,
      explanation: "has no incident.io mapping",
    });
  });
});

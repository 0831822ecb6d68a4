import { describe, expect, it } from "vitest";
import { autoDecision } from "../../app/investigations/filter.js";
import { mirroredIncident } from "../../mirror/testing.js";
import type { ChangeFinding } from "../report.js";
import { changeConfidence, probableCauses } from "./causes.js";
import type { InvestigationsConfig } from "./config.js";

const MINUTE = 60_000;

function change(overrides: Partial<ChangeFinding>): ChangeFinding {
  return {
    service: "payments-api",
    kind: "deploy",
    description: "v1",
    author: null,
    link: null,
    happenedAt: "2026-06-30T11:00:00.000Z",
    leadMs: 30 * MINUTE,
    viaDependency: false,
    dependencyOf: [],
    ...overrides,
  };
}

describe("how confident a change cause is", () => {
  it("is high for the incident's own service up to exactly 1 h before, medium after, low for a far dependency", () => {
    expect(changeConfidence(change({ leadMs: 60 * MINUTE }))).toBe("high");
    expect(changeConfidence(change({ leadMs: 60 * MINUTE + 1 }))).toBe("medium");
    expect(changeConfidence(change({ kind: "other", leadMs: MINUTE }))).toBe("medium");
    expect(
      changeConfidence(change({ viaDependency: true, dependencyOf: ["payments-api"], leadMs: 59 * MINUTE })),
    ).toBe("medium");
    expect(
      changeConfidence(
        change({ viaDependency: true, dependencyOf: ["payments-api"], leadMs: 2 * 60 * MINUTE }),
      ),
    ).toBe("low");
  });
});

const SEVERITIES = [
  { name: "Minor", rank: 1 },
  { name: "Major", rank: 2 },
  { name: "Critical", rank: 3 },
];
const ON: InvestigationsConfig = { auto: true, includeTest: false, publish: { summary: true, slack: false } };

describe("when similar incidents make a recurrence", () => {
  const similar = (n: number, score: number, daysBefore: number) => ({
    finding: {
      id: `P${n}`,
      reference: `INC-${n}`,
      name: `Past ${n}`,
      score,
      reasons: ["same service: Payments API"],
      resolution: null,
      status: "Closed",
      permalink: null,
    },
    createdAt: new Date(Date.parse("2026-06-30T12:00:00Z") - daysBefore * 86_400_000).toISOString(),
  });
  const causes = (scores: number[]) =>
    probableCauses({
      incident: { reference: "INC-9", createdAt: "2026-06-30T12:00:00.000Z" },
      changes: [],
      similar: scores.map((score, i) => similar(i + 1, score, i + 1)),
    });

  it("counts only matches the ranking itself calls similar (0.5 or more); weaker leads are listed, not blamed", () => {
    expect(causes([0.45, 0.4, 0.38])).toEqual([]);
    const [recurrence] = causes([0.62, 0.55, 0.4]);
    expect(recurrence?.title).toMatch(/^Recurring: 2 similar incidents in the past 30 days/);
    expect(recurrence?.confidence).toBe("medium");
    expect(recurrence?.evidence).toHaveLength(2);
  });
});

describe("which new incidents are investigated", () => {
  it("skips test incidents unless asked, and tutorial, declined or merged ones always", () => {
    expect(autoDecision(ON, mirroredIncident({}, { mode: "test" }), SEVERITIES)).toMatchObject({
      run: false,
    });
    expect(
      autoDecision({ ...ON, includeTest: true }, mirroredIncident({}, { mode: "test" }), SEVERITIES).run,
    ).toBe(true);
    expect(
      autoDecision({ ...ON, includeTest: true }, mirroredIncident({}, { mode: "tutorial" }), SEVERITIES).run,
    ).toBe(false);
    const declined = mirroredIncident({}, { status: { id: "s", name: "Declined", category: "declined" } });
    expect(autoDecision(ON, declined, SEVERITIES)).toEqual({ run: false, reason: "a declined incident" });
    expect(autoDecision({ ...ON, auto: false }, mirroredIncident(), SEVERITIES).run).toBe(false);
  });

  it("keeps to the minimum severity by rank and to the incident types, in any case", () => {
    const minor = mirroredIncident({}, { severity: { id: "s1", name: "Minor", rank: 1 } });
    const critical = mirroredIncident(
      {},
      { severity: { id: "s3", name: "Critical", rank: 3 }, type: { id: "t1", name: "Security" } },
    );
    const config = { ...ON, minSeverity: "major" };
    expect(autoDecision(config, minor, SEVERITIES)).toEqual({
      run: false,
      reason: "severity Minor is below major",
    });
    expect(autoDecision(config, critical, SEVERITIES).run).toBe(true);
    expect(autoDecision(config, mirroredIncident({}, { severity: null }), SEVERITIES).run).toBe(false);
    expect(autoDecision({ ...ON, incidentTypes: ["security"] }, critical, SEVERITIES).run).toBe(true);
    expect(autoDecision({ ...ON, incidentTypes: ["Default"] }, critical, SEVERITIES)).toMatchObject({
      run: false,
    });
  });

  it("investigates when the minimum names no known severity, and says to fix the setting", () => {
    const decision = autoDecision({ ...ON, minSeverity: "Sev1" }, mirroredIncident(), SEVERITIES);
    expect(decision.run).toBe(true);
    expect(decision.warning).toMatch(
      /^investigations\.min_severity "Sev1" is not a severity of this organisation .*; investigating anyway$/,
    );
  });
});

import { describe, expect, it } from "vitest";
import { mirroredIncident } from "../../mirror/testing.js";
import type { ChangeFinding } from "../report.js";
import { changeConfidence } from "./causes.js";
import type { InvestigationsConfig } from "./config.js";
import { autoDecision } from "./filter.js";

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

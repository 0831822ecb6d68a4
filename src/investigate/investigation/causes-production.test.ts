import { describe, expect, it } from "vitest";
import type { ChangeFinding } from "../report.js";
import { changeConfidence, changePhrase, probableCauses } from "./causes.js";

const MINUTE = 60_000;

function change(overrides: Partial<ChangeFinding>): ChangeFinding {
  return {
    service: "payments-api",
    kind: "deploy",
    description: "v1",
    author: null,
    link: null,
    happenedAt: "2026-06-30T11:50:00.000Z",
    leadMs: 10 * MINUTE,
    viaDependency: false,
    dependencyOf: [],
    ...overrides,
  };
}

describe("a change outside production as a cause", () => {
  const preview = change({ environment: "pr-481", production: false, leadMs: 2 * MINUTE });

  it("is of low confidence however close, and says where it went", () => {
    expect(changeConfidence(preview)).toBe("low");
    expect(changePhrase(preview)).toBe(
      "deploy to payments-api in pr-481 (not production) 2 min before the incident",
    );
    // Reports from before environments were recorded say nothing: their changes are production ones.
    expect(changeConfidence(change({}))).toBe("high");
    expect(changeConfidence(change({ environment: "production", production: true }))).toBe("high");
  });

  it("gives way to production changes when only a few can be causes", () => {
    const previews = [1, 2, 3].map((n) =>
      change({ environment: `pr-${n}`, production: false, leadMs: n * MINUTE, description: `preview ${n}` }),
    );
    const production = change({ leadMs: 40 * MINUTE, description: "v2.3.1" });
    const causes = probableCauses({
      incident: { reference: "INC-7", createdAt: "2026-06-30T12:00:00.000Z" },
      changes: [...previews, production],
      similar: [],
    });
    expect(causes.map((cause) => [cause.title, cause.confidence])).toEqual([
      ["Deploy to payments-api 40 min before the incident", "high"],
      ["Deploy to payments-api in pr-1 (not production) 1 min before the incident", "low"],
      ["Deploy to payments-api in pr-2 (not production) 2 min before the incident", "low"],
    ]);
  });
});

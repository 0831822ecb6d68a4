import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AlertEvent } from "../event.js";
import { decide } from "./decide.js";
import { RulesError } from "./errors.js";
import { loadRules } from "./load.js";
import type { SuppressionHistory } from "./types.js";

const EXAMPLE = loadRules(
  readFileSync(new URL("../../../examples/rules.yaml", import.meta.url), "utf8"),
  "rules.yaml",
);
const ACTIONS = ["open_incident", "record_only", "suppressed", "resolve"];

const text = fc.oneof(
  fc.string(),
  fc.constantFrom("prometheus", "grafana", "critical", "production", "payments-x"),
);
const event: fc.Arbitrary<AlertEvent> = fc.record(
  {
    source: text,
    dedupKey: text,
    status: fc.constantFrom("firing", "resolved", "dismissed"),
    title: fc.string(),
    description: fc.string(),
    severity: text,
    labels: fc.dictionary(fc.constantFrom("env", "service", "team", "__proto__", "constructor"), text),
    sourceUrl: fc.webUrl(),
    startsAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  },
  { requiredKeys: ["source", "dedupKey", "status", "title", "labels"] },
);
const instant = fc.date({
  min: new Date("1970-01-02T00:00:00Z"),
  max: new Date("2200-01-01T00:00:00Z"),
  noInvalidDate: true,
});
const history: fc.Arbitrary<SuppressionHistory> = fc
  .record({ last: fc.option(instant, { nil: undefined }), count: fc.nat(40) })
  .map(({ last, count }) => ({ lastOpenedAt: () => last, openedToday: () => count }));

describe("decide, for any alert", () => {
  it("never throws and always gives an action with a reason", () => {
    fc.assert(
      fc.property(event, history, instant, (alert, past, now) => {
        const decision = decide(alert, EXAMPLE, past, now);
        expect(ACTIONS).toContain(decision.action);
        expect(decision.reason.trim()).not.toBe("");
        expect(decision.action === "open_incident").toBe(decision.incident !== undefined);
        if (decision.incident) expect(decision.incident.name.trim()).not.toBe("");
      }),
      { numRuns: 500 },
    );
  });
});

describe("loadRules, for any text", () => {
  it("either loads or throws a RulesError with a position", () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "rules:\n  - name: a\n    action: ",
        "timezone: ",
        "rules: [",
        "- ",
        "{{ title }}",
        ": :",
      ),
    );
    fc.assert(
      fc.property(fc.array(yamlish, { maxLength: 6 }), (parts) => {
        try {
          loadRules(parts.join("\n"), "rules.yaml");
        } catch (error) {
          expect(error).toBeInstanceOf(RulesError);
          expect((error as RulesError).line).toBeGreaterThanOrEqual(1);
          expect((error as RulesError).message.startsWith("rules.yaml:")).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from "vitest";
import type { AlertEvent } from "../../alerts/event.js";
import { incidentSummary } from "../../alerts/incident-summary.js";
import { renderIncident } from "../../alerts/rules/index.js";
import { alert, rulesFrom } from "../../alerts/rules/testing.js";
import { withoutFindings } from "../findings-block.js";
import { rankSimilar } from "./rank.js";
import { SimilarIndex, type SimilarIndexOptions } from "./similar-index.js";
import { mirrored } from "./testing.js";

/** A rule for the generic source with a summary template naming labels its alerts lack, as teams write them. */
const RULES = rulesFrom(`
rules:
  - name: generic-production
    action: open_incident
    incident:
      severity: Critical
      summary: "{{ description }}\\n\\nRule: {{ labels.alert_rule }}\\nEvent type: {{ labels.event_type }}"
`);

/** What the hub declares for a firing generic alert: the rule's name and summary, then `incidentSummary`. */
function opened(id: string, event: AlertEvent, services: string[], day: number) {
  const [rule] = RULES.rules;
  if (!rule) throw new Error("the rule did not load");
  const incident = renderIncident(rule, event);
  return mirrored({
    id,
    name: incident.name,
    summary: incidentSummary(incident.summary, event, { firing: [event], truncated: 0 }),
    services,
    severity: "Critical",
    day,
    resolvedAfterHours: 1,
  });
}

function world(options: SimilarIndexOptions = {}): SimilarIndex {
  const index = new SimilarIndex(options);
  const from = { source: "generic", annotations: { runbook_url: "https://runbooks.acme.example/oncall" } };
  index.upsert(
    opened(
      "1",
      alert({
        ...from,
        title: "Payments API 5xx",
        labels: { env: "production", service: "payments-api" },
        sourceUrl: "https://grafana.acme.example/d/payments-api?orgId=1",
      }),
      ["payments-api"],
      -2,
    ),
  );
  index.upsert(
    opened(
      "2",
      alert({
        ...from,
        title: "Database down",
        labels: { env: "production", service: "orders-db" },
        sourceUrl: "https://grafana.acme.example/d/orders-db?orgId=1",
      }),
      ["orders-db"],
      0,
    ),
  );
  index.upsert(mirrored({ id: "3", name: "orders-db primary down", services: ["orders-db"], day: -30 }));
  return index;
}

describe("incidents the hub opened from alerts", () => {
  it("are not alike through the hub's own lines: 'Database down' finds the database incident, not 'Payments API 5xx'", () => {
    const ranked = rankSimilar(world(), { incident: "2" }, { similarityThreshold: 0 }).results;
    expect(ranked.map((result) => result.incident.id)).toEqual(["3"]);
    expect(ranked[0]?.reasons.find((reason) => reason.kind === "terms")?.text).toBe("shared terms: down");
  });

  it("were alike through them before: the same incidents scored on the hub's runbook and source lines", () => {
    const ranked = rankSimilar(
      world({ summaryText: withoutFindings }),
      { incident: "2" },
      { similarityThreshold: 0 },
    );
    const payments = ranked.results.find((result) => result.incident.id === "1");
    expect(payments?.score).toBeGreaterThan(0.35);
    expect(payments?.reasons.find((reason) => reason.kind === "terms")?.text).toMatch(/runbook|source|rule/);
  });
});

import { describe, expect, it } from "vitest";
import { decide } from "./decide.js";
import { alert, RecordedHistory, rulesFrom } from "./testing.js";

const NOW = new Date("2026-06-10T12:00:00Z");
const none = new RecordedHistory();

const ROUTING = rulesFrom(`
rules:
  - name: prod-critical
    match:
      source: [Prometheus, grafana]
      severity: [CRITICAL, page]
      labels: { env: production }
    action: open_incident
    incident: { severity: Critical }
  - name: payments
    match:
      labels_match: { service: "^payments-" }
    action: open_incident
    incident: { severity: Minor }
  - name: staging-warnings
    match:
      labels: { env: staging }
    action: record_only
`);

const ruleFor = (overrides: Parameters<typeof alert>[0]) => decide(alert(overrides), ROUTING, none, NOW).rule;

describe("decide: matching", () => {
  it("matches source and severity case-insensitively, labels by equality", () => {
    expect(ruleFor({ source: "prometheus", severity: "critical" })).toBe("prod-critical");
    expect(ruleFor({ source: "GRAFANA", severity: "Page" })).toBe("prod-critical");
  });

  it("skips a rule whose source, severity or label differs", () => {
    expect(ruleFor({ source: "datadog", labels: { env: "production" } })).toBeUndefined();
    expect(ruleFor({ severity: "warning", labels: { env: "production" } })).toBeUndefined();
    expect(ruleFor({ severity: undefined, labels: { env: "production" } })).toBeUndefined();
    expect(ruleFor({ labels: { env: "prod" } })).toBeUndefined();
  });

  it("matches labels_match by regular expression, never on a missing label", () => {
    expect(ruleFor({ severity: "info", labels: { service: "payments-api" } })).toBe("payments");
    expect(ruleFor({ severity: "info", labels: { service: "old-payments-api" } })).toBeUndefined();
    expect(ruleFor({ severity: "info", labels: {} })).toBeUndefined();
  });

  it("lets the first matching rule win", () => {
    const both = { severity: "critical", labels: { env: "production", service: "payments-api" } };
    expect(ruleFor(both)).toBe("prod-critical");
    expect(ruleFor({ severity: "warning", labels: { env: "staging", service: "payments-api" } })).toBe(
      "payments",
    );
  });

  it("records an alert no rule matches", () => {
    expect(decide(alert({ labels: {}, severity: "info" }), ROUTING, none, NOW)).toEqual({
      action: "record_only",
      reason: "no rule matched",
    });
  });

  it("records an alert whose rule says record_only", () => {
    expect(decide(alert({ severity: "warning", labels: { env: "staging" } }), ROUTING, none, NOW)).toEqual({
      action: "record_only",
      rule: "staging-warnings",
      reason: "record only: rule staging-warnings",
    });
  });

  it("matches everything with a rule that has no match", () => {
    const catchAll = rulesFrom("rules:\n  - name: everything\n    action: record_only\n");
    expect(decide(alert({ source: "x", severity: undefined, labels: {} }), catchAll, none, NOW).rule).toBe(
      "everything",
    );
  });
});

describe("decide: resolving", () => {
  it("resolves a resolved alert, naming the rule that matches it", () => {
    expect(decide(alert({ status: "resolved" }), ROUTING, none, NOW)).toEqual({
      action: "resolve",
      rule: "prod-critical",
      reason: "resolve: alert resolved (rule prod-critical)",
    });
  });

  it("resolves a dismissed alert even when no rule matches", () => {
    expect(decide(alert({ status: "dismissed", labels: {}, severity: "info" }), ROUTING, none, NOW)).toEqual({
      action: "resolve",
      reason: "resolve: alert dismissed",
    });
  });

  it("resolves during a blackout: suppression only holds back opening", () => {
    const frozen = rulesFrom(`
rules:
  - name: frozen
    action: open_incident
    suppress:
      blackouts: [{ from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }]
`);
    expect(decide(alert({ status: "resolved" }), frozen, none, NOW).action).toBe("resolve");
    expect(decide(alert(), frozen, none, NOW).action).toBe("suppressed");
  });
});

describe("decide: the incident to open", () => {
  const TEMPLATED = rulesFrom(`
rules:
  - name: templated
    action: open_incident
    incident:
      severity: Critical
      type: Database
      mode: test
      name: "[{{ source }}] {{ labels.service }}: {{ title }}"
      summary: "{{ description }} (key {{ dedup_key }}, {{ severity }}, {{ status }}) {{ source_url }}"
      custom_fields:
        Affected services: "{{ labels.service }}"
        Team: "{{ labels.team }}"
`);

  it("renders the name, summary and custom fields from the alert", () => {
    const event = alert({ description: "Replica lag", sourceUrl: "https://prom.example/alerts/1" });
    expect(decide(event, TEMPLATED, none, NOW)).toEqual({
      action: "open_incident",
      rule: "templated",
      reason: "open incident: rule templated",
      incident: {
        name: "[prometheus] payments-api: Database down",
        severity: "Critical",
        type: "Database",
        mode: "test",
        summary: "Replica lag (key db-down, critical, firing) https://prom.example/alerts/1",
        customFields: { "Affected services": "payments-api" },
      },
    });
  });

  it("renders absent fields and labels as empty, falling back to the title for a blank name", () => {
    const blankName = rulesFrom(`
rules:
  - name: r
    action: open_incident
    incident: { name: "{{ labels.missing }}", custom_fields: { Team: "{{ labels.team }}" } }
`);
    const decision = decide(alert({ description: undefined }), blankName, none, NOW);
    expect(decision.incident).toEqual({ name: "Database down", mode: "standard", customFields: {} });
  });

  it("uses the alert's description as the summary when the rule sets none", () => {
    const plain = rulesFrom("rules:\n  - name: r\n    action: open_incident\n");
    const decision = decide(alert({ description: "Primary unreachable" }), plain, none, NOW);
    expect(decision.incident).toEqual({
      name: "Database down",
      mode: "standard",
      customFields: {},
      summary: "Primary unreachable",
    });
  });
});

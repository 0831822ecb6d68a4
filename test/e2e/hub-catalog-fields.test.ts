/**
 * The example rules' `Affected services: "{{ labels.service }}"` through `incidentkit up` (a real process) on the
 * demo organisation: a service label that is an entry's external ID, alias or name (any case) opens the incident
 * with that entry, in one declare; a label that is no entry opens it without the field, saying why.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { IncidentRecord } from "../../src/emulator/model.js";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { type CliWorld, startCliWorld } from "./cli-harness.js";
import {
  type AcceptedView,
  outboxDrained,
  postAlerts,
  type RunningHub,
  readAlert,
  startHub,
  writeHubFiles,
} from "./hub-harness.js";

const EXAMPLE_RULES = new URL("../../examples/rules.yaml", import.meta.url).pathname;
const PROM_TOKEN = "e2e-catalog-fields-prom-token-0123456789";
const ADMIN = "e2e-catalog-fields-admin-token-0123456789";

/**
 * examples/rules.yaml without its `suppress` sections: their blackouts (a Sunday night, the holidays) would hold
 * the pages back on some days, and their cooldowns and caps are not what this test is about.
 */
function exampleRulesUnsuppressed(): string {
  const doc = parseDocument(readFileSync(EXAMPLE_RULES, "utf8"));
  const rules = doc.toJS().rules as unknown[];
  rules.forEach((_, index) => {
    doc.deleteIn(["rules", index, "suppress"]);
  });
  const template = doc.getIn(["rules", 0, "incident", "custom_fields", "Affected services"]);
  if (template !== "{{ labels.service }}") {
    throw new Error(
      `examples/rules.yaml's first rule no longer sets Affected services from the service label`,
    );
  }
  return doc.toString();
}

/** A critical production Alertmanager notification for one service, a group of its own. */
function pageFor(service: string): string {
  const labels = { alertname: "HighErrorRate", env: "production", service, severity: "critical" };
  return JSON.stringify({
    version: "4",
    receiver: "incidentkit",
    status: "firing",
    alerts: [
      {
        status: "firing",
        labels,
        annotations: { summary: `${service} answers 5xx` },
        startsAt: "2026-03-01T10:00:00.000Z",
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: "http://prometheus.example.com:9090/graph?g0.expr=error_ratio",
        fingerprint: `fp-${service}`,
      },
    ],
    groupLabels: { alertname: "HighErrorRate", service },
    commonLabels: labels,
    commonAnnotations: { summary: `${service} answers 5xx` },
    externalURL: "http://alertmanager.example.com:9093",
    groupKey: `{}:{alertname="HighErrorRate", service="${service}"}`,
    truncatedAlerts: 0,
  });
}

describe("rules' catalog-backed custom fields on the demo organisation", () => {
  let world: CliWorld;
  let hub: RunningHub;
  const opened = new Map<string, AcceptedView>();

  beforeAll(async () => {
    world = await startCliWorld((snapshot) => Object.assign(snapshot, demoSnapshot()));
    const config = writeHubFiles(
      world,
      [
        "listen: { host: 127.0.0.1, port: 0 }",
        "data_dir: ./hub-state",
        "mirror: { enabled: false }",
        "sources:",
        "  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }",
        "",
      ].join("\n"),
      exampleRulesUnsuppressed(),
    );
    hub = await startHub(world, config, { PROM_ALERT_TOKEN: PROM_TOKEN, HUB_ADMIN_TOKEN: ADMIN });
    for (const service of ["payments-api", "SSO", "auth service", "ledger db", "checkout-edge"]) {
      const response = await postAlerts(hub.url, "prometheus", PROM_TOKEN, pageFor(service));
      expect(response.status).toBe(202);
      expect(response.alerts.map((alert) => alert.decision)).toEqual(["open_incident"]);
      opened.set(service, response.alerts[0] as AcceptedView);
    }
    await outboxDrained(hub.url, 30_000);
  });

  afterAll(async () => {
    await hub?.stop();
    await world?.close();
  });

  const incidentOf = (service: string): IncidentRecord => {
    const found = world.t.emulator.incidents().find((incident) => incident.name.startsWith(`${service}: `));
    if (!found) throw new Error(`no incident was opened for ${service}`);
    return found;
  };
  const affectedOf = (incident: IncidentRecord) => {
    const field = world.snapshot.custom_fields.find((candidate) => candidate.name === "Affected services");
    return incident.custom_field_entries
      .filter((entry) => entry.custom_field_id === field?.id)
      .flatMap((entry) => entry.values.map((value) => value.value_catalog_entry_id));
  };
  const entryId = (externalId: string) =>
    world.snapshot.catalog_entries.find((entry) => entry.external_id === externalId)?.id;

  it("sets Affected services from a label that is an entry's external ID, alias or name, in one declare", async () => {
    const cases: Array<[label: string, externalId: string]> = [
      ["payments-api", "payments-api"], // external ID
      ["SSO", "auth-service"], // alias, in another case
      ["auth service", "auth-service"], // name, in another case
    ];
    for (const [label, externalId] of cases) {
      const incident = incidentOf(label);
      expect(affectedOf(incident), label).toEqual([entryId(externalId)]);
      expect(incident.summary ?? "", label).not.toContain("without some of what its rules asked for");
      const view = await readAlert(hub.url, (opened.get(label) as AcceptedView).id, ADMIN);
      expect(
        view?.deliveries.map((delivery) => delivery.outcome),
        label,
      ).toEqual(["delivered"]);
    }
  });

  it("opens the page without the field for a label that is no entry, saying why", async () => {
    // "ledger db" is close to the alias "ledger-db", but only names are looked up, not guesses.
    for (const label of ["ledger db", "checkout-edge"]) {
      const incident = incidentOf(label);
      expect(affectedOf(incident), label).toEqual([]);
      expect(incident.summary, label).toContain(
        `the custom field Affected services = "${label}": "Affected services" has no catalog entry "${label}"`,
      );
      const view = await readAlert(hub.url, (opened.get(label) as AcceptedView).id, ADMIN);
      expect(
        view?.deliveries.map((delivery) => delivery.outcome),
        label,
      ).toEqual(["retry", "delivered"]);
    }
  });
});

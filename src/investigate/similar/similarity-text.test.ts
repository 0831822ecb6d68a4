import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoCorpus } from "../../../bench/similar/demo-corpus.js";
import { noteLeftOut } from "../../alerts/declare-fallback.js";
import type { AlertEvent } from "../../alerts/event.js";
import { incidentSummary, LISTED_ALERTS } from "../../alerts/incident-summary.js";
import { parseAlerts } from "../../alerts/intake/index.js";
import { renderIncident } from "../../alerts/rules/index.js";
import { alert, rulesFrom } from "../../alerts/rules/testing.js";
import { findingBlock } from "../../ops/findings.js";
import { escapeMarkdown } from "../../shared/markdown.js";
import { FINDINGS_TITLE } from "../findings-block.js";
import { similarityText } from "./similarity-text.js";

/** Real senders' bodies (test/fixtures/alerts, sources in its README) and the intake's own examples. */
const FIXTURES = new URL("../../../test/fixtures/alerts/", import.meta.url);
const EXAMPLES = new URL("../../alerts/intake/examples/", import.meta.url);

function bodies(): Array<{ file: string; format: "alertmanager" | "grafana" | "generic"; body: unknown }> {
  const out: Array<{ file: string; format: "alertmanager" | "grafana" | "generic"; body: unknown }> = [];
  for (const folder of ["alertmanager", "grafana", "grafana-legacy"]) {
    for (const file of readdirSync(new URL(`${folder}/`, FIXTURES))) {
      const body = JSON.parse(readFileSync(new URL(`${folder}/${file}`, FIXTURES), "utf8")) as unknown;
      out.push({
        file: `${folder}/${file}`,
        format: folder === "alertmanager" ? "alertmanager" : "grafana",
        body,
      });
    }
  }
  for (const file of readdirSync(EXAMPLES)) {
    const format = file.split("-")[0] as "alertmanager" | "grafana" | "generic";
    out.push({ file, format, body: JSON.parse(readFileSync(new URL(file, EXAMPLES), "utf8")) as unknown });
  }
  return out;
}

/** The summary the hub declares an incident with for a firing notification, its default rule summary included. */
function hubSummary(events: readonly AlertEvent[], truncated = 0): string {
  const [first] = events;
  if (!first) throw new Error("no firing alert");
  const description = first.description ? escapeMarkdown(first.description) : undefined;
  return incidentSummary(description, first, { firing: events, truncated });
}

/** What must never be compared: the hub's lines as a person would spot them, written out independently. */
function expectNoHubText(text: string | null): void {
  for (const hub of ["Runbook: <", "Source: <", "alerts firing in this", "of them out of its notification"]) {
    expect(text ?? "").not.toContain(hub);
  }
  expect(text ?? "").not.toMatch(/^- and \d+ more$/m);
  expect(text ?? "").not.toMatch(/ \([^()\s=]+=[^()]*\)$/m);
}

describe("similarityText: the hub's summaries of incidents it opened from alerts", () => {
  const cases = bodies().flatMap(({ file, format, body }) => {
    const parsed = parseAlerts(format, format, body);
    if (!parsed.ok) return [];
    const firing = parsed.events.filter((event) => event.status === "firing" && !event.test);
    return firing.length > 0 ? [[file, firing, parsed.notification?.truncatedAlerts ?? 0] as const] : [];
  });

  it("reads enough real bodies to mean something", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(cases.some(([, firing]) => firing.length > 1)).toBe(true);
  });

  it.each(cases)(
    "%s: keeps what the sender wrote and drops what the hub wrote around it",
    (_, firing, truncated) => {
      const summary = hubSummary(firing, truncated);
      const text = similarityText(summary);
      expectNoHubText(text);
      const [first] = firing;
      if (first?.description) expect(text).toContain(escapeMarkdown(first.description).trim().split("\n")[0]);
      // A group's alerts stay listed by their titles, which are what the sender said.
      if (firing.length > 1) {
        for (const event of firing.slice(0, LISTED_ALERTS))
          expect(text).toContain(escapeMarkdown(event.title));
      }
    },
  );

  it("drops the count of alerts not listed and of alerts the sender left out", () => {
    const events = Array.from({ length: LISTED_ALERTS + 3 }, (_, i) =>
      alert({
        dedupKey: `disk-${i}`,
        title: "Disk almost full",
        labels: { env: "production", host: `node-${i}` },
      }),
    );
    const summary = hubSummary(events, 7);
    expect(summary).toContain("- and 3 more");
    expect(summary).toContain("left 7 of them out");
    const text = similarityText(summary);
    expectNoHubText(text);
    expect(text?.split("\n")).toEqual(Array(LISTED_ALERTS).fill("Disk almost full"));
  });

  it("drops the note of what incident.io refused, keeping the summary before it", () => {
    const body = noteLeftOut({ name: "Database down", mode: "standard", summary: "Primary unreachable." }, [
      { leftOut: "the custom field Affected services", reason: "no catalog entry named payments-db" },
    ]);
    expect(body.summary).toContain("which incident.io refused");
    expect(similarityText(body.summary ?? null)).toBe("Primary unreachable.");
  });

  it("is null for a summary that is all the hub's own text", () => {
    const summary = hubSummary([alert({ sourceUrl: "https://grafana.acme.example/d/db" })]);
    expect(summary).toBe("Source: <https://grafana.acme.example/d/db>");
    expect(similarityText(summary)).toBeNull();
  });
});

describe("similarityText: empty template lines, findings blocks, and what people wrote", () => {
  it("drops the lines a rule's summary template leaves empty, and keeps the ones that rendered", () => {
    const [rule] = rulesFrom(`
rules:
  - name: generic
    action: open_incident
    incident:
      summary: "{{ description }}\\n\\nRule: {{ labels.rule }}\\nEvent type: {{ labels.event_type }}\\nService: {{ labels.service }}"
`).rules;
    if (!rule) throw new Error("the rule did not load");
    const event = alert({ description: "Primary unreachable from every app server." });
    const summary = renderIncident(rule, event).summary ?? "";
    expect(summary).toContain("Rule: \nEvent type: \n");
    expect(similarityText(summary)).toBe(
      "Primary unreachable from every app server.\n\nService: payments-api",
    );
  });

  it("keeps a label with its value, and a sentence that ends in a colon", () => {
    const summary =
      "Root cause: the pool was too small.\nThe pool ran out for three reasons, in this order:\n- retries";
    expect(similarityText(summary)).toBe(summary);
  });

  it("drops the findings blocks an investigation appended, as appendFinding writes them", () => {
    const block = findingBlock(
      {
        title: FINDINGS_TITLE,
        body: "**Probable causes**\n1. Deploy to ledger",
        source: "incidentkit auto investigation",
      },
      new Date("2026-06-30T12:00:00Z"),
    );
    expect(similarityText(`Checkout times out.${block}`)).toBe("Checkout times out.");
    expect(similarityText(block.trimStart())).toBeNull();
  });

  it("leaves every summary of the demo organisation's incidents, all written by people, as it is", () => {
    const { incidents } = demoCorpus();
    const summaries = incidents.map((incident) => incident.summary).filter((s): s is string => s !== null);
    expect(summaries.length).toBeGreaterThan(400);
    expect(summaries.filter((summary) => similarityText(summary) !== summary.trim())).toEqual([]);
  });
});

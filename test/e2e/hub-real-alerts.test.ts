/**
 * Alerts exactly as real senders send them, through `incidentkit up` (a real process) and an emulator over real
 * HTTP, judged by the emulator's own incidents:
 *
 * - every body of the upstream corpus (test/fixtures/alerts, described by its manifest) taken by an `auto`
 *   source, recorded alert for alert, opening one incident per notification group (one per distinct alert when
 *   the body names no group), a test incident for a test notification, nothing for a resolved body; a group's
 *   incident stays open while any of its alerts fires and closes once all have resolved;
 * - never lose a page: the example rules on the demo organisation, a critical group naming a service that is no
 *   catalog entry, opens exactly one incident without that field, saying so in its summary, the alert's detail
 *   and `alerts history`; a delivery that fails for good makes `/healthz` degraded.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { z } from "zod";
import type { IncidentRecord } from "../../src/emulator/model.js";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { type CliWorld, startCliWorld } from "./cli-harness.js";
import {
  type AcceptedView,
  type AlertView,
  eachLimited,
  eventually,
  hubHealth,
  incidentsFor,
  outboxDrained,
  postAlerts,
  type RunningHub,
  readAlert,
  startHub,
  writeHubFiles,
} from "./hub-harness.js";

const FIXTURES = new URL("../fixtures/alerts/", import.meta.url).pathname;
const EXAMPLE_RULES = new URL("../../examples/rules.yaml", import.meta.url).pathname;
const TOKEN = "e2e-real-alerts-token-0123456789";
const ADMIN = "e2e-real-alerts-admin-token-0123456789";
const ENV = { REAL_ALERT_TOKEN: TOKEN, HUB_ADMIN_TOKEN: ADMIN };

// ---------------------------------------------------------------------------------------------------------------
// The corpus, and what each body should do, worked out from the body itself.

const manifestSchema = z.array(
  z.object({
    file: z.string(),
    sender: z.enum(["alertmanager", "grafana", "grafana-legacy"]),
    alerts: z.number().int(),
    kind: z.enum(["firing", "resolved", "mixed", "nodata", "error", "test"]),
  }),
);
type Kind = z.infer<typeof manifestSchema>[number]["kind"];

const labels = z.record(z.string(), z.unknown());
const groupSchema = z.object({
  status: z.string().optional(),
  groupKey: z.unknown().optional(),
  commonLabels: labels.nullish(),
  alerts: z.array(
    z.object({
      status: z.string().optional(),
      fingerprint: z.unknown().optional(),
      labels: labels.optional(),
    }),
  ),
});
const legacySchema = z.object({ state: z.string() });

interface Fixture {
  file: string;
  kind: Kind;
  /** The hub source the body is posted to: each its own, so no two bodies share a group. */
  source: string;
  body: string;
  /** Each alert's status as sent (a legacy body is one alert; `ok` resolves it). */
  statuses: Array<"firing" | "resolved">;
  /** Incidents the body should open. */
  incidents: number;
}

/**
 * A group key that names a group: a non-empty string, or the number Alertmanager's payload version 3 sent. The
 * number 0 is what third-party senders put there for "none" (prometheus-bot-v0-*): taken as a key, it would put
 * every notification such a sender ever sends into one group.
 */
function namesGroup(groupKey: unknown): boolean {
  if (typeof groupKey === "number") return Number.isFinite(groupKey) && groupKey !== 0;
  return typeof groupKey === "string" && groupKey.trim() !== "";
}

/** An alert's identity when its notification names no group: its fingerprint, else its labels (any order). */
function identity(fingerprint: unknown, merged: Record<string, unknown>): string {
  if (typeof fingerprint === "string" && fingerprint.trim() !== "") return `fingerprint:${fingerprint}`;
  const sorted = Object.entries(merged)
    .map(([name, value]) => [name, String(value)])
    .sort(([a], [b]) => ((a ?? "") < (b ?? "") ? -1 : 1));
  return `labels:${JSON.stringify(sorted)}`;
}

function loadFixture(entry: z.infer<typeof manifestSchema>[number]): Fixture {
  const body = readFileSync(join(FIXTURES, entry.file), "utf8");
  const source = entry.file
    .replace(/\.json$/, "")
    .replace(/[^a-z0-9]+/gi, "-")
    .toLowerCase();
  const raw: unknown = JSON.parse(body);
  const base = { file: entry.file, kind: entry.kind, source, body };
  if (entry.sender === "grafana-legacy") {
    const { state } = legacySchema.parse(raw);
    const firing = state !== "ok";
    return { ...base, statuses: [firing ? "firing" : "resolved"], incidents: firing ? 1 : 0 };
  }
  const group = groupSchema.parse(raw);
  const statuses = group.alerts.map((alert) =>
    (alert.status ?? group.status) === "firing" ? ("firing" as const) : ("resolved" as const),
  );
  const firing = group.alerts.filter((_, i) => statuses[i] === "firing");
  let incidents: number;
  // A test notification's every firing alert opens a test incident of its own.
  if (entry.kind === "test") incidents = firing.length;
  else if (firing.length === 0) incidents = 0;
  else if (namesGroup(group.groupKey)) incidents = 1;
  else {
    const common = group.commonLabels ?? {};
    incidents = new Set(firing.map((alert) => identity(alert.fingerprint, { ...common, ...alert.labels })))
      .size;
  }
  return { ...base, statuses, incidents };
}

const corpus: Fixture[] = manifestSchema
  .parse(JSON.parse(readFileSync(join(FIXTURES, "manifest.json"), "utf8")))
  .map(loadFixture);

/** The fixture whose group is resolved in two steps, and the real body that resolves it. */
const TO_RESOLVE = "alertmanager/alertmonitor-3-firing-no-fingerprint.json";
const RESOLVING = "alertmanager/alertmonitor-3-resolved-no-fingerprint.json";

// ---------------------------------------------------------------------------------------------------------------

describe("the real-payload corpus through an auto source", () => {
  let world: CliWorld;
  let hub: RunningHub;
  let baseline = 0;
  const accepted = new Map<string, AcceptedView[]>();
  const views = new Map<string, AlertView>();

  beforeAll(async () => {
    world = await startCliWorld();
    // Every source reads `auto`: the format is the body's own shape, as one endpoint for every sender would see it.
    const sources = corpus.map((f) => `  ${f.source}: { format: auto, token_env: REAL_ALERT_TOKEN }`);
    const config = writeHubFiles(
      world,
      [
        "listen: { host: 127.0.0.1, port: 0 }",
        "data_dir: ./hub-state",
        "mirror: { enabled: false }",
        "sources:",
        ...sources,
        "",
      ].join("\n"),
      "rules:\n  - name: every-alert\n    action: open_incident\n    incident: { severity: Minor }\n",
    );
    hub = await startHub(world, config, ENV);
    baseline = world.t.emulator.incidents().length;
  });

  afterAll(async () => {
    await hub?.stop();
    await world?.close();
  });

  /** The incidents of the groups the fixture's alerts joined, as `GET /alerts/<id>` shows them. */
  const incidentIdsOf = (fixture: Fixture): string[] => [
    ...new Set(
      (accepted.get(fixture.file) ?? [])
        .map((alert) => views.get(alert.id)?.group?.incident_id)
        .filter((id): id is string => typeof id === "string"),
    ),
  ];

  const incidentById = (id: string): IncidentRecord => {
    const found = world.t.emulator.incidents().find((incident) => incident.id === id);
    if (!found) throw new Error(`the emulator has no incident ${id}`);
    return found;
  };

  it("takes every body with a 202 and records each of its alerts", async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    for (const fixture of corpus) {
      const response = await postAlerts(hub.url, fixture.source, TOKEN, fixture.body);
      expect({ file: fixture.file, status: response.status }).toEqual({ file: fixture.file, status: 202 });
      expect({ file: fixture.file, alerts: response.alerts.length }).toEqual({
        file: fixture.file,
        alerts: fixture.statuses.length,
      });
      accepted.set(fixture.file, response.alerts);
    }
    await outboxDrained(hub.url, 60_000);
    const all = [...accepted.values()].flat();
    await eachLimited(all, 8, async ({ id }) => {
      const view = await readAlert(hub.url, id, ADMIN);
      if (view) views.set(id, view);
    });
    expect(views.size).toBe(all.length);
    for (const fixture of corpus) {
      const recorded = (accepted.get(fixture.file) ?? []).map((alert) => views.get(alert.id)?.alert.status);
      expect({ file: fixture.file, recorded }).toEqual({ file: fixture.file, recorded: fixture.statuses });
    }
  });

  it("delivers every call the bodies asked of incident.io", () => {
    const failed = corpus.flatMap((fixture) =>
      (accepted.get(fixture.file) ?? []).flatMap((alert) =>
        (views.get(alert.id)?.deliveries ?? [])
          .filter((delivery) => delivery.outcome === "failed")
          .map((delivery) => `${fixture.file}: ${delivery.kind} ${delivery.message}`),
      ),
    );
    expect(failed).toEqual([]);
  });

  it("opens one incident per notification group, or per distinct alert where the body names no group", () => {
    const counts = (of: (fixture: Fixture) => number) =>
      Object.fromEntries(corpus.map((fixture) => [fixture.file, of(fixture)]));
    expect(counts((fixture) => incidentIdsOf(fixture).length)).toEqual(
      counts((fixture) => fixture.incidents),
    );
    // And nothing else: every incident the hub made belongs to one of the bodies.
    const opened = corpus.flatMap(incidentIdsOf);
    const made = world.t.emulator.incidents().slice(baseline);
    expect(made.map((incident) => incident.id).sort()).toEqual(opened.sort());
  });

  it("says why: later alerts of a group join its incident, resolved bodies open nothing", () => {
    for (const fixture of corpus) {
      const reasons = (accepted.get(fixture.file) ?? []).map((alert) => alert.reason);
      if (fixture.kind !== "test" && fixture.statuses.every((status) => status === "resolved")) {
        for (const reason of reasons)
          expect({ file: fixture.file, reason }).toEqual({
            file: fixture.file,
            reason: expect.stringContaining("has no open incident"),
          });
      }
      if (fixture.kind === "test" && fixture.incidents === 0) {
        expect(reasons.every((reason) => reason.includes("nothing to open"))).toBe(true);
      }
    }
    const grouped = accepted.get("alertmanager/oncall-test-3-firing.json") ?? [];
    expect(grouped.map((alert) => alert.decision)).toEqual(["open_incident", "record_only", "record_only"]);
    expect(grouped[2]?.reason).toMatch(/^in the group of .+ \(3 alerts firing\)$/);
  });

  it("opens test notifications as test incidents, and titles no-data alerts so", () => {
    for (const fixture of corpus.filter((f) => f.incidents > 0)) {
      const incidents = incidentIdsOf(fixture).map(incidentById);
      expect({ file: fixture.file, opened: incidents.length }).toEqual({
        file: fixture.file,
        opened: fixture.incidents,
      });
      for (const incident of incidents) {
        const seen = { file: fixture.file, mode: incident.mode, name: incident.name };
        expect(seen).toEqual({
          file: fixture.file,
          mode: fixture.kind === "test" ? "test" : "standard",
          name:
            fixture.kind === "nodata"
              ? expect.stringMatching(/^No data: \S/)
              : fixture.kind === "error"
                ? expect.stringMatching(/^Alert rule error: \S/)
                : expect.not.stringMatching(/^(No data|Alert rule error):/),
        });
      }
    }
  });

  it("keeps a group's incident open while any alert fires, and closes it once all have resolved", async () => {
    const fixture = corpus.find((f) => f.file === TO_RESOLVE);
    const resolving = readFileSync(join(FIXTURES, RESOLVING), "utf8");
    if (!fixture) throw new Error(`the corpus has no ${TO_RESOLVE}`);
    const first = accepted.get(TO_RESOLVE)?.[0];
    const incidentId = first && views.get(first.id)?.group?.incident_id;
    if (!incidentId) throw new Error(`${TO_RESOLVE} opened no incident`);
    const { isClosed } = incidentsFor(world);

    // The sender's next notification of the group: its first alert resolved, the other two still firing.
    const partial = groupSchema.passthrough().parse(JSON.parse(fixture.body));
    const firstAlert = partial.alerts[0];
    if (firstAlert) firstAlert.status = "resolved";
    const some = await postAlerts(hub.url, fixture.source, TOKEN, JSON.stringify(partial));
    expect(some.status).toBe(202);
    expect(some.alerts[0]?.reason).toMatch(/2 alerts of the group still firing, so INC-\d+ stays open/);
    await outboxDrained(hub.url, 15_000);
    expect(isClosed(incidentById(incidentId))).toBe(false);

    // Then the sender's own resolved notification of the same group.
    const all = await postAlerts(hub.url, fixture.source, TOKEN, resolving);
    expect(all.status).toBe(202);
    expect(all.alerts.map((alert) => alert.decision)).toEqual(["record_only", "record_only", "resolve"]);
    await eventually(
      () => (isClosed(incidentById(incidentId)) ? true : undefined),
      "the group's incident to close",
      15_000,
    );
    // Read afresh: the closing update was made after the first look.
    expect(incidentsFor(world).closingUpdates(incidentById(incidentId))).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const blackoutSchema = z.object({ every: z.string().optional(), from: z.string(), to: z.string() });
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Whether `at` is inside a blackout as the rules file states it: instants, or a weekly wall-clock window. */
function inBlackout(blackout: z.infer<typeof blackoutSchema>, at: Date, timeZone: string): boolean {
  if (blackout.every === undefined) return at >= new Date(blackout.from) && at < new Date(blackout.to);
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = WEEKDAYS.indexOf(part("weekday").toLowerCase());
  const minute = Number(part("hour")) * 60 + Number(part("minute"));
  const from = minutesOf(blackout.from);
  const to = minutesOf(blackout.to);
  const every = blackout.every.toLowerCase();
  const days = every === "day" ? [0, 1, 2, 3, 4, 5, 6] : [WEEKDAYS.indexOf(every.slice(0, 3))];
  // A window whose end is at or before its start runs past midnight into the next day.
  return days.some((d) =>
    to > from
      ? day === d && minute >= from && minute < to
      : (day === d && minute >= from) || (day === (d + 1) % 7 && minute < to),
  );
}

/**
 * examples/rules.yaml as it is, unless the test would run inside one of its blackouts (a Sunday night's
 * maintenance window, the holiday freeze), where the page would rightly be suppressed: then the blackouts are
 * taken out of the copy, and the test says so.
 */
function exampleRulesForNow(now: Date): { text: string; changed: boolean } {
  const text = readFileSync(EXAMPLE_RULES, "utf8");
  const doc = parseDocument(text);
  const timeZone = String(doc.get("timezone") ?? "UTC");
  const rules = z
    .array(z.object({ suppress: z.object({ blackouts: z.array(blackoutSchema).optional() }).optional() }))
    .parse(doc.toJS().rules);
  // The test's whole run, with room to spare.
  const moments = [0, 5, 10].map((minutes) => new Date(now.getTime() + minutes * 60_000));
  let changed = false;
  rules.forEach((rule, index) => {
    const blackouts = rule.suppress?.blackouts ?? [];
    if (blackouts.some((b) => moments.some((at) => inBlackout(b, at, timeZone)))) {
      doc.deleteIn(["rules", index, "suppress", "blackouts"]);
      changed = true;
    }
  });
  return { text: changed ? doc.toString() : text, changed };
}

const PROM_TOKEN = "e2e-never-lose-prom-token-0123456789";
const EDGE_GROUP_KEY = '{}/{severity="critical"}:{alertname="CheckoutEdge5xx", service="checkout-edge"}';

/** A critical Alertmanager (0.27) notification: three edges of a service the catalog does not know. */
function checkoutEdgeGroup(): string {
  const alert = (instance: string, fingerprint: string) => ({
    status: "firing",
    labels: {
      alertname: "CheckoutEdge5xx",
      env: "production",
      instance,
      service: "checkout-edge",
      severity: "critical",
    },
    annotations: {
      summary: "Checkout edge answers 5xx",
      description: `More than 5% of requests to ${instance} failed in the last 5 minutes.`,
    },
    startsAt: "2026-03-01T09:58:30.000Z",
    endsAt: "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus.example.com:9090/graph?g0.expr=edge_5xx_ratio+%3E+0.05&g0.tab=1",
    fingerprint,
  });
  return JSON.stringify({
    receiver: "incidentkit",
    status: "firing",
    alerts: [
      alert("edge-1.lon", "5d4c7a9e01b2f3a4"),
      alert("edge-2.lon", "9a1e3b7c55d0e812"),
      alert("edge-3.ams", "c07f2e19ab3d4e66"),
    ],
    groupLabels: { alertname: "CheckoutEdge5xx", service: "checkout-edge" },
    commonLabels: {
      alertname: "CheckoutEdge5xx",
      env: "production",
      service: "checkout-edge",
      severity: "critical",
    },
    commonAnnotations: { summary: "Checkout edge answers 5xx" },
    externalURL: "http://alertmanager.example.com:9093",
    version: "4",
    groupKey: EDGE_GROUP_KEY,
    truncatedAlerts: 0,
  });
}

/**
 * An alert that names the incident it belongs to by a link into another incident.io workspace, one this hub's
 * key cannot see (as a sender copying links between workspaces would): its update can never be delivered.
 */
function alertNamingUnknownIncident(): string {
  return JSON.stringify({
    receiver: "incidentkit",
    status: "firing",
    alerts: [
      {
        status: "firing",
        labels: {
          alertname: "PaymentsQueueBacklog",
          env: "production",
          service: "payments-api",
          severity: "warning",
        },
        annotations: {
          summary: "Payments queue backlog growing",
          incident_io_url: "https://app.incident.io/another-workspace/incidents/987654",
        },
        startsAt: "2026-03-01T10:02:00.000Z",
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: "http://prometheus.example.com:9090/graph?g0.expr=payments_queue_depth",
        fingerprint: "e1f0a2b3c4d5e6f7",
      },
    ],
    groupLabels: { alertname: "PaymentsQueueBacklog" },
    commonLabels: { alertname: "PaymentsQueueBacklog" },
    externalURL: "http://alertmanager.example.com:9093",
    version: "4",
    groupKey: '{}:{alertname="PaymentsQueueBacklog"}',
    truncatedAlerts: 0,
  });
}

describe("never lose a page: the example rules on the demo organisation", () => {
  let world: CliWorld;
  let hub: RunningHub;
  let config: string;
  let baseline = 0;
  let opening: AcceptedView | undefined;

  beforeAll(async () => {
    world = await startCliWorld((snapshot) => Object.assign(snapshot, demoSnapshot()));
    const rules = exampleRulesForNow(new Date());
    if (rules.changed) {
      console.log(
        "examples/rules.yaml: the test runs inside a blackout, so the copy has its blackouts taken out",
      );
    }
    config = writeHubFiles(
      world,
      [
        "listen: { host: 127.0.0.1, port: 0 }",
        "data_dir: ./hub-state",
        "mirror: { enabled: false }",
        "sources:",
        "  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }",
        "",
      ].join("\n"),
      rules.text,
    );
    hub = await startHub(world, config, { PROM_ALERT_TOKEN: PROM_TOKEN, HUB_ADMIN_TOKEN: ADMIN });
    baseline = world.t.emulator.incidents().length;
  });

  afterAll(async () => {
    await hub?.stop();
    await world?.close();
  });

  const fieldId = (name: string) => {
    const field = world.snapshot.custom_fields.find((candidate) => candidate.name === name);
    if (!field) throw new Error(`the demo organisation has no custom field "${name}"`);
    return field.id;
  };

  it("the demo catalog knows no checkout-edge, so the example rule's field value names no entry", () => {
    const affected = world.snapshot.custom_fields.find((field) => field.name === "Affected services");
    expect(affected?.catalog_type_id).toBeDefined();
    const known = world.snapshot.catalog_entries
      .filter((entry) => entry.catalog_type_id === affected?.catalog_type_id)
      .flatMap((entry) => [entry.id, entry.name, entry.external_id, ...entry.aliases]);
    expect(known).toContain("checkout-web");
    expect(known).not.toContain("checkout-edge");
  });

  it("opens exactly one Critical incident for the group, without the refused field, saying so", async () => {
    const response = await postAlerts(hub.url, "prometheus", PROM_TOKEN, checkoutEdgeGroup());
    expect(response.status).toBe(202);
    expect(response.alerts.map((alert) => alert.decision)).toEqual([
      "open_incident",
      "record_only",
      "record_only",
    ]);
    opening = response.alerts[0];
    await outboxDrained(hub.url, 15_000);

    const made = world.t.emulator.incidents().slice(baseline);
    expect(made).toHaveLength(1);
    const incident = made[0] as IncidentRecord;
    const critical = world.snapshot.severities.find((severity) => severity.name === "Critical");
    expect(incident).toMatchObject({
      name: "checkout-edge: Checkout edge answers 5xx",
      mode: "standard",
      severity_id: critical?.id,
    });
    const affected = fieldId("Affected services");
    expect(
      incident.custom_field_entries.filter(
        (entry) => entry.custom_field_id === affected && entry.values.length > 0,
      ),
    ).toEqual([]);
    expect(incident.summary).toContain(
      "incidentkit opened this incident without some of what its rules asked for",
    );
    expect(incident.summary).toMatch(/Affected services = "checkout\\?-edge"/);
  });

  it("shows the refused attempt and the delivered one in the alert's detail and in `alerts history`", async () => {
    if (!opening) throw new Error("the group was not accepted");
    const view = await readAlert(hub.url, opening.id, ADMIN);
    const reference = view?.group?.incident_reference;
    expect(reference).toMatch(/^INC-\d+$/);
    const without = 'the custom field Affected services = "checkout-edge"';
    expect(view?.deliveries).toEqual([
      expect.objectContaining({
        kind: "declare",
        outcome: "retry",
        // Refused by incidentkit's catalog lookup, before incident.io was asked.
        http_status: null,
        error_code: "invalid_argument",
        message: '"Affected services" has no catalog entry "checkout-edge"',
        fix: expect.stringContaining(`declared again at once without ${without}`),
      }),
      expect.objectContaining({
        kind: "declare",
        outcome: "delivered",
        message: `declared ${reference} without ${without}`,
      }),
    ]);

    const history = await world.cli(["alerts", "history", "--source", "prometheus", "--config", config]);
    expect(history.stderr).toBe("");
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(reference);
    expect(history.stdout).toContain(
      'declare  retry  "Affected services" has no catalog entry "checkout-edge"',
    );
    expect(history.stdout).toContain(`fix: declared again at once without ${without}`);
    expect(history.stdout).toContain(`declare  delivered  declared ${reference} without ${without}`);
  });

  it("stays ok when the page opened without a value, and says degraded (200) once a delivery failed for good", async () => {
    const before = await hubHealth(hub.url);
    expect({ status: before.status, reasons: before.reasons }).toEqual({ status: "ok", reasons: [] });

    const response = await postAlerts(hub.url, "prometheus", PROM_TOKEN, alertNamingUnknownIncident());
    expect(response.status).toBe(202);
    const [named] = response.alerts;
    expect(named?.decision).toBe("update_incident");
    const health = await eventually(
      async () => {
        const answer = await fetch(`${hub.url}/healthz`, { headers: { authorization: `Bearer ${ADMIN}` } });
        const body = (await answer.json()) as { status: string; reasons: string[] };
        return body.status === "degraded" ? { http: answer.status, ...body } : undefined;
      },
      "/healthz to say degraded",
      15_000,
    );
    expect(health.http).toBe(200);
    expect(health.reasons).toHaveLength(1);
    expect(health.reasons[0]).toContain("1 alert could not be delivered to incident.io in the last hour");
    expect(health.reasons[0]).toContain(`alert ${named?.id}`);
    expect(health.reasons[0]).toContain("incidentkit alerts replay");

    const history = await world.cli(["alerts", "history", "--source", "prometheus", "--config", config]);
    expect(history.stdout).toContain("none: update failed");
  });
});

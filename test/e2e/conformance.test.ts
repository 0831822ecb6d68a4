/**
 * Our client against our emulator, seeded with the demo organisation: every client operation, checked against
 * what the seed holds, while every request and answer is validated against incident.io's API description.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AlertEventPayload,
  IncidentIo,
  IncidentIoApiError,
  type IncidentsCreatePayload,
  type RequestEvent,
} from "../../src/api/index.js";
import { collect } from "../../src/api/testing/harness.js";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { descriptionMissingReason } from "../support/openapi.js";
import { DemoFacts, sortedIds } from "./demo-facts.js";

// Without the description the client and emulator are still exercised; only the schema checks are skipped.
if (descriptionMissingReason) console.warn(`conformance.test.ts: ${descriptionMissingReason}`);

/** The operations an incident.io client needs, each of which the emulator must answer with success. */
const REQUIRED_OPERATIONS = [
  "GET /v1/identity",
  "GET /v1/severities",
  "GET /v1/severities/{id}",
  "POST /v1/severities",
  "PUT /v1/severities/{id}",
  "DELETE /v1/severities/{id}",
  "GET /v1/incident_statuses",
  "GET /v1/incident_statuses/{id}",
  "POST /v1/incident_statuses",
  "PUT /v1/incident_statuses/{id}",
  "DELETE /v1/incident_statuses/{id}",
  "GET /v1/incident_types",
  "GET /v1/incident_types/{id}",
  "GET /v2/custom_fields",
  "GET /v2/custom_fields/{id}",
  "GET /v1/custom_field_options",
  "GET /v2/incident_roles",
  "GET /v2/incident_roles/{id}",
  "GET /v2/incident_timestamps",
  "GET /v2/incident_timestamps/{id}",
  "GET /v2/users",
  "GET /v2/users/{id}",
  "GET /v2/incidents",
  "GET /v2/incidents/{id}",
  "POST /v2/incidents",
  "POST /v2/incidents/{id}/actions/edit",
  "GET /v2/incident_updates",
  "POST /v2/incident_updates",
  "POST /v2/alert_events/http/{alert_source_config_id}",
  "GET /v2/alerts",
  "GET /v2/alerts/{id}",
  "GET /v2/alert_sources",
  "GET /v2/alert_sources/{id}",
];

const NOW = Date.UTC(2025, 5, 1, 12);

describe("client against the emulator (demo seed)", () => {
  const snapshot = demoSnapshot({ now: NOW, seed: 1 });
  const demo = new DemoFacts(snapshot);
  const events: RequestEvent[] = [];
  let t: TestEmulator;
  let io: IncidentIo;
  let viewer: IncidentIo;

  const client = (apiKey: string, onEvent?: (event: RequestEvent) => void) =>
    new IncidentIo({ apiKey, baseUrl: t.url, fetch: t.fetch, ...(onEvent ? { onEvent } : {}) });
  const sev = (name: string) => demo.named(snapshot.severities, name);
  const status = (name: string) => demo.named(snapshot.incident_statuses, name);
  const field = (name: string) => demo.named(snapshot.custom_fields, name);
  const requestsTo = (path: string) => events.filter((e) => new URL(e.url).pathname === path).length;
  /** The error a call rejects with, failing the test if it resolves. */
  const rejection = async (call: Promise<unknown>): Promise<IncidentIoApiError> => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncidentIoApiError);
    return error as IncidentIoApiError;
  };
  const newTestIncident = async (name: string): Promise<string> => {
    const { incident } = await io.incidents.create({
      idempotency_key: randomUUID(),
      visibility: "public",
      mode: "test",
      name,
      severity_id: sev("Minor").id,
      incident_status_id: status("Investigating").id,
    });
    return incident.id;
  };

  beforeAll(async () => {
    t = await startTestEmulator({ ephemeral: true, snapshot });
    io = client(t.adminKey, (event) => events.push(event));
    viewer = client(demo.named(snapshot.api_keys, "Read only").token);
  });

  afterAll(async () => {
    await t?.emulator.close();
  });

  describe("settings", () => {
    it("identifies the key", async () => {
      const identity = await io.identity();
      expect(identity.name).toBe("Demo admin");
      expect(identity.roles).toEqual(["global_access"]);
      expect(identity.dashboard_url).toMatch(/^https:\/\/app\.incident\.io\//);
      expect((await viewer.identity()).roles).toEqual(["viewer"]);
    });

    it("lists and shows severities in rank order", async () => {
      const severities = await io.severities.list();
      expect(severities.map((s) => [s.name, s.rank])).toEqual([
        ["Minor", 1],
        ["Major", 2],
        ["Critical", 3],
      ]);
      expect((await io.severities.show(sev("Major").id)).name).toBe("Major");
    });

    it("lists and shows statuses with their categories", async () => {
      const statuses = await io.incidentStatuses.list();
      expect(sortedIds(statuses)).toEqual(sortedIds(snapshot.incident_statuses));
      expect(statuses.find((s) => s.name === "Documenting")?.category).toBe("learning");
      const fixing = await io.incidentStatuses.show(status("Fixing").id);
      expect([fixing.name, fixing.category]).toEqual(["Fixing", "live"]);
    });

    it("lists and shows incident types", async () => {
      const types = await io.incidentTypes.list();
      expect(types.map((type) => type.name).sort()).toEqual(["Customer-facing", "Default", "Security"]);
      const security = await io.incidentTypes.show(demo.named(snapshot.incident_types, "Security").id);
      expect(security.private_incidents_only).toBe(true);
    });

    it("lists and shows custom fields, and pages through a field's options", async () => {
      const fields = await io.customFields.list();
      expect(sortedIds(fields)).toEqual(sortedIds(snapshot.custom_fields));
      const impact = await io.customFields.show(field("Customer impact").id);
      expect(impact.field_type).toBe("single_select");
      const before = requestsTo("/v1/custom_field_options");
      const options = await collect(io.customFieldOptions.list(impact.id, { pageSize: 2 }));
      const expected = snapshot.custom_field_options
        .filter((o) => o.custom_field_id === impact.id)
        .sort((a, b) => a.sort_key - b.sort_key);
      expect(options.map((o) => o.value)).toEqual(expected.map((o) => o.value));
      expect(requestsTo("/v1/custom_field_options") - before).toBe(Math.ceil(expected.length / 2));
    });

    it("lists and shows incident roles and timestamps", async () => {
      const roles = await io.incidentRoles.list();
      expect(roles.map((r) => r.name).sort()).toEqual(snapshot.incident_roles.map((r) => r.name).sort());
      const lead = await io.incidentRoles.show(demo.named(snapshot.incident_roles, "Incident Lead").id);
      expect(lead.role_type).toBe("lead");
      const timestamps = await io.incidentTimestamps.list();
      expect(timestamps.map((ts) => ts.name)).toEqual([
        "Reported at",
        "Impact started",
        "Accepted at",
        "Resolved at",
        "Closed at",
      ]);
      const [first] = timestamps;
      expect((await io.incidentTimestamps.show(first?.id ?? "")).name).toBe("Reported at");
    });

    it("creates, updates and deletes a severity", async () => {
      const { severity } = await io.severities.create({
        name: "Catastrophic",
        description: "Everything is down",
        rank: 4,
      });
      expect((await io.severities.list()).map((s) => s.name)).toEqual([
        "Minor",
        "Major",
        "Critical",
        "Catastrophic",
      ]);
      const updated = await io.severities.update(severity.id, { name: "Apocalyptic", description: "Worse" });
      expect([updated.severity.name, updated.severity.rank]).toEqual(["Apocalyptic", 4]);
      expect((await io.severities.show(severity.id)).description).toBe("Worse");
      await io.severities.delete(severity.id);
      expect((await rejection(io.severities.show(severity.id))).status).toBe(404);
    });

    it("creates, updates and deletes an incident status", async () => {
      const created = await io.incidentStatuses.create({
        name: "Reviewing",
        description: "Writing the review",
        category: "learning",
      });
      expect(created.incident_status.category).toBe("learning");
      const updated = await io.incidentStatuses.update(created.incident_status.id, {
        name: "Reviewed",
        description: "Review written",
      });
      expect(updated.incident_status.name).toBe("Reviewed");
      expect((await io.incidentStatuses.list()).some((s) => s.name === "Reviewed")).toBe(true);
      await io.incidentStatuses.delete(created.incident_status.id);
      expect((await io.incidentStatuses.list()).some((s) => s.name === "Reviewed")).toBe(false);
    });
  });

  describe("users", () => {
    it("pages through active users, and includes inactive ones when asked", async () => {
      const active = snapshot.users.filter((u) => u.is_active);
      const before = requestsTo("/v2/users");
      const users = await collect(io.users.list({}, { pageSize: 5 }));
      expect(sortedIds(users)).toEqual(sortedIds(active));
      expect(requestsTo("/v2/users") - before).toBe(Math.ceil(active.length / 5));
      const everyone = await collect(io.users.list({ include_inactive: true }));
      expect(everyone).toHaveLength(snapshot.users.length);
      expect(everyone.length).toBeGreaterThan(users.length);
    });

    it("finds a user by email and shows them", async () => {
      const [someone] = snapshot.users;
      const found = await collect(io.users.list({ email: someone?.email ?? "" }));
      expect(found.map((u) => u.id)).toEqual([someone?.id]);
      expect((await io.users.show(someone?.id ?? "")).email).toBe(someone?.email);
    });

    it("reads any list through the raw paginator", async () => {
      const raw = await collect(io.paginate("/v2/users", { page_size: 7 }, "users"));
      expect(raw).toHaveLength(snapshot.users.filter((u) => u.is_active).length);
    });
  });

  describe("incident list", () => {
    it("pages through every listed incident, newest first", async () => {
      const before = requestsTo("/v2/incidents");
      const incidents = await collect(io.incidents.list({}, { pageSize: 100 }));
      const expected = demo.listedByDefault;
      expect(new Set(incidents.map((i) => i.id)).size).toBe(incidents.length);
      expect(sortedIds(incidents)).toEqual(sortedIds(expected));
      expect(requestsTo("/v2/incidents") - before).toBe(Math.ceil(expected.length / 100));
      const created = incidents.map((i) => Date.parse(i.created_at));
      expect(created).toEqual([...created].sort((a, b) => b - a));
    });

    it("reports the total and a cursor on one page", async () => {
      const live = demo.listedByDefault.filter((i) => demo.categoryOf(i) === "live");
      const page = await io.incidents.listPage({ status_category: { one_of: "live" } }, { pageSize: 3 });
      expect(page.incidents).toHaveLength(Math.min(3, live.length));
      expect(page.paginationMeta?.total_record_count).toBe(live.length);
      expect(page.paginationMeta?.after).toBe(live.length > 3 ? page.incidents[2]?.id : undefined);
    });

    it("filters by status category", async () => {
      const closed = await collect(io.incidents.list({ status_category: { one_of: ["closed"] } }));
      const expected = demo.listedByDefault.filter((i) => demo.categoryOf(i) === "closed");
      expect(expected.length).toBeGreaterThan(0);
      expect(sortedIds(closed)).toEqual(sortedIds(expected));
      expect(new Set(closed.map((i) => i.incident_status.category))).toEqual(new Set(["closed"]));
    });

    it("filters by severity rank (gte)", async () => {
      const serious = await collect(io.incidents.list({ severity: { gte: sev("Major").id } }));
      const expected = demo.listedByDefault.filter((i) => (demo.severityRank(i) ?? 0) >= 2);
      expect(expected.length).toBeLessThan(demo.listedByDefault.length);
      expect(sortedIds(serious)).toEqual(sortedIds(expected));
      expect(serious.every((i) => (i.severity?.rank ?? 0) >= 2)).toBe(true);
    });

    it("filters by a created_at date range", async () => {
      const march = await collect(
        io.incidents.list({ created_at: { date_range: ["2025-03-01", "2025-03-31"] } }, { pageSize: 20 }),
      );
      const expected = demo.createdBetween("2025-03-01", "2025-03-31");
      expect(expected.length).toBeGreaterThan(20);
      expect(sortedIds(march)).toEqual(sortedIds(expected));
    });

    it("filters by a custom field option", async () => {
      const impact = field("Customer impact");
      const option = snapshot.custom_field_options.find((o) => o.custom_field_id === impact.id);
      const matching = await collect(
        io.incidents.list({ custom_field: { [impact.id]: { one_of: option?.id ?? "" } } }),
      );
      const expected = demo.withOption(impact.id, option?.id ?? "");
      expect(expected.length).toBeGreaterThan(0);
      expect(sortedIds(matching)).toEqual(sortedIds(expected));
      for (const incident of matching) {
        const entry = incident.custom_field_entries.find((e) => e.custom_field.id === impact.id);
        expect(entry?.values[0]?.value_option?.value).toBe(option?.value);
      }
    });

    it("combines filters: live and at least Critical", async () => {
      const found = await collect(
        io.incidents.list({
          status_category: { one_of: ["live"] },
          severity: { gte: sev("Critical").id },
        }),
      );
      const expected = demo.listedByDefault.filter(
        (i) => demo.categoryOf(i) === "live" && (demo.severityRank(i) ?? 0) >= 3,
      );
      expect(sortedIds(found)).toEqual(sortedIds(expected));
    });

    it("lists test incidents only when asked for by mode", async () => {
      const tests = await collect(io.incidents.list({ mode: { one_of: ["test"] } }));
      const seeded = snapshot.incidents.filter((i) => i.mode === "test").map((i) => i.id);
      expect(seeded.length).toBeGreaterThan(0);
      expect(tests.map((i) => i.id)).toEqual(expect.arrayContaining(seeded));
      expect(new Set(tests.map((i) => i.mode))).toEqual(new Set(["test"]));
    });

    it("sorts oldest first", async () => {
      const oldest = await collect(
        io.incidents.list({ sort_by: "created_at_oldest_first" }, { pageSize: 4, limit: 10 }),
      );
      const expected = [...demo.listedByDefault]
        .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
        .slice(0, 10);
      expect(oldest.map((i) => i.id)).toEqual(expected.map((i) => i.id));
    });
  });

  describe("incidents", () => {
    it("shows an incident by ID, by number and by reference", async () => {
      const record = snapshot.incidents.find((i) => i.number === 42);
      const byId = await io.incidents.show(record?.id ?? "");
      expect([byId.reference, byId.name]).toEqual(["INC-42", record?.name]);
      expect((await io.incidents.show(42)).id).toBe(record?.id);
      expect((await io.incidents.show("INC-42")).id).toBe(record?.id);
    });

    it("creates a test incident with custom fields and a role, once per idempotency key", async () => {
      const impact = field("Customer impact");
      const option = snapshot.custom_field_options.find((o) => o.custom_field_id === impact.id);
      const lead = demo.named(snapshot.incident_roles, "Incident Lead");
      const responder = snapshot.users.find((u) => u.is_active);
      const body: IncidentsCreatePayload = {
        idempotency_key: `conformance-${randomUUID()}`,
        visibility: "public",
        mode: "test",
        name: "Checkout returns 500s",
        summary: "Payments fail for card customers.",
        severity_id: sev("Major").id,
        custom_field_entries: [
          { custom_field_id: impact.id, values: [{ value_option_id: option?.id ?? "" }] },
          { custom_field_id: field("Root cause").id, values: [{ value_text: "Expired certificate" }] },
          { custom_field_id: field("Customers affected").id, values: [{ value_numeric: "120" }] },
        ],
        incident_role_assignments: [
          { incident_role_id: lead.id, assignee: { email: responder?.email ?? "" } },
        ],
      };
      const countBefore = t.emulator.incidents().length;
      const { incident } = await io.incidents.create(body);
      expect(incident).toMatchObject({ name: body.name, summary: body.summary, mode: "test" });
      expect(incident.severity?.name).toBe("Major");
      expect(incident.reference).toMatch(/^INC-\d+$/);
      const firstValue = (name: string) =>
        incident.custom_field_entries.find((e) => e.custom_field.name === name)?.values[0];
      expect(firstValue("Customer impact")?.value_option?.value).toBe(option?.value);
      expect(firstValue("Root cause")?.value_text).toBe("Expired certificate");
      expect(firstValue("Customers affected")?.value_numeric).toBe("120");
      const assignment = incident.incident_role_assignments.find((a) => a.role.id === lead.id);
      expect(assignment?.assignee?.id).toBe(responder?.id);

      const again = await io.incidents.create(body);
      expect(again.incident.id).toBe(incident.id);
      expect(t.emulator.incidents().length).toBe(countBefore + 1);

      const listed = await collect(io.incidents.list({}, { limit: 5 }));
      expect(listed.map((i) => i.id)).not.toContain(incident.id);
      const tests = await collect(io.incidents.list({ mode: { one_of: "test" } }, { limit: 5 }));
      expect(tests[0]?.id).toBe(incident.id);
    });

    it("edits name, summary, severity, status and custom fields, recording the change", async () => {
      const id = await newTestIncident("Slow search");
      const impact = field("Customer impact");
      const options = snapshot.custom_field_options.filter((o) => o.custom_field_id === impact.id);
      const last = options[options.length - 1];
      const { incident } = await io.incidents.edit(id, {
        notify_incident_channel: false,
        incident: {
          name: "Search is down",
          summary: "No results for any query.",
          severity_id: sev("Critical").id,
          incident_status_id: status("Fixing").id,
          custom_field_entries: [
            { custom_field_id: impact.id, values: [{ value_option_id: last?.id ?? "" }] },
          ],
        },
      });
      expect(incident).toMatchObject({ name: "Search is down", summary: "No results for any query." });
      expect([incident.severity?.name, incident.incident_status.name]).toEqual(["Critical", "Fixing"]);
      const shown = await io.incidents.show(id);
      const entry = shown.custom_field_entries.find((e) => e.custom_field.id === impact.id);
      expect(entry?.values.map((v) => v.value_option?.value)).toEqual([last?.value]);
      const updates = await collect(io.incidentUpdates.list({ incidentId: id }));
      expect(updates).toHaveLength(1);
      expect([updates[0]?.new_incident_status.name, updates[0]?.new_severity?.name]).toEqual([
        "Fixing",
        "Critical",
      ]);
    });

    it("posts an incident update that moves status and severity, once per idempotency key", async () => {
      const id = await newTestIncident("Queue backlog");
      const body = {
        idempotency_key: randomUUID(),
        incident_id: id,
        message: "Workers scaled up; watching the queue drain.",
        to_incident_status_id: status("Monitoring").id,
        to_severity_id: sev("Major").id,
      };
      const { incident_update: update } = await io.incidentUpdates.create(body);
      expect(update).toMatchObject({ incident_id: id, message: body.message });
      expect([update.new_incident_status.name, update.new_severity?.name]).toEqual(["Monitoring", "Major"]);
      const again = await io.incidentUpdates.create(body);
      expect(again.incident_update.id).toBe(update.id);
      const shown = await io.incidents.show(id);
      expect([shown.incident_status.name, shown.severity?.name]).toEqual(["Monitoring", "Major"]);
      const updates = await collect(io.incidentUpdates.list({ incidentId: id }));
      expect(updates.map((u) => u.id)).toEqual([update.id]);
    });

    it("pages through every incident update", async () => {
      const updates = await collect(io.incidentUpdates.list({}, { pageSize: 250 }));
      expect(new Set(updates.map((u) => u.id)).size).toBe(updates.length);
      expect(updates.length).toBe(t.emulator.incidentUpdates().length);
      expect(updates.length).toBeGreaterThanOrEqual(snapshot.incident_updates.length);
    });
  });

  describe("alerts", () => {
    /** A real Alertmanager notification (two alerts of one group) from the fixture corpus. */
    const notification = JSON.parse(
      readFileSync(
        new URL("../fixtures/alerts/alertmanager/oncall-demo-2-firing.json", import.meta.url),
        "utf8",
      ),
    ) as {
      alerts: {
        status: "firing" | "resolved";
        fingerprint: string;
        labels: Record<string, string>;
        annotations: Record<string, string>;
      }[];
    };
    /** Each alert as an event for an HTTP alert source, keyed by its Alertmanager fingerprint. */
    const events: AlertEventPayload[] = notification.alerts.map((alert) => ({
      title: alert.annotations.title ?? alert.labels.alertname ?? "",
      status: alert.status,
      deduplication_key: alert.fingerprint,
      ...(alert.annotations.description ? { description: alert.annotations.description } : {}),
      metadata: { labels: alert.labels },
    }));
    const hubSource = () => demo.named(snapshot.alert_sources, "incidentkit hub");

    it("lists and shows the demo organisation's HTTP alert sources with their secrets", async () => {
      const sources = await io.alertSources.list();
      expect(sources.map((s) => [s.name, s.source_type]).sort()).toEqual([
        ["Uptime checks", "http"],
        ["incidentkit hub", "http"],
      ]);
      const shown = await io.alertSources.show(hubSource().id);
      expect(shown.secret_token).toBe(hubSource().secret_token);
      expect(shown.alert_events_url).toBe(`${t.url}/v2/alert_events/http/${hubSource().id}`);
    });

    it("forwards an Alertmanager group as alert events, one alert per fingerprint, and resolves one", async () => {
      const token = hubSource().secret_token;
      for (const event of events) {
        const accepted = await io.alertEvents.createHttp(hubSource().id, event, { token });
        expect(accepted).toEqual({
          deduplication_key: event.deduplication_key,
          message: "Event accepted for processing",
          status: "success",
        });
      }
      const [first, second] = events;
      await io.alertEvents.createHttp(hubSource().id, { ...(first as AlertEventPayload) }, { token });
      await io.alertEvents.createHttp(
        hubSource().id,
        { ...(second as AlertEventPayload), status: "resolved" },
        { token },
      );

      const fromHub = await collect(
        io.alerts.list({ alert_source: { one_of: hubSource().id } }, { pageSize: 1 }),
      );
      expect(fromHub.map((a) => [a.deduplication_key, a.status])).toEqual([
        [second?.deduplication_key, "resolved"],
        [first?.deduplication_key, "firing"],
      ]);
      expect(requestsTo("/v2/alerts")).toBeGreaterThanOrEqual(2);
      const firing = await collect(
        io.alerts.list({
          status: { one_of: "firing" },
          deduplication_key: { is: first?.deduplication_key ?? "" },
        }),
      );
      expect(firing.map((a) => a.title)).toEqual(["Instance localhost:8081 down"]);
      const shown = await io.alerts.show(fromHub[0]?.id ?? "");
      expect([shown.status, shown.description, shown.resolved_at]).toEqual([
        "resolved",
        second?.description,
        expect.any(String),
      ]);
      const stored = t.emulator.alerts().find((a) => a.deduplication_key === first?.deduplication_key);
      expect(stored?.metadata).toEqual({ labels: notification.alerts[0]?.labels });
    });

    it("refuses a wrong token (401, naming the source's token), an unknown source (404) and a keyless event (422)", async () => {
      const [event] = events;
      const body = event as AlertEventPayload;
      const badToken = await rejection(io.alertEvents.createHttp(hubSource().id, body, { token: "not-it" }));
      expect([badToken.status, badToken.code]).toEqual([401, "unauthorized"]);
      expect(badToken.hint).toMatch(/alert source's secret token/);
      const unknown = await rejection(
        io.alertEvents.createHttp("01HZZZZZZZZZZZZZZZZZZZZZZZ", body, { token: hubSource().secret_token }),
      );
      expect(unknown.status).toBe(404);
      const { deduplication_key: _, ...keyless } = body;
      const invalid = await rejection(
        io.alertEvents.createHttp(hubSource().id, keyless, { token: hubSource().secret_token }),
      );
      expect([invalid.status, invalid.fieldErrors.map((e) => e.field)]).toEqual([422, ["deduplication_key"]]);
    });

    it("lets the read-only and bot keys read alerts and alert sources (the viewer role)", async () => {
      expect(Array.isArray((await viewer.alerts.listPage({}, { pageSize: 5 })).alerts)).toBe(true);
      const creator = client(demo.named(snapshot.api_keys, "Incident bot").token);
      expect((await creator.alertSources.list()).length).toBe(2);
    });
  });

  describe("errors", () => {
    it("404 for an unknown incident ID or number", async () => {
      const byId = await rejection(io.incidents.show("01HZZZZZZZZZZZZZZZZZZZZZZZ"));
      expect([byId.status, byId.code]).toEqual([404, "not_found"]);
      expect(byId.requestId).toBeTruthy();
      expect(byId.hint).toMatch(/check the ID/);
      expect((await rejection(io.incidents.show(99_999))).status).toBe(404);
    });

    it("422 naming the field for an unknown severity and for a move back to active", async () => {
      const unknown = await rejection(
        io.incidents.create({
          idempotency_key: randomUUID(),
          visibility: "public",
          mode: "test",
          name: "Bad severity",
          severity_id: "01HZZZZZZZZZZZZZZZZZZZZZZZ",
        }),
      );
      expect([unknown.status, unknown.code]).toEqual([422, "validation_failed"]);
      expect(unknown.fieldErrors.map((e) => e.field)).toContain("severity_id");

      const id = await newTestIncident("Resolved then reopened");
      await io.incidents.edit(id, {
        notify_incident_channel: false,
        incident: { incident_status_id: status("Documenting").id },
      });
      const back = await rejection(
        io.incidents.edit(id, {
          notify_incident_channel: false,
          incident: { incident_status_id: status("Investigating").id },
        }),
      );
      expect(back.status).toBe(422);
      expect(back.fieldErrors.map((e) => e.field)).toContain("incident.incident_status_id");
      expect((await io.incidents.show(id)).incident_status.name).toBe("Documenting");
    });

    it("403 naming the missing scope for a read-only key, which can still read", async () => {
      const before = t.emulator.incidents().length;
      const denied = await rejection(
        viewer.incidents.create({ idempotency_key: randomUUID(), visibility: "public", mode: "test" }),
      );
      expect([denied.status, denied.code, denied.requiredScope]).toEqual([
        403,
        "forbidden",
        "incidents.create",
      ]);
      expect(denied.hint).toMatch(/incidents\.create/);
      expect(t.emulator.incidents().length).toBe(before);
      const settings = await rejection(viewer.severities.create({ name: "Nope", description: "Nope" }));
      expect(settings.requiredScope).toBe("organisation_settings.update");
      expect((await viewer.incidents.listPage({}, { pageSize: 1 })).incidents).toHaveLength(1);
    });

    it("401 for a key the emulator does not know, without echoing the key", async () => {
      const badKey = `inc_${"f".repeat(64)}`;
      const error = await rejection(client(badKey).identity());
      expect([error.status, error.code]).toEqual([401, "unauthorized"]);
      expect(error.hint).toMatch(/API key/);
      expect(JSON.stringify({ ...error.toJSON(), message: error.message, url: error.url })).not.toContain(
        badKey,
      );
    });
  });

  it.skipIf(descriptionMissingReason !== undefined)(
    "implements every required operation, and every request and answer conformed",
    async () => {
      const missing = REQUIRED_OPERATIONS.filter((operation) => !t.implemented.has(operation));
      expect(missing).toEqual([]);
      await expect(t.close()).resolves.toBeUndefined();
    },
  );
});

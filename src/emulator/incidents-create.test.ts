import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { Snapshot } from "./model.js";
import { call, incidentRecord, named, type Reply, testSnapshot, tokenFor } from "./testing.js";

const NOW = Date.UTC(2024, 4, 2, 9, 30);

let snapshot: Snapshot;
let t: TestEmulator;
let token: string;

async function start(prepare: (s: Snapshot) => void = () => {}): Promise<void> {
  snapshot = testSnapshot();
  prepare(snapshot);
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    clock: new ManualClock(NOW),
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
  token = tokenFor(snapshot, "Bot");
}

beforeEach(() => start());
afterEach(() => t.close());

const id = (records: readonly { id: string; name: string }[], name: string) => named(records, name).id;
const severity = (name: string) => id(snapshot.severities, name);
const status = (name: string) => id(snapshot.incident_statuses, name);
const type = (name: string) => id(snapshot.incident_types, name);
const field = (name: string) => id(snapshot.custom_fields, name);
const role = (name: string) => id(snapshot.incident_roles, name);
const option = (value: string) => snapshot.custom_field_options.find((o) => o.value === value)?.id ?? "";

let keyCounter = 0;
/** A body the emulator accepts: a fresh idempotency key, public, Minor. */
function body(extra: Record<string, unknown> = {}): Record<string, unknown> {
  keyCounter++;
  return {
    idempotency_key: `key-${keyCounter}`,
    visibility: "public",
    severity_id: severity("Minor"),
    ...extra,
  };
}

function create(payload: unknown, as = token): Promise<Reply> {
  return call(t.emulator, "POST", "/v2/incidents", { token: as, body: payload });
}

async function created(payload: unknown) {
  const reply = await create(payload);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.incident;
}

/** A 422 naming `field`, after which the store still holds no incident. */
async function refused(payload: unknown, field: string) {
  const reply = await create(payload);
  expect(reply.status, JSON.stringify(reply.body)).toBe(422);
  expect(reply.body.type).toBe("validation_error");
  expect(reply.body.errors[0].source.field).toBe(field);
  expect(t.emulator.incidents()).toHaveLength(0);
  return reply.body.errors[0];
}

describe("POST /v2/incidents: the created incident", () => {
  it("answers 200 with the incident rendered in full, as GET then shows it", async () => {
    const at = new Date(NOW).toISOString();
    const incident = await created(
      body({
        name: "Checkout is down",
        summary: "Card payments fail",
        visibility: "private",
        severity_id: severity("Major"),
        incident_status_id: status("Fixing"),
        incident_type_id: type("Default"),
        custom_field_entries: [
          { custom_field_id: field("Affected team"), values: [{ value_option_id: option("Payments") }] },
          {
            custom_field_id: field("Products"),
            values: [{ value_option_id: option("Web") }, { value_option_id: option("App") }],
          },
          { custom_field_id: field("Service"), values: [{ value_catalog_entry_id: "ext-checkout" }] },
          { custom_field_id: field("Notes"), values: [{ value_text: "Started after deploy" }] },
          { custom_field_id: field("Runbook"), values: [{ value_link: "https://runbooks.example.com/pay" }] },
          { custom_field_id: field("Cost"), values: [{ value_numeric: "1234.5" }] },
        ],
        incident_role_assignments: [
          { incident_role_id: role("Incident Lead"), assignee: { email: "ADA@example.com" } },
          { incident_role_id: role("Reporter"), assignee: { id: id(snapshot.users, "Grace Hopper") } },
        ],
        incident_timestamp_values: [
          {
            incident_timestamp_id: snapshot.incident_timestamps[0]?.id,
            value: "2024-05-02T09:00:00.123456Z",
          },
        ],
      }),
    );
    expect(incident).toMatchObject({
      reference: "INC-1",
      name: "Checkout is down",
      summary: "Card payments fail",
      permalink: `https://app.incident.io/${snapshot.organisation.slug}/incidents/1`,
      mode: "standard",
      visibility: "private",
      severity: { id: severity("Major"), name: "Major", rank: 2 },
      incident_status: { id: status("Fixing"), name: "Fixing", category: "live" },
      incident_type: { id: type("Default"), name: "Default" },
      creator: { api_key: { id: named(snapshot.api_keys, "Bot").id, name: "Bot" } },
      slack_team_id: snapshot.organisation.slack_team_id,
      team_ids: [],
      created_at: at,
      updated_at: at,
      last_activity_at: at,
    });
    const values = Object.fromEntries(
      incident.custom_field_entries.map((entry: { custom_field: { name: string }; values: unknown[] }) => [
        entry.custom_field.name,
        entry.values,
      ]),
    );
    expect(values).toEqual({
      "Affected team": [{ value_option: expect.objectContaining({ value: "Payments" }) }],
      Products: [
        { value_option: expect.objectContaining({ value: "Web" }) },
        { value_option: expect.objectContaining({ value: "App" }) },
      ],
      Service: [{ value_catalog_entry: expect.objectContaining({ name: "checkout" }) }],
      Notes: [{ value_text: "Started after deploy" }],
      Runbook: [{ value_link: "https://runbooks.example.com/pay" }],
      Cost: [{ value_numeric: "1234.5" }],
    });
    const assignees = Object.fromEntries(
      incident.incident_role_assignments.map((a: { role: { name: string }; assignee?: { name: string } }) => [
        a.role.name,
        a.assignee?.name,
      ]),
    );
    expect(assignees).toEqual({
      "Incident Lead": "Ada Lovelace",
      Reporter: "Grace Hopper",
      Comms: undefined,
    });
    expect(incident.incident_timestamp_values[0].value).toEqual({ value: "2024-05-02T09:00:00.123Z" });
    expect(incident.slack_channel_id).toMatch(/^C[0-9A-Z]+$/);

    // A private incident: only a key with global access reads it back.
    const shown = await call(t.emulator, "GET", `/v2/incidents/${incident.id}`, { token: t.adminKey });
    expect(shown.body.incident).toEqual(incident);
  });

  it("numbers references one past the highest existing incident", async () => {
    await t.close();
    await start((s) => {
      s.incidents = [incidentRecord(s, 41)];
    });
    expect((await created(body())).reference).toBe("INC-42");
    expect((await created(body())).reference).toBe("INC-43");
  });

  it("defaults to the default type, the first active status by rank and standard mode", async () => {
    const incident = await created(body());
    expect(incident.incident_type.name).toBe("Default");
    expect(incident.incident_status.name).toBe("Investigating");
    expect(incident.mode).toBe("standard");
    expect(incident.visibility).toBe("public");
  });

  it("starts incidents of a type that always triages in the triage status, without a severity", async () => {
    const { severity_id: _, ...noSeverity } = body({ incident_type_id: type("Triaged") });
    const incident = await created(noSeverity);
    expect(incident.incident_status).toMatchObject({ name: "Triage", category: "triage" });
    expect(incident.severity).toBeUndefined();
  });

  it("refuses public incidents of a private-only type", async () => {
    await refused(body({ incident_type_id: type("Security") }), "visibility");
    expect(
      (await created(body({ incident_type_id: type("Security"), visibility: "private" }))).visibility,
    ).toBe("private");
  });
});

describe("POST /v2/incidents: severity and status", () => {
  // The description marks only idempotency_key and visibility required; its documented 422 example is
  // "A severity is required to open an incident" (source.field severity_id). Triage incidents are not open yet.
  it("requires a severity unless the incident starts in triage", async () => {
    const { severity_id: _, ...noSeverity } = body();
    const error = await refused(noSeverity, "severity_id");
    expect(error.code).toBe("is_required");
    expect(error.message).toBe("A severity is required to open an incident");
    const triage = await created({ ...noSeverity, incident_status_id: status("Triage") });
    expect(triage.incident_status.category).toBe("triage");
    expect(triage.severity).toBeUndefined();
  });

  it("creates incidents in triage, active, post-incident and closed statuses", async () => {
    for (const name of ["Triage", "Investigating", "Fixing", "Post-incident", "Closed"]) {
      const incident = await created(body({ incident_status_id: status(name) }));
      expect(incident.incident_status.name).toBe(name);
    }
  });

  it("refuses statuses incident.io manages: declined, merged, canceled and paused", async () => {
    for (const name of ["Declined", "Merged", "Canceled", "Paused"]) {
      const error = await refused(body({ incident_status_id: status(name) }), "incident_status_id");
      expect(error.message).toContain(name);
    }
  });
});

describe("POST /v2/incidents: validation", () => {
  it("answers 422 naming the field for unknown IDs, creating nothing", async () => {
    const teamField = field("Affected team");
    const cases: [Record<string, unknown>, string][] = [
      [{ severity_id: "01NOSUCHSEVERITY" }, "severity_id"],
      [{ incident_status_id: "01NOSUCHSTATUS" }, "incident_status_id"],
      [{ incident_type_id: "01NOSUCHTYPE" }, "incident_type_id"],
      [
        { custom_field_entries: [{ custom_field_id: "01NOSUCHFIELD", values: [] }] },
        "custom_field_entries.0.custom_field_id",
      ],
      [
        { custom_field_entries: [{ custom_field_id: teamField, values: [{ value_option_id: "01NOPE" }] }] },
        "custom_field_entries.0.values.0.value_option_id",
      ],
      [
        // An option that exists, but belongs to another field.
        {
          custom_field_entries: [
            { custom_field_id: teamField, values: [{ value_option_id: option("Web") }] },
          ],
        },
        "custom_field_entries.0.values.0.value_option_id",
      ],
      [
        {
          custom_field_entries: [
            { custom_field_id: field("Service"), values: [{ value_catalog_entry_id: "no-such-service" }] },
          ],
        },
        "custom_field_entries.0.values.0.value_catalog_entry_id",
      ],
      [
        { incident_role_assignments: [{ incident_role_id: "01NOSUCHROLE", assignee: { id: "x" } }] },
        "incident_role_assignments.0.incident_role_id",
      ],
      [
        {
          incident_role_assignments: [
            { incident_role_id: role("Incident Lead"), assignee: { email: "nobody@example.com" } },
          ],
        },
        "incident_role_assignments.0.assignee",
      ],
      [
        {
          incident_timestamp_values: [{ incident_timestamp_id: "01NOSUCHTS", value: "2024-05-01T00:00:00Z" }],
        },
        "incident_timestamp_values.0.incident_timestamp_id",
      ],
    ];
    for (const [extra, fieldName] of cases) await refused(body(extra), fieldName);
  });

  it("answers 422 for values of the wrong kind for a custom field", async () => {
    const cases: [string, Record<string, string>[], string][] = [
      [
        "Affected team",
        [{ value_option_id: option("Payments") }, { value_option_id: option("Mobile") }],
        "values",
      ],
      ["Runbook", [{ value_link: "not a url" }], "values.0.value_link"],
      ["Cost", [{ value_numeric: "12 dollars" }], "values.0.value_numeric"],
      ["Notes", [{ value_link: "https://example.com" }], "values.0.value_text"],
    ];
    for (const [name, values, at] of cases) {
      await refused(
        body({ custom_field_entries: [{ custom_field_id: field(name), values }] }),
        `custom_field_entries.0.${at}`,
      );
    }
  });

  it("requires idempotency_key and visibility, the description's only required fields", async () => {
    const { idempotency_key: _, ...noKey } = body();
    expect((await refused(noKey, "idempotency_key")).code).toBe("is_required");
    const { visibility: __, ...noVisibility } = body();
    expect((await refused(noVisibility, "visibility")).code).toBe("is_required");

    const both = await create({ severity_id: severity("Minor") });
    expect(both.status).toBe(422);
    const fields = both.body.errors.map((e: { source: { field: string } }) => e.source.field);
    expect(fields.sort()).toEqual(["idempotency_key", "visibility"]);
  });

  it("refuses a visibility or mode outside the enum, and an empty idempotency key", async () => {
    await refused(body({ visibility: "secret" }), "visibility");
    await refused(body({ mode: "real" }), "mode");
    await refused(body({ idempotency_key: "" }), "idempotency_key");
    await refused(body({ name: 42 }), "name");
  });

  it("answers 400 invalid_request_error for a body that is not JSON", async () => {
    const reply = await call(t.emulator, "POST", "/v2/incidents", { token, rawBody: '{"visibility": "pub' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ type: "invalid_request_error", status: 400 });
    expect(reply.body.request_id).toEqual(expect.any(String));
    expect(reply.body.errors[0]).toMatchObject({ code: "invalid_json", message: expect.any(String) });
    expect(t.emulator.incidents()).toHaveLength(0);
  });

  it("answers 422 for JSON that is not an object", async () => {
    for (const payload of [[], "text", 12, null]) {
      const reply = await create(payload);
      expect(reply.status).toBe(422);
      expect(reply.body.errors[0].message).toMatch(/JSON object/);
    }
  });

  it("answers 403 to a key that may not create incidents", async () => {
    const reply = await create(body(), tokenFor(snapshot, "Viewer"));
    expect(reply.status).toBe(403);
    expect(reply.body.errors[0].metadata.required_scope).toBe("incidents.create");
    expect(t.emulator.incidents()).toHaveLength(0);
  });
});

describe("POST /v2/incidents: idempotency", () => {
  it("returns the first incident when the same idempotency key is sent again, storing one", async () => {
    const payload = body({ name: "First" });
    const first = await created(payload);
    const again = await created({ ...payload, name: "Second attempt" });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe("First");
    expect(t.emulator.incidents()).toHaveLength(1);
  });

  it("creates separate incidents for different keys", async () => {
    const a = await created(body({ name: "Same name" }));
    const b = await created(body({ name: "Same name" }));
    expect(a.id).not.toBe(b.id);
    expect([a.reference, b.reference]).toEqual(["INC-1", "INC-2"]);
    expect(t.emulator.incidents()).toHaveLength(2);
  });
});

describe("POST /v2/incidents: modes", () => {
  it("creates test incidents that the list shows only when asked for", async () => {
    const incident = await created(body({ mode: "test" }));
    expect(incident.mode).toBe("test");
    const list = (query: string) => call(t.emulator, "GET", `/v2/incidents${query}`, { token });
    expect((await list("")).body.incidents).toEqual([]);
    expect((await list("?mode[one_of]=test")).body.incidents.map((i: { id: string }) => i.id)).toEqual([
      incident.id,
    ]);
  });

  it("creates retrospective incidents without a Slack channel unless one is attached", async () => {
    const plain = await created(body({ mode: "retrospective", incident_status_id: status("Closed") }));
    expect(plain).toMatchObject({ mode: "retrospective", slack_channel_id: "" });
    expect(plain.slack_channel_name).toBeUndefined();
    const attached = await created(
      body({ mode: "retrospective", retrospective_incident_options: { slack_channel_id: "C0123ABC" } }),
    );
    expect(attached.slack_channel_id).toBe("C0123ABC");
  });

  it("uses a retrospective incident's external_id as its number, once", async () => {
    const options = { external_id: 123 };
    const imported = await created(body({ mode: "retrospective", retrospective_incident_options: options }));
    expect(imported.reference).toBe("INC-123");
    expect(imported.permalink).toMatch(/\/incidents\/123$/);
    const taken = await create(body({ mode: "retrospective", retrospective_incident_options: options }));
    expect(taken.status).toBe(422);
    expect(taken.body.errors[0].source.field).toBe("retrospective_incident_options.external_id");
    expect(t.emulator.incidents()).toHaveLength(1);
  });

  it("keeps a retrospective incident's post-mortem document URL", async () => {
    const url = "https://docs.example.com/postmortems/inc-9";
    const imported = await created(
      body({ mode: "retrospective", retrospective_incident_options: { postmortem_document_url: url } }),
    );
    expect(imported.postmortem_document_url).toBe(url);
    const shown = await call(t.emulator, "GET", `/v2/incidents/${imported.id}`, { token });
    expect(shown.body.incident.postmortem_document_url).toBe(url);
    expect((await created(body())).postmortem_document_url).toBeUndefined();
  });

  it("refuses an external_id for an incident that is not retrospective", async () => {
    await refused(
      body({ mode: "standard", retrospective_incident_options: { external_id: 7 } }),
      "retrospective_incident_options.external_id",
    );
  });
});

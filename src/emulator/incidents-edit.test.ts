import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { IncidentRecord, Snapshot } from "./model.js";
import {
  call,
  type IncidentOverrides,
  incidentRecord,
  named,
  type Reply,
  testSnapshot,
  tokenFor,
} from "./testing.js";

const START = Date.UTC(2024, 4, 2, 9);

let snapshot: Snapshot;
let t: TestEmulator;
let clock: ManualClock;
let token: string;
const inc: Record<string, IncidentRecord> = {};

const id = (records: readonly { id: string; name: string }[], name: string) => named(records, name).id;
const severity = (name: string) => id(snapshot.severities, name);
const status = (name: string) => id(snapshot.incident_statuses, name);
const field = (name: string) => id(snapshot.custom_fields, name);
const role = (name: string) => id(snapshot.incident_roles, name);
const user = (name: string) => id(snapshot.users, name);
const option = (value: string) => snapshot.custom_field_options.find((o) => o.value === value)?.id ?? "";

/** One incident per status category that matters, the live one with custom fields and a lead. */
beforeEach(async () => {
  snapshot = testSnapshot();
  const s = snapshot;
  const add = (key: string, number: number, statusName: string, extra: IncidentOverrides = {}) => {
    inc[key] = incidentRecord(s, number, { incident_status_id: status(statusName), ...extra });
  };
  add("live", 1, "Investigating", {
    summary: "Payments fail",
    custom_field_entries: [
      { custom_field_id: field("Affected team"), values: [{ value_option_id: option("Payments") }] },
      { custom_field_id: field("Notes"), values: [{ value_text: "deploy 42" }] },
    ],
    role_assignments: [{ incident_role_id: role("Incident Lead"), assignee_user_id: user("Ada Lovelace") }],
  });
  add("triage", 2, "Triage", { severity_id: undefined });
  add("learning", 3, "Post-incident");
  add("closed", 4, "Closed");
  add("paused", 5, "Paused");
  s.incidents = Object.values(inc);
  clock = new ManualClock(START);
  t = await startTestEmulator({
    ephemeral: true,
    snapshot: s,
    clock,
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
  token = tokenFor(s, "Editor");
});

afterEach(() => t.close());

function edit(
  key: string,
  incident: unknown,
  options: { as?: string; notify?: unknown } = {},
): Promise<Reply> {
  const target = inc[key]?.id ?? key;
  return call(t.emulator, "POST", `/v2/incidents/${target}/actions/edit`, {
    token: options.as ?? token,
    body: { notify_incident_channel: options.notify ?? true, incident },
  });
}

async function edited(key: string, incident: unknown) {
  const reply = await edit(key, incident);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.incident;
}

async function show(key: string) {
  return (await call(t.emulator, "GET", `/v2/incidents/${inc[key]?.id}`, { token })).body.incident;
}

async function updatesOf(key: string) {
  const reply = await call(t.emulator, "GET", `/v2/incident_updates?incident_id=${inc[key]?.id}`, { token });
  expect(reply.status).toBe(200);
  return reply.body.incident_updates;
}

/** A 422 naming `field`, with the incident and its updates exactly as before. */
async function refused(key: string, incident: unknown, fieldName: string) {
  const before = { incidents: t.emulator.incidents(), updates: t.emulator.incidentUpdates() };
  const reply = await edit(key, incident);
  expect(reply.status, JSON.stringify(reply.body)).toBe(422);
  expect(reply.body.type).toBe("validation_error");
  expect(reply.body.errors[0].source.field).toBe(fieldName);
  expect({ incidents: t.emulator.incidents(), updates: t.emulator.incidentUpdates() }).toEqual(before);
  return reply.body.errors[0];
}

describe("POST /v2/incidents/{id}/actions/edit: fields", () => {
  it("changes name, summary, severity, status, custom fields and roles, moving updated_at", async () => {
    clock.advance(60_000);
    const later = new Date(START + 60_000).toISOString();
    const incident = await edited("live", {
      name: "Payments degraded",
      summary: "Half of card payments fail",
      severity_id: severity("Critical"),
      incident_status_id: status("Fixing"),
      custom_field_entries: [
        { custom_field_id: field("Affected team"), values: [{ value_option_id: option("Platform") }] },
        { custom_field_id: field("Cost"), values: [{ value_numeric: "99.5" }] },
      ],
      incident_role_assignments: [
        {
          incident_role_id: role("Incident Lead"),
          assignee: { slack_user_id: named(snapshot.users, "Grace Hopper").slack_user_id },
        },
        { incident_role_id: role("Comms"), assignee: { email: "ada@example.com" } },
      ],
    });
    expect(incident).toMatchObject({
      name: "Payments degraded",
      summary: "Half of card payments fail",
      severity: { name: "Critical" },
      incident_status: { name: "Fixing" },
      created_at: inc.live?.created_at,
      updated_at: later,
      last_activity_at: later,
    });
    const values = Object.fromEntries(
      incident.custom_field_entries.map((e: { custom_field: { name: string }; values: unknown[] }) => [
        e.custom_field.name,
        e.values,
      ]),
    );
    expect(values).toEqual({
      "Affected team": [{ value_option: expect.objectContaining({ value: "Platform" }) }],
      Notes: [{ value_text: "deploy 42" }],
      Cost: [{ value_numeric: "99.5" }],
    });
    const assignees = Object.fromEntries(
      incident.incident_role_assignments.map((a: { role: { name: string }; assignee?: { name: string } }) => [
        a.role.name,
        a.assignee?.name,
      ]),
    );
    expect(assignees).toEqual({
      "Incident Lead": "Grace Hopper",
      Reporter: undefined,
      Comms: "Ada Lovelace",
    });
    expect(await show("live")).toEqual(incident);
  });

  it("leaves omitted fields as they were", async () => {
    const before = await show("live");
    clock.advance(1000);
    const incident = await edited("live", { name: "Renamed" });
    const { name, updated_at, last_activity_at, ...rest } = incident;
    const { name: _n, updated_at: _u, last_activity_at: _l, ...restBefore } = before;
    expect(name).toBe("Renamed");
    expect(updated_at).not.toBe(before.updated_at);
    expect(rest).toEqual(restBefore);
  });

  it("unsets a custom field given no values and unassigns a role given no assignee", async () => {
    const incident = await edited("live", {
      custom_field_entries: [{ custom_field_id: field("Affected team"), values: [] }],
      incident_role_assignments: [{ incident_role_id: role("Incident Lead") }],
    });
    expect(
      incident.custom_field_entries.map((e: { custom_field: { name: string } }) => e.custom_field.name),
    ).toEqual(["Notes"]);
    expect(incident.incident_role_assignments.every((a: { assignee?: unknown }) => !a.assignee)).toBe(true);
  });

  it("refuses to assign the reporter role after creation", async () => {
    await refused(
      "live",
      {
        incident_role_assignments: [
          { incident_role_id: role("Reporter"), assignee: { id: user("Ada Lovelace") } },
        ],
      },
      "incident.incident_role_assignments.0.incident_role_id",
    );
  });

  it("answers 422 naming the field for unknown severities, statuses, fields and users", async () => {
    await refused("live", { severity_id: "01NOSEVERITY" }, "incident.severity_id");
    await refused("live", { incident_status_id: "01NOSTATUS" }, "incident.incident_status_id");
    await refused(
      "live",
      { custom_field_entries: [{ custom_field_id: "01NOFIELD", values: [] }] },
      "incident.custom_field_entries.0.custom_field_id",
    );
    await refused(
      "live",
      { incident_role_assignments: [{ incident_role_id: role("Comms"), assignee: { id: "01NOUSER" } }] },
      "incident.incident_role_assignments.0.assignee",
    );
    await refused("live", { name: ["not", "a", "string"] }, "incident.name");
  });

  it("answers 404 not_found for an unknown incident", async () => {
    const reply = await edit("01HXXXXXXXXXXXXXXXXXXXXXXX", { name: "Ghost" });
    expect(reply.status).toBe(404);
    expect(reply.body.type).toBe("not_found");
    expect(reply.body.errors[0].message).toContain("01HXXXXXXXXXXXXXXXXXXXXXXX");
  });

  it("writes nothing when every given field already has its value", async () => {
    const before = await show("live");
    clock.advance(60_000);
    const incident = await edited("live", {
      name: before.name,
      severity_id: before.severity.id,
      incident_status_id: before.incident_status.id,
    });
    expect(incident.updated_at).toBe(before.updated_at);
    expect(await updatesOf("live")).toEqual([]);
    // An edit naming no field needs no scope, so even a viewer key may send one; it must not touch the incident.
    const empty = await edit("live", {}, { as: tokenFor(snapshot, "Viewer") });
    expect(empty.status).toBe(200);
    expect(await show("live")).toEqual(before);
  });
});

describe("POST /v2/incidents/{id}/actions/edit: notify_incident_channel and scopes", () => {
  it("accepts notify_incident_channel true or false and requires it as a boolean", async () => {
    expect((await edit("live", { name: "A" }, { notify: true })).status).toBe(200);
    expect((await edit("live", { name: "B" }, { notify: false })).status).toBe(200);
    const missing = await call(t.emulator, "POST", `/v2/incidents/${inc.live?.id}/actions/edit`, {
      token,
      body: { incident: { name: "C" } },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({
      code: "is_required",
      source: { field: "notify_incident_channel" },
    });
    const wrongType = await edit("live", { name: "C" }, { notify: "yes" });
    expect(wrongType.body.errors[0].source.field).toBe("notify_incident_channel");
    const noIncident = await call(t.emulator, "POST", `/v2/incidents/${inc.live?.id}/actions/edit`, {
      token,
      body: { notify_incident_channel: true },
    });
    expect(noIncident.body.errors[0].source.field).toBe("incident");
    expect((await show("live")).name).toBe("B");
  });

  it("answers 403 naming the scope a key lacks, changing nothing", async () => {
    for (const key of ["Viewer", "Creator"] as const) {
      const reply = await edit("live", { severity_id: severity("Major") }, { as: tokenFor(snapshot, key) });
      expect(reply.status).toBe(403);
      expect(reply.body.errors[0].metadata.required_scope).toBe("incidents.update_severity");
    }
    expect((await show("live")).severity.name).toBe("Minor");
  });
});

describe("POST /v2/incidents/{id}/actions/edit: status transitions", () => {
  // IncidentEditPayloadV2.incident_status_id: within a category; resolving from active/triage to post-incident
  // or closed; closing from post-incident. Nothing else, and never into statuses incident.io manages.
  const allowed: [string, string][] = [
    ["live", "Fixing"],
    ["live", "Post-incident"],
    ["live", "Closed"],
    ["triage", "Post-incident"],
    ["triage", "Closed"],
    ["learning", "Closed"],
    ["paused", "Closed"],
  ];
  const refusedMoves: [string, string][] = [
    ["live", "Triage"],
    ["live", "Paused"],
    ["live", "Declined"],
    ["live", "Merged"],
    ["live", "Canceled"],
    ["triage", "Investigating"],
    ["triage", "Declined"],
    ["learning", "Investigating"],
    ["closed", "Investigating"],
    ["closed", "Post-incident"],
    ["closed", "Triage"],
  ];

  it.each(allowed)("moves an incident in %s to %s", async (key, to) => {
    expect((await edited(key, { incident_status_id: status(to) })).incident_status.name).toBe(to);
  });

  it.each(refusedMoves)("refuses to move an incident in %s to %s, naming the field", async (key, to) => {
    const error = await refused(key, { incident_status_id: status(to) }, "incident.incident_status_id");
    expect(error.message).toContain(`"${to}"`);
  });
});

describe("POST /v2/incidents/{id}/actions/edit: incident updates", () => {
  it("records an update by the API key for every status or severity change, newest first", async () => {
    const editor = named(snapshot.api_keys, "Editor");
    await edited("live", { severity_id: severity("Major") });
    clock.advance(1000);
    await edited("live", { incident_status_id: status("Fixing") });
    clock.advance(1000);
    await edited("live", { severity_id: severity("Critical"), incident_status_id: status("Post-incident") });
    const updates = await updatesOf("live");
    expect(
      updates.map((u: { new_incident_status: { name: string }; new_severity: { name: string } }) => [
        u.new_incident_status.name,
        u.new_severity.name,
      ]),
    ).toEqual([
      ["Post-incident", "Critical"],
      ["Fixing", "Major"],
      ["Investigating", "Major"],
    ]);
    for (const update of updates) {
      expect(update.updater).toEqual({ api_key: { id: editor.id, name: "Editor" } });
      expect(update.incident_id).toBe(inc.live?.id);
    }
    expect(updates[0].created_at).toBe(new Date(START + 2000).toISOString());
  });

  it("records no update for edits that leave status and severity alone", async () => {
    await edited("live", { name: "Only the name", summary: "and summary" });
    await edited("live", { incident_status_id: status("Investigating") });
    expect(await updatesOf("live")).toEqual([]);
    expect(t.emulator.incidentUpdates()).toEqual([]);
  });

  it("records the first severity of a triage incident", async () => {
    await edited("triage", { severity_id: severity("Minor") });
    const [update] = await updatesOf("triage");
    expect(update).toMatchObject({
      new_incident_status: { name: "Triage" },
      new_severity: { name: "Minor" },
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { IncidentRecord, Snapshot } from "./model.js";
import { call, incidentRecord, named, type Reply, testSnapshot, tokenFor } from "./testing.js";

const START = Date.UTC(2024, 4, 2, 9);

let snapshot: Snapshot;
let t: TestEmulator;
let clock: ManualClock;
let token: string;
let live: IncidentRecord;
let other: IncidentRecord;

const id = (records: readonly { id: string; name: string }[], name: string) => named(records, name).id;
const severity = (name: string) => id(snapshot.severities, name);
const status = (name: string) => id(snapshot.incident_statuses, name);

beforeEach(async () => {
  snapshot = testSnapshot();
  live = incidentRecord(snapshot, 1);
  other = incidentRecord(snapshot, 2);
  snapshot.incidents = [live, other];
  clock = new ManualClock(START);
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    clock,
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
  token = tokenFor(snapshot, "Bot");
});

afterEach(() => t.close());

let keyCounter = 0;
function post(payload: Record<string, unknown>, as = token): Promise<Reply> {
  keyCounter++;
  return call(t.emulator, "POST", "/v2/incident_updates", {
    token: as,
    body: { idempotency_key: `update-${keyCounter}`, incident_id: live.id, ...payload },
  });
}

async function posted(payload: Record<string, unknown>) {
  const reply = await post(payload);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.incident_update;
}

async function refused(payload: Record<string, unknown>, field: string) {
  const before = { incidents: t.emulator.incidents(), updates: t.emulator.incidentUpdates() };
  const reply = await post(payload);
  expect(reply.status, JSON.stringify(reply.body)).toBe(422);
  expect(reply.body.type).toBe("validation_error");
  expect(reply.body.errors[0].source.field).toBe(field);
  expect({ incidents: t.emulator.incidents(), updates: t.emulator.incidentUpdates() }).toEqual(before);
  return reply.body.errors[0];
}

async function incident(record: IncidentRecord) {
  return (await call(t.emulator, "GET", `/v2/incidents/${record.id}`, { token })).body.incident;
}

function list(query: string) {
  return call(t.emulator, "GET", `/v2/incident_updates${query ? `?${query}` : ""}`, { token });
}

describe("POST /v2/incident_updates", () => {
  it("answers 201 with a message-only update that leaves status and severity as they were", async () => {
    clock.advance(5000);
    const update = await posted({ message: "We have **rolled back** the deploy." });
    expect(update).toMatchObject({
      incident_id: live.id,
      message: "We have **rolled back** the deploy.",
      new_incident_status: { name: "Investigating" },
      new_severity: { name: "Minor" },
      updater: { api_key: { id: named(snapshot.api_keys, "Bot").id, name: "Bot" } },
      created_at: new Date(START + 5000).toISOString(),
    });
    const shown = await incident(live);
    expect(shown.incident_status.name).toBe("Investigating");
    expect(shown.last_activity_at).toBe(new Date(START + 5000).toISOString());
    expect((await list(`incident_id=${live.id}`)).body.incident_updates).toEqual([update]);
  });

  it("moves the incident to the new status and severity it names", async () => {
    const update = await posted({
      message: "Resolved",
      to_incident_status_id: status("Post-incident"),
      to_severity_id: severity("Critical"),
    });
    expect(update).toMatchObject({
      new_incident_status: { name: "Post-incident" },
      new_severity: { name: "Critical" },
    });
    expect(await incident(live)).toMatchObject({
      incident_status: { name: "Post-incident" },
      severity: { name: "Critical" },
    });
    const severityOnly = await posted({ to_severity_id: severity("Major") });
    expect(severityOnly.message).toBeUndefined();
    expect(severityOnly.new_severity.name).toBe("Major");
  });

  it("returns the first update when the idempotency key is sent again, posting and moving once", async () => {
    const body = {
      idempotency_key: "retry-me",
      incident_id: live.id,
      message: "first",
      to_incident_status_id: status("Fixing"),
    };
    const send = (payload: unknown) =>
      call(t.emulator, "POST", "/v2/incident_updates", { token, body: payload });
    const first = await send(body);
    clock.advance(1000);
    const again = await send({ ...body, message: "second", to_incident_status_id: status("Closed") });
    expect(again.status).toBe(201);
    expect(again.body.incident_update).toEqual(first.body.incident_update);
    expect(t.emulator.incidentUpdates()).toHaveLength(1);
    expect((await incident(live)).incident_status.name).toBe("Fixing");
  });

  it("needs at least one of message, to_incident_status_id and to_severity_id", async () => {
    const error = await refused({}, "message");
    expect(error.code).toBe("is_required");
  });

  it("answers 422 naming the field for an unknown incident, status or severity", async () => {
    // incident_id travels in the body, so an unknown one is a validation error rather than a missing path.
    await refused({ incident_id: "01NOSUCHINCIDENT", message: "hello" }, "incident_id");
    await refused({ to_incident_status_id: "01NOSTATUS" }, "to_incident_status_id");
    await refused({ to_severity_id: "01NOSEVERITY" }, "to_severity_id");
  });

  it("refuses status moves that an edit would refuse", async () => {
    const error = await refused({ to_incident_status_id: status("Triage") }, "to_incident_status_id");
    expect(error.message).toContain('"Triage"');
    await refused({ to_incident_status_id: status("Declined") }, "to_incident_status_id");
  });

  it("requires idempotency_key and incident_id", async () => {
    for (const missing of ["idempotency_key", "incident_id"]) {
      const body: Record<string, unknown> = { idempotency_key: "k", incident_id: live.id, message: "m" };
      delete body[missing];
      const reply = await call(t.emulator, "POST", "/v2/incident_updates", { token, body });
      expect(reply.status).toBe(422);
      expect(reply.body.errors[0]).toMatchObject({ code: "is_required", source: { field: missing } });
    }
    expect(t.emulator.incidentUpdates()).toEqual([]);
  });

  it("answers 403 to keys that may not run incidents", async () => {
    for (const key of ["Viewer", "Creator"] as const) {
      const reply = await post({ message: "hi" }, tokenFor(snapshot, key));
      expect(reply.status).toBe(403);
      expect(reply.body.type).toBe("resource_forbidden");
    }
    expect(t.emulator.incidentUpdates()).toEqual([]);
  });
});

describe("GET /v2/incident_updates", () => {
  /** Five updates on `live` (messages 1..5) and two on `other`, one second apart. */
  async function postSeven() {
    for (let n = 1; n <= 5; n++) {
      clock.advance(1000);
      await posted({ message: `live ${n}` });
    }
    for (let n = 1; n <= 2; n++) {
      clock.advance(1000);
      await posted({ incident_id: other.id, message: `other ${n}` });
    }
  }

  const messages = (reply: Reply) => reply.body.incident_updates.map((u: { message: string }) => u.message);

  it("lists every update newest first, or only one incident's", async () => {
    await postSeven();
    expect(messages(await list(""))).toEqual([
      "other 2",
      "other 1",
      "live 5",
      "live 4",
      "live 3",
      "live 2",
      "live 1",
    ]);
    expect(messages(await list(`incident_id=${other.id}`))).toEqual(["other 2", "other 1"]);
    expect(messages(await list("incident_id=01NOSUCHINCIDENT"))).toEqual([]);
  });

  it("pages with page_size and after, with no after on the last page", async () => {
    await postSeven();
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const reply = await list(`incident_id=${live.id}&page_size=2${after ? `&after=${after}` : ""}`);
      expect(reply.status).toBe(200);
      expect(reply.body.pagination_meta.page_size).toBe(2);
      seen.push(...messages(reply));
      after = reply.body.pagination_meta.after;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(["live 5", "live 4", "live 3", "live 2", "live 1"]);
  });

  it("echoes the default page size of 25 and has no after when everything fits", async () => {
    await postSeven();
    expect((await list("")).body.pagination_meta).toEqual({ page_size: 25 });
  });

  it("answers 422 for a page_size outside 1..250 or an unknown after", async () => {
    for (const query of ["page_size=0", "page_size=251", "page_size=many", "after=01NOTANUPDATE"]) {
      const reply = await list(query);
      expect(reply.status, query).toBe(422);
      expect(reply.body.errors[0].source.field).toBe(query.split("=")[0]);
    }
  });
});

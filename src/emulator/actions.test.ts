import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import { type WorkFixture, workSnapshot } from "./testing/work-snapshot.js";
import { call, named, type Reply, tokenFor } from "./testing.js";

const START = Date.UTC(2024, 4, 2, 9);

let f: WorkFixture;
let t: TestEmulator;
let clock: ManualClock;

beforeEach(async () => {
  f = workSnapshot();
  clock = new ManualClock(START);
  t = await startTestEmulator({ ephemeral: true, snapshot: f.snapshot, clock });
});

afterEach(() => t.close());

const user = (name: string) => named(f.snapshot.users, name).id;
const as = (name: "Admin" | "Viewer" | "Creator" | "Editor") => tokenFor(f.snapshot, name);
const request = (method: string, path: string, body?: unknown, token = as("Editor")): Promise<Reply> =>
  call(t.emulator, method, path, { token, ...(body === undefined ? {} : { body }) });

async function created(body: Record<string, unknown>, token?: string) {
  const reply = await request("POST", "/v2/actions", { incident_id: f.incidents.first.id, ...body }, token);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.action;
}

describe("actions", () => {
  it("creates, shows, completes, unassigns and deletes an action", async () => {
    const action = await created({ description: "Restart the pool", assignee_id: user("Ada Lovelace") });
    expect(action).toMatchObject({
      incident_id: f.incidents.first.id,
      description: "Restart the pool",
      status: "outstanding",
      assignee: { id: user("Ada Lovelace") },
      creator: { api_key: { name: "Editor" } },
    });
    expect((await request("GET", `/v2/actions/${action.id}`, undefined, as("Viewer"))).body.action).toEqual(
      action,
    );
    clock.advance(30_000);
    const done = await request("PUT", `/v2/actions/${action.id}`, {
      description: "Restart the pool",
      status: "completed",
    });
    expect(done.body.action).toMatchObject({
      status: "completed",
      assignee: { id: user("Ada Lovelace") },
      completed_at: new Date(START + 30_000).toISOString(),
    });
    const unassigned = await request("PUT", `/v2/actions/${action.id}`, {
      description: "Restart the pool",
      status: "not_doing",
      assignee_id: null,
    });
    expect(unassigned.body.action.assignee).toBeUndefined();
    expect(unassigned.body.action.completed_at).toBeUndefined();
    expect((await request("DELETE", `/v2/actions/${action.id}`)).status).toBe(204);
    expect((await request("GET", `/v2/actions/${action.id}`)).status).toBe(404);
    expect((await request("GET", "/v2/actions")).body.actions).toEqual([]);
  });

  it("lists per incident and by mode, leaving out private incidents the key cannot see", async () => {
    const a = await created({ description: "A" });
    clock.advance(1000);
    const b = await created({ incident_id: f.incidents.second.id, description: "B" });
    const drill = await created({ incident_id: f.incidents.drill.id, description: "Drill" });
    const secret = await created({ incident_id: f.incidents.secret.id, description: "Secret" }, as("Admin"));
    const ids = async (query: string, token = as("Viewer")) =>
      (await request("GET", `/v2/actions${query}`, undefined, token)).body.actions.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids("")).toEqual([a.id, b.id]);
    expect(await ids("", as("Admin"))).toEqual([a.id, b.id, secret.id]);
    expect(await ids(`?incident_id=${f.incidents.first.id}`)).toEqual([a.id]);
    expect(await ids("?incident_mode=test")).toEqual([drill.id]);
    expect((await request("GET", "/v2/actions?incident_mode=x")).status).toBe(422);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["POST", { incident_id: "01NOSUCH", description: "x" }, "incident_id"],
    ["POST", { description: "x" }, "incident_id"],
    ["POST", { incident_id: "FIRST", description: " " }, "description"],
    ["POST", { incident_id: "FIRST", description: "x", assignee_id: "01NOUSER" }, "assignee_id"],
    ["PUT", { description: "x", status: "deleted" }, "status"],
    ["PUT", { status: "completed" }, "description"],
    ["PUT", { description: "x", status: "completed", assignee_id: 7 }, "assignee_id"],
  ])("%s refuses %j with a 422 naming %s, and changes nothing", async (method, body, field) => {
    const action = await created({ description: "Existing" });
    const before = t.emulator.actions();
    const withIncident = {
      ...body,
      ...(body.incident_id === "FIRST" ? { incident_id: f.incidents.first.id } : {}),
    };
    const path = method === "POST" ? "/v2/actions" : `/v2/actions/${action.id}`;
    const reply = await request(method, path, withIncident);
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.body.errors[0].source.field).toBe(field);
    expect(t.emulator.actions()).toEqual(before);
  });

  it("checks the scopes: viewers read, editors write", async () => {
    const body = { incident_id: f.incidents.first.id, description: "x" };
    expect((await request("POST", "/v2/actions", body, as("Viewer"))).status).toBe(403);
    expect((await request("GET", "/v2/actions", undefined, as("Creator"))).status).toBe(403);
    const action = await created({ description: "x" });
    expect((await request("DELETE", `/v2/actions/${action.id}`, undefined, as("Viewer"))).status).toBe(403);
  });
});

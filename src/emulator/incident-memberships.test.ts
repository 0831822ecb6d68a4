import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { type WorkFixture, workSnapshot } from "./testing/work-snapshot.js";
import { call, named, type Reply } from "./testing.js";

let f: WorkFixture;
let t: TestEmulator;
let membershipsKey: string;

beforeEach(async () => {
  f = workSnapshot();
  t = await startTestEmulator({ ephemeral: true, snapshot: f.snapshot });
  membershipsKey = t.emulator.createApiKey("Memberships", ["incident_memberships_editor"]).token;
});

afterEach(() => t.close());

const user = (name: string) => named(f.snapshot.users, name).id;
const request = (path: string, body: unknown, token = membershipsKey): Promise<Reply> =>
  call(t.emulator, "POST", path, { token, body });
const grant = (body: unknown, token?: string) => request("/v1/incident_memberships", body, token);
const revoke = (body: unknown, token?: string) =>
  request("/v1/incident_memberships/actions/revoke", body, token);

function expectRefusal(reply: Reply, status: number, field?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  if (field) expect(reply.body.errors[0].source?.field).toBe(field);
}

describe("incident memberships", () => {
  it("grants a user membership of a private incident, once, and revokes it", async () => {
    const body = { incident_id: f.incidents.secret.id, user_id: user("Grace Hopper") };
    const reply = await grant(body);
    expect(reply.status).toBe(201);
    expect(reply.body.incident_membership).toMatchObject({
      incident_id: f.incidents.secret.id,
      user: { id: user("Grace Hopper"), name: "Grace Hopper", email: "grace@example.com" },
    });
    const again = await grant(body);
    expect(again.status).toBe(201);
    expect(again.body.incident_membership).toEqual(reply.body.incident_membership);
    expect(t.emulator.incidentMemberships()).toHaveLength(1);

    const revoked = await revoke(body);
    expect(revoked.status).toBe(204);
    expect(revoked.body).toBeUndefined();
    expect(t.emulator.incidentMemberships()).toEqual([]);
    const twice = await revoke(body);
    expectRefusal(twice, 422, "user_id");
    expect(twice.body.errors[0].message).toContain("not a member of INC-3");
  });

  it.each([
    [{ incident_id: "PUBLIC", user_id: "GRACE" }, "incident_id", "public"],
    [{ incident_id: "01NOSUCH", user_id: "GRACE" }, "incident_id", "01NOSUCH"],
    [{ incident_id: "SECRET", user_id: "01NOUSER" }, "user_id", "01NOUSER"],
    [{ incident_id: "SECRET", user_id: "OLD" }, "user_id", "deactivated"],
    [{ incident_id: "SECRET" }, "user_id", "required"],
  ])("refuses to grant %j with a 422 naming %s, and stores nothing", async (raw, field, mentions) => {
    const ids: Record<string, string> = {
      PUBLIC: f.incidents.first.id,
      SECRET: f.incidents.secret.id,
      GRACE: user("Grace Hopper"),
      OLD: user("Old Timer"),
    };
    const body = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, ids[v] ?? v]));
    const reply = await grant(body);
    expectRefusal(reply, 422, field);
    expect(reply.body.errors[0].message).toContain(mentions);
    expect(t.emulator.incidentMemberships()).toEqual([]);
  });

  it("needs the membership scopes; a viewer key has neither", async () => {
    const viewer = named(f.snapshot.api_keys, "Viewer").token;
    const body = { incident_id: f.incidents.secret.id, user_id: user("Grace Hopper") };
    expectRefusal(await grant(body, viewer), 403);
    expectRefusal(await revoke(body, viewer), 403);
  });

  it("does not change which keys see the private incident: keys are not users", async () => {
    const viewer = named(f.snapshot.api_keys, "Viewer").token;
    await grant({ incident_id: f.incidents.secret.id, user_id: user("Ada Lovelace") });
    const shown = await call(t.emulator, "GET", `/v2/incidents/${f.incidents.secret.id}`, { token: viewer });
    expect(shown.status).toBe(404);
  });
});

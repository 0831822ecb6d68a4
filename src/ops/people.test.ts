import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { declareIncident } from "./incidents.js";
import { grantIncidentAccess, revokeIncidentAccess } from "./memberships.js";
import { assignRole, unassignRole } from "./roles.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";
import { getUser, listIncidentRoles, listUsers } from "./users.js";

let ops: OpsTest;
beforeEach(async () => {
  ops = await startOpsTest();
});
afterEach(async () => {
  await ops.close();
});

const writes = () => ops.requests.filter((request) => !request.startsWith("GET "));

describe("users and roles", () => {
  it("lists active users by name, searched by name or email in any case", async () => {
    expect((await listUsers(ops.s)).map((user) => user.name)).toEqual(["Ada Lovelace", "Grace Hopper"]);
    expect((await listUsers(ops.s, { search: "GRACE@" })).map((user) => user.name)).toEqual(["Grace Hopper"]);
    expect(await listUsers(ops.s, { search: "old" })).toEqual([]);
  });

  it("shows one user by email, name or ID, and names the fix for anyone else", async () => {
    const ada = await getUser(ops.s, "ADA@example.com");
    expect(ada).toMatchObject({ name: "Ada Lovelace", is_active: true });
    expect((await getUser(ops.s, ada.id)).email).toBe("ada@example.com");
    const unknown = await refusal(getUser(ops.s, "old@example.com"));
    expect(unknown.code).toBe("invalid_argument");
    expect(unknown.hint).toMatch(/email/);
  });

  it("lists the incident roles", async () => {
    const roles = (await listIncidentRoles(ops.s)).map((role) => role.name);
    expect(roles).toEqual(expect.arrayContaining(["Incident Lead", "Reporter", "Comms"]));
  });
});

describe("assignRole and unassignRole", () => {
  it("gives a role by name to a user by email, replaces the holder, and does nothing the second time", async () => {
    const { incident } = await declareIncident(ops.s, { name: "Roles", severity: "Minor" });
    const first = await assignRole(ops.s, incident.reference, "incident lead", "ada@example.com");
    expect(first).toMatchObject({ changed: true, role: { name: "Incident Lead" } });
    expect(first.assignee?.name).toBe("Ada Lovelace");
    expect(first.previous).toBeUndefined();

    const second = await assignRole(ops.s, incident.reference, "Incident Lead", "Grace Hopper");
    expect(second.changed).toBe(true);
    expect(second.previous?.name).toBe("Ada Lovelace");
    const lead = second.incident.incident_role_assignments.find((a) => a.role.name === "Incident Lead");
    expect(lead?.assignee?.name).toBe("Grace Hopper");

    const before = writes().length;
    const again = await assignRole(ops.s, incident.id, "Incident Lead", "grace@example.com");
    expect(again).toMatchObject({ changed: false, assignee: { name: "Grace Hopper" } });
    expect(writes()).toHaveLength(before);
  });

  it("sends the edit without notifying the channel unless asked", async () => {
    const { incident } = await declareIncident(ops.s, { name: "Quiet", severity: "Minor" });
    await assignRole(ops.s, incident.id, "Comms", "ada@example.com");
    await unassignRole(ops.s, incident.id, "Comms", { notify: true });
    const edits = ops.bodies.filter((_, i) => ops.requests[i]?.endsWith("/actions/edit")) as {
      notify_incident_channel: boolean;
    }[];
    expect(edits.map((body) => body.notify_incident_channel)).toEqual([false, true]);
  });

  it("unassigns a held role and leaves an empty one alone", async () => {
    const { incident } = await declareIncident(ops.s, { name: "Unassign", severity: "Minor" });
    await assignRole(ops.s, incident.id, "Comms", "ada@example.com");
    const done = await unassignRole(ops.s, incident.reference, "comms");
    expect(done).toMatchObject({ changed: true, previous: { name: "Ada Lovelace" } });
    expect(
      done.incident.incident_role_assignments.find((a) => a.role.name === "Comms")?.assignee,
    ).toBeUndefined();
    const before = writes().length;
    expect((await unassignRole(ops.s, incident.reference, "Comms")).changed).toBe(false);
    expect(writes()).toHaveLength(before);
  });

  it("refuses unknown roles and users with the names to use, before writing anything", async () => {
    const { incident } = await declareIncident(ops.s, { name: "Typos", severity: "Minor" });
    const before = writes().length;
    const role = await refusal(assignRole(ops.s, incident.id, "Captain", "ada@example.com"));
    expect(role.code).toBe("invalid_argument");
    expect(role.hint).toContain("Incident Lead");
    const user = await refusal(assignRole(ops.s, incident.id, "Comms", "nobody@example.com"));
    expect(user.message).toContain("nobody@example.com");
    expect(writes()).toHaveLength(before);
    expect((await refusal(assignRole(ops.s, "INC-404", "Comms", "ada@example.com"))).code).toBe("not_found");
  });
});

describe("grantIncidentAccess and revokeIncidentAccess", () => {
  it("lets a user into a private incident once, and takes them out once", async () => {
    const { incident } = await declareIncident(ops.s, { name: "Leak", severity: "Minor", type: "Security" });
    expect(incident.visibility).toBe("private");
    const granted = await grantIncidentAccess(ops.s, incident.reference, "grace@example.com");
    expect(granted).toMatchObject({ changed: true, user: { name: "Grace Hopper" } });
    expect(granted.membership?.incident_id).toBe(incident.id);
    ops.clock.advance(60_000);
    const again = await grantIncidentAccess(ops.s, incident.reference, "Grace Hopper");
    expect(again.changed).toBe(false);
    expect(again.membership?.id).toBe(granted.membership?.id);

    expect((await revokeIncidentAccess(ops.s, incident.reference, "grace@example.com")).changed).toBe(true);
    expect((await revokeIncidentAccess(ops.s, incident.reference, "grace@example.com")).changed).toBe(false);
  });

  it("refuses a public incident, saying memberships are for private ones", async () => {
    const { incident } = await declareIncident(ops.s, { name: "Open", severity: "Minor" });
    const refused = await refusal(grantIncidentAccess(ops.s, incident.reference, "ada@example.com"));
    expect(refused.code).toBe("invalid_argument");
    expect(refused.message).toContain("is public");
    expect(refused.hint).toMatch(/private/);
    expect(writes().filter((w) => w.includes("membership"))).toEqual([]);
  });
});

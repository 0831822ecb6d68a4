import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import type { Snapshot } from "./model.js";
import { call, incidentRecord, named, type Reply, testSnapshot, tokenFor } from "./testing.js";

/** Assigning and unassigning incident roles through POST /v2/incidents/{id}/actions/edit. */

let snapshot: Snapshot;
let t: TestEmulator;

const role = (name: string) => named(snapshot.incident_roles, name).id;
const person = (name: string) => named(snapshot.users, name);

beforeEach(async () => {
  snapshot = testSnapshot();
  snapshot.incidents = [
    incidentRecord(snapshot, 1, {
      role_assignments: [
        { incident_role_id: role("Incident Lead"), assignee_user_id: person("Ada Lovelace").id },
      ],
    }),
  ];
  t = await startTestEmulator({ ephemeral: true, snapshot });
});

afterEach(() => t.close());

const edit = (assignments: unknown[]): Promise<Reply> =>
  call(t.emulator, "POST", `/v2/incidents/${snapshot.incidents[0]?.id}/actions/edit`, {
    token: tokenFor(snapshot, "Editor"),
    body: { notify_incident_channel: false, incident: { incident_role_assignments: assignments } },
  });

function holders(reply: Reply): Record<string, string | undefined> {
  return Object.fromEntries(
    reply.body.incident.incident_role_assignments.map(
      (a: { role: { name: string }; assignee?: { name: string } }) => [a.role.name, a.assignee?.name],
    ),
  );
}

describe("role assignments through the edit operation", () => {
  it.each([
    ["id", () => ({ id: person("Grace Hopper").id })],
    ["email, in any case", () => ({ email: "GRACE@example.com" })],
    ["Slack user ID", () => ({ slack_user_id: person("Grace Hopper").slack_user_id })],
    ["id and email together", () => ({ id: person("Grace Hopper").id, email: "grace@example.com" })],
  ])("assigns by %s, replacing the previous holder", async (_, assignee) => {
    const reply = await edit([{ incident_role_id: role("Incident Lead"), assignee: assignee() }]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(holders(reply)).toMatchObject({ "Incident Lead": "Grace Hopper", Comms: undefined });
  });

  it.each([
    ["no assignee", {}],
    ["an empty assignee", { assignee: {} }],
    ["an assignee of empty strings", { assignee: { id: "", email: "" } }],
  ])("unassigns a role given %s, leaving the others", async (_, rest) => {
    await edit([{ incident_role_id: role("Comms"), assignee: { email: "grace@example.com" } }]);
    const reply = await edit([{ incident_role_id: role("Incident Lead"), ...rest }]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(holders(reply)).toMatchObject({ "Incident Lead": undefined, Comms: "Grace Hopper" });
  });

  it.each([
    ["a deactivated user", () => ({ id: person("Old Timer").id }), "deactivated"],
    ["nobody", () => ({ email: "nobody@example.com" }), "No user matches"],
    [
      "parts naming different users",
      () => ({ id: person("Ada Lovelace").id, email: "grace@example.com" }),
      "No user",
    ],
  ])("refuses %s with a 422 naming the assignee, and changes nothing", async (_, assignee, mentions) => {
    const before = t.emulator.incidents();
    const reply = await edit([{ incident_role_id: role("Comms"), assignee: assignee() }]);
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({
      source: { field: "incident.incident_role_assignments.0.assignee" },
      message: expect.stringContaining(mentions),
    });
    expect(t.emulator.incidents()).toEqual(before);
  });

  it("refuses the reporter role after creation, and a role given twice", async () => {
    const reporter = await edit([
      { incident_role_id: role("Reporter"), assignee: { email: "ada@example.com" } },
    ]);
    expect(reporter.status).toBe(422);
    const twice = await edit([
      { incident_role_id: role("Comms"), assignee: { email: "ada@example.com" } },
      { incident_role_id: role("Comms") },
    ]);
    expect(twice.body.errors[0].source.field).toBe("incident.incident_role_assignments.1.incident_role_id");
  });
});

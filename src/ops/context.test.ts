import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { named } from "../emulator/testing.js";
import { incidentContext } from "./context.js";
import { declareIncident, escalateIncident } from "./incidents.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";
import { postUpdate } from "./updates.js";

let ops: OpsTest;
beforeEach(async () => {
  ops = await startOpsTest();
});
afterEach(async () => {
  await ops.close();
});

describe("incidentContext", () => {
  it("gathers the incident, its updates oldest first, fields, roles and timestamps", async () => {
    const { incident } = await declareIncident(ops.s, {
      name: "Context",
      severity: "Minor",
      customFields: { "Affected team": "Platform", Products: ["Web", "App"] },
    });
    const lead = named(ops.snapshot.incident_roles, "Incident Lead");
    const impact = named(ops.snapshot.incident_timestamps, "Impact started");
    await ops.s.io.incidents.edit(incident.id, {
      notify_incident_channel: false,
      incident: {
        incident_role_assignments: [{ incident_role_id: lead.id, assignee: { email: "ada@example.com" } }],
        incident_timestamp_values: [{ incident_timestamp_id: impact.id, value: "2024-05-01T08:00:00Z" }],
      },
    });
    await postUpdate(ops.s, incident.id, { message: "first" });
    await escalateIncident(ops.s, incident.id, "Major");
    await postUpdate(ops.s, incident.id, { message: "last" });

    const context = await incidentContext(ops.s, incident.reference);
    expect(context.incident.id).toBe(incident.id);
    expect(context.incident.severity?.name).toBe("Major");
    expect(context.updates.map((u) => u.message ?? `severity ${u.new_severity?.name}`)).toEqual([
      "first",
      "severity Major",
      "last",
    ]);
    expect(context.customFields).toEqual([
      { name: "Affected team", values: ["Platform"] },
      { name: "Products", values: ["Web", "App"] },
    ]);
    expect(context.roles).toContainEqual({
      role: "Incident Lead",
      assignee: "Ada Lovelace <ada@example.com>",
    });
    expect(context.roles).toContainEqual({ role: "Comms" });
    expect(context.timestamps[0]?.name).toBe("Impact started");
    expect(Date.parse(context.timestamps[0]?.value ?? "")).toBe(Date.parse("2024-05-01T08:00:00Z"));
    expect(context.timestamps[1]).toEqual({ name: "Fixed at" });
    expect(context.permalink).toMatch(/^https:\/\/app\.incident\.io\/.+\/incidents\/\d+$/);
  });

  it("fails like getIncident for unknown and malformed references", async () => {
    expect((await refusal(incidentContext(ops.s, "INC-404"))).code).toBe("not_found");
    expect((await refusal(incidentContext(ops.s, "https://evilincident.io/incidents/1"))).code).toBe(
      "invalid_argument",
    );
  });
});

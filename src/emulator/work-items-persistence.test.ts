import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { type WorkFixture, workSnapshot } from "./testing/work-snapshot.js";
import { call, named } from "./testing.js";

/** Follow-ups, actions, memberships and options are written through: a restart finds them as they were left. */

let dataDir: string;
let t: TestEmulator;
let f: WorkFixture;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "incidentkit-work-"));
  f = workSnapshot();
});

afterEach(async () => {
  await t?.emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = async (path: string, body: unknown) => {
  const reply = await call(t.emulator, "POST", path, { token: t.adminKey, body });
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  return reply.body;
};

it("keeps follow-ups, actions, memberships and options across a restart", async () => {
  t = await startTestEmulator({ dataDir, snapshot: f.snapshot });
  const { follow_up: followUp } = await post("/v2/follow_ups", {
    incident_id: f.incidents.first.id,
    title: "Add an alert",
    assignee_team_id: f.teams.payments,
  });
  await post(`/v2/follow_ups/${followUp.id}/actions/connect_external_issue`, {
    provider: "linear",
    url: "https://linear.app/acme/issue/PLAT-9/add-an-alert",
  });
  const { action } = await post("/v2/actions", { incident_id: f.incidents.first.id, description: "Restart" });
  await post("/v1/incident_memberships", {
    incident_id: f.incidents.secret.id,
    user_id: named(f.snapshot.users, "Grace Hopper").id,
  });
  const { custom_field_option: option } = await post("/v1/custom_field_options", {
    custom_field_id: named(f.snapshot.custom_fields, "Affected team").id,
    value: "Data",
  });
  const before = {
    followUps: t.emulator.followUps(),
    actions: t.emulator.actions(),
    memberships: t.emulator.incidentMemberships(),
  };
  await t.close();

  t = await startTestEmulator({ dataDir });
  expect(t.emulator.followUps()).toEqual(before.followUps);
  expect(t.emulator.actions()).toEqual(before.actions);
  expect(t.emulator.incidentMemberships()).toEqual(before.memberships);
  const shown = await call(t.emulator, "GET", `/v2/follow_ups/${followUp.id}`, { token: t.adminKey });
  expect(shown.body.follow_up.external_issue_reference.issue_name).toBe("PLAT-9");
  expect(shown.body.follow_up.assignee_team.name).toBe("Payments");
  expect((await call(t.emulator, "GET", `/v2/actions/${action.id}`, { token: t.adminKey })).status).toBe(200);
  const options = await call(t.emulator, "GET", `/v1/custom_field_options/${option.id}`, {
    token: t.adminKey,
  });
  expect(options.body.custom_field_option.value).toBe("Data");
});

/**
 * Our client against our emulator, seeded with the demo organisation: follow-ups and actions (what last time's
 * incidents left open), custom field options, private incident memberships and role assignments, while every
 * request and answer is validated against incident.io's API description.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IncidentIo, IncidentIoApiError } from "../../src/api/index.js";
import { demoSnapshotWithLabels } from "../../src/emulator/seed/index.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { descriptionMissingReason } from "../support/openapi.js";
import { DemoFacts, sortedIds } from "./demo-facts.js";

if (descriptionMissingReason) console.warn(`follow-ups-conformance.test.ts: ${descriptionMissingReason}`);

const OPERATIONS = [
  "GET /v2/follow_ups",
  "GET /v2/follow_ups/{id}",
  "POST /v2/follow_ups",
  "PUT /v2/follow_ups/{id}",
  "DELETE /v2/follow_ups/{id}",
  "POST /v2/follow_ups/{id}/actions/connect_external_issue",
  "GET /v2/actions",
  "GET /v2/actions/{id}",
  "POST /v2/actions",
  "PUT /v2/actions/{id}",
  "DELETE /v2/actions/{id}",
  "GET /v1/custom_field_options/{id}",
  "POST /v1/custom_field_options",
  "PUT /v1/custom_field_options/{id}",
  "DELETE /v1/custom_field_options/{id}",
  "POST /v1/incident_memberships",
  "POST /v1/incident_memberships/actions/revoke",
  "POST /v2/incidents/{id}/actions/edit",
];

const NOW = Date.UTC(2025, 5, 1, 12);

describe("follow-ups, actions, options, memberships and roles: client against the emulator (demo seed)", () => {
  const { snapshot, familyOf } = demoSnapshotWithLabels({ now: NOW, seed: 2 });
  const demo = new DemoFacts(snapshot);
  const incidents = new Map(snapshot.incidents.map((i) => [i.id, i]));
  const listed = (f: { incident_id: string }, seesPrivate: boolean) => {
    const incident = incidents.get(f.incident_id);
    return (
      (incident?.mode === "standard" || incident?.mode === "retrospective") &&
      (seesPrivate || incident.visibility === "public")
    );
  };
  const live = demo.listedByDefault.filter((i) => demo.categoryOf(i) === "live");
  const newestLive = live[live.length - 1];
  let t: TestEmulator;
  let io: IncidentIo;
  let viewer: IncidentIo;

  const rejection = async (call: Promise<unknown>): Promise<IncidentIoApiError> => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncidentIoApiError);
    return error as IncidentIoApiError;
  };

  beforeAll(async () => {
    t = await startTestEmulator({ ephemeral: true, snapshot });
    io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch });
    viewer = new IncidentIo({
      apiKey: demo.named(snapshot.api_keys, "Read only").token,
      baseUrl: t.url,
      fetch: t.fetch,
    });
  });

  afterAll(async () => {
    await t?.emulator.close();
  });

  describe("follow-ups", () => {
    it("lists every follow-up across incidents, and leaves private ones out for a viewer", async () => {
      const all = await io.followUps.list();
      expect(sortedIds(all)).toEqual(sortedIds(snapshot.follow_ups.filter((f) => listed(f, true))));
      const seen = await viewer.followUps.list();
      expect(sortedIds(seen)).toEqual(sortedIds(snapshot.follow_ups.filter((f) => listed(f, false))));
      expect(seen.length).toBeLessThan(all.length);
      expect(all.some((f) => f.external_issue_reference?.provider === "jira")).toBe(true);
      expect(all.some((f) => f.external_issue_reference?.provider === "linear")).toBe(true);
    });

    it("answers 'last time this happened': the follow-ups of the newest live incident's family, and how many are open", async () => {
      const family = familyOf.get(newestLive?.id ?? "");
      const earlier = snapshot.incidents.filter(
        (i) => familyOf.get(i.id) === family && i.id !== newestLive?.id && i.mode === "standard",
      );
      const found = (await Promise.all(earlier.map((i) => io.followUps.list({ incident_id: i.id })))).flat();
      const expected = snapshot.follow_ups.filter((f) => earlier.some((i) => i.id === f.incident_id));
      expect(sortedIds(found)).toEqual(sortedIds(expected));
      const open = found.filter((f) => f.status === "outstanding");
      expect(open.length).toBe(expected.filter((f) => f.status === "outstanding").length);
      expect(open.length).toBeGreaterThan(0);
    });

    it("filters by assignee team and by incident mode", async () => {
      const team = snapshot.follow_ups.find((f) => f.assignee_team_id)?.assignee_team_id ?? "";
      const byTeam = await io.followUps.list({ assignee_team_id: team });
      expect(sortedIds(byTeam)).toEqual(
        sortedIds(snapshot.follow_ups.filter((f) => f.assignee_team_id === team && listed(f, true))),
      );
      expect(new Set(byTeam.map((f) => f.assignee_team?.id))).toEqual(new Set([team]));
      expect(await io.followUps.list({ incident_mode: "tutorial" })).toEqual([]);
    });

    it("creates, shows, completes, connects to Jira and deletes a follow-up", async () => {
      const incident = newestLive?.id ?? "";
      const team = snapshot.catalog_entries.find((e) => e.name === "Payments")?.id ?? "";
      const priority = demo.named(snapshot.follow_up_priorities, "High").id;
      const { follow_up: created } = await io.followUps.create({
        incident_id: incident,
        title: "Alert on the connection pool",
        description: "At 80% for 5 minutes",
        assignee_team_id: team,
        follow_up_priority_option_id: priority,
        labels: ["monitoring"],
      });
      expect(created).toMatchObject({
        status: "outstanding",
        assignee_team: { id: team, name: "Payments" },
        priority: { name: "High" },
        creator: { api_key: { name: "Demo admin" } },
      });
      expect(await io.followUps.show(created.id)).toEqual(created);
      const { follow_up: done } = await io.followUps.update(created.id, {
        title: created.title,
        status: "completed",
      });
      expect(done.completed_at).toEqual(expect.any(String));
      const { follow_up: linked } = await io.followUps.connectExternalIssue(created.id, {
        provider: "jira",
        url: "https://acme.atlassian.net/browse/PAY-900",
      });
      expect(linked.external_issue_reference).toEqual({
        provider: "jira",
        issue_name: "PAY-900",
        issue_permalink: "https://acme.atlassian.net/browse/PAY-900",
      });
      const again = await rejection(
        io.followUps.connectExternalIssue(created.id, {
          provider: "linear",
          url: "https://linear.app/acme/issue/PLAT-1",
        }),
      );
      expect(again.status).toBe(422);
      await io.followUps.delete(created.id);
      expect((await rejection(io.followUps.show(created.id))).status).toBe(404);
    });

    it("refuses a follow-up for an incident the key cannot see, naming the field", async () => {
      const secret = snapshot.incidents.find((i) => i.visibility === "private");
      const error = await rejection(viewer.followUps.create({ incident_id: secret?.id ?? "", title: "x" }));
      expect(error.status).toBe(403);
      const refused = await rejection(io.followUps.create({ incident_id: "01NOSUCHINCIDENT", title: "x" }));
      expect(refused.status).toBe(422);
      expect(refused.fieldErrors.map((e) => e.field)).toEqual(["incident_id"]);
    });
  });

  describe("actions", () => {
    it("lists the actions of a running incident, and adds, completes and deletes one", async () => {
      const incident = newestLive?.id ?? "";
      const own = await io.actions.list({ incident_id: incident });
      expect(sortedIds(own)).toEqual(sortedIds(snapshot.actions.filter((a) => a.incident_id === incident)));
      const all = await io.actions.list();
      expect(sortedIds(all)).toEqual(sortedIds(snapshot.actions.filter((a) => listed(a, true))));
      const someone = snapshot.users.find((u) => u.is_active && u.role !== "viewer");
      const { action } = await io.actions.create({
        incident_id: incident,
        description: "Roll back payments-api",
        assignee_id: someone?.id ?? "",
      });
      expect(action.assignee?.id).toBe(someone?.id);
      expect(await io.actions.show(action.id)).toEqual(action);
      const { action: done } = await io.actions.update(action.id, {
        description: action.description,
        status: "completed",
      });
      expect(done.status).toBe("completed");
      await io.actions.delete(action.id);
      expect((await io.actions.list({ incident_id: incident })).map((a) => a.id)).not.toContain(action.id);
    });
  });

  describe("custom field options", () => {
    it("adds, renames and removes an option of a select field, and refuses one on a text field", async () => {
      const impact = demo.named(snapshot.custom_fields, "Customer impact");
      const { custom_field_option: option } = await io.customFieldOptions.create({
        custom_field_id: impact.id,
        value: "Internal only",
        sort_key: 5,
      });
      expect(await io.customFieldOptions.show(option.id)).toEqual(option);
      const { custom_field_option: renamed } = await io.customFieldOptions.update(option.id, {
        value: "Internal users only",
        sort_key: 5,
      });
      expect(renamed.value).toBe("Internal users only");
      await io.customFieldOptions.delete(option.id);
      expect((await rejection(io.customFieldOptions.show(option.id))).status).toBe(404);
      const rootCause = demo.named(snapshot.custom_fields, "Root cause");
      const refused = await rejection(
        io.customFieldOptions.create({ custom_field_id: rootCause.id, value: "x" }),
      );
      expect(refused.status).toBe(422);
      expect(refused.message).toContain("Root cause");
    });
  });

  describe("memberships and roles", () => {
    it("grants and revokes membership of a private incident", async () => {
      const secret = snapshot.incidents.find((i) => i.visibility === "private");
      const members = new Set(
        snapshot.incident_memberships.filter((m) => m.incident_id === secret?.id).map((m) => m.user_id),
      );
      const outsider = snapshot.users.find((u) => u.is_active && !members.has(u.id));
      const body = { incident_id: secret?.id ?? "", user_id: outsider?.id ?? "" };
      const { incident_membership: membership } = await io.incidentMemberships.grant(body);
      expect(membership).toMatchObject({ incident_id: secret?.id, user: { id: outsider?.id } });
      await io.incidentMemberships.revoke(body);
      expect((await rejection(io.incidentMemberships.revoke(body))).status).toBe(422);
    });

    it("makes someone lead by email, then leaves the role unassigned", async () => {
      const incident = newestLive?.id ?? "";
      const lead = demo.named(snapshot.incident_roles, "Incident Lead");
      const someone = snapshot.users.filter((u) => u.is_active && u.role !== "viewer").at(-1);
      const { incident: led } = await io.incidents.assignRole(incident, lead.id, {
        email: someone?.email ?? "",
      });
      const holder = led.incident_role_assignments.find((a) => a.role.id === lead.id);
      expect(holder?.assignee?.id).toBe(someone?.id);
      const { incident: unled } = await io.incidents.unassignRole(incident, lead.id);
      expect(unled.incident_role_assignments.find((a) => a.role.id === lead.id)?.assignee).toBeUndefined();
    });
  });

  it.skipIf(descriptionMissingReason !== undefined)(
    "implements every operation used, and every request and answer conformed",
    async () => {
      const missing = OPERATIONS.filter((operation) => !t.implemented.has(operation));
      expect(missing).toEqual([]);
      await expect(t.close()).resolves.toBeUndefined();
    },
  );
});

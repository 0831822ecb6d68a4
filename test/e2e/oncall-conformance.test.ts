/**
 * Our client against our emulator's on-call, seeded with the demo organisation and driven by a clock the test
 * moves: who is on call for a service (catalog → team → schedule and escalation path), entries changing across a
 * handover and with an override, the schedule and path admin writes, and pages moving through their levels as
 * time passes until acknowledged, cancelled or expired — while every request and answer is validated against
 * incident.io's API description.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CatalogEntry,
  type CatalogType,
  IncidentIo,
  IncidentIoApiError,
  type Schedule,
  type ScheduleEntry,
} from "../../src/api/index.js";
import { collect } from "../../src/api/testing/harness.js";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { ManualClock } from "../../src/shared/clock.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { descriptionMissingReason } from "../support/openapi.js";

if (descriptionMissingReason) console.warn(`oncall-conformance.test.ts: ${descriptionMissingReason}`);

const ON_CALL_OPERATIONS = [
  "GET /v2/schedules",
  "POST /v2/schedules",
  "GET /v2/schedules/{id}",
  "PUT /v2/schedules/{id}",
  "DELETE /v2/schedules/{id}",
  "GET /v2/schedule_entries",
  "GET /v2/schedule_overrides",
  "POST /v2/schedule_overrides",
  "PUT /v2/schedule_overrides/{id}",
  "DELETE /v2/schedule_overrides/{id}",
  "GET /v2/escalation_paths",
  "POST /v2/escalation_paths",
  "GET /v2/escalation_paths/{id}",
  "PUT /v2/escalation_paths/{id}",
  "DELETE /v2/escalation_paths/{id}",
  "GET /v2/escalations",
  "POST /v2/escalations",
  "GET /v2/escalations/{id}",
  "POST /v2/escalations/{id}/actions/cancel",
];

const NOW = Date.UTC(2025, 5, 4, 12);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("on-call and paging through the client against the emulator (demo seed)", () => {
  const snapshot = demoSnapshot({ now: NOW, seed: 5 });
  const clock = new ManualClock(NOW);
  const userName = (id: string | undefined) => snapshot.users.find((u) => u.id === id)?.name;
  const names = (entries: readonly ScheduleEntry[]) => entries.map((e) => e.user?.name).sort();
  let t: TestEmulator;
  let io: IncidentIo;
  let payments: Schedule;

  const rejection = async (call: Promise<unknown>): Promise<IncidentIoApiError> => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncidentIoApiError);
    return error as IncidentIoApiError;
  };
  const acknowledge = async (id: string, body: Record<string, string> = {}) => {
    const response = await t.fetch(`${t.url}/_emulator/escalations/${id}/actions/acknowledge`, {
      method: "POST",
      headers: { Authorization: `Bearer ${t.adminKey}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { escalation: { status: string } } };
  };

  beforeAll(async () => {
    t = await startTestEmulator({ ephemeral: true, snapshot, clock });
    io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, rateLimit: false });
    payments = await io.schedules.show(snapshot.schedules[0]?.id ?? "");
  });

  afterAll(async () => {
    await t?.emulator.close();
  });

  it("answers who is on call for payments-api: service → owner team → schedule and escalation path", async () => {
    const types = await io.catalogTypes.list();
    const type = (name: string) => types.find((candidate) => candidate.name === name) as CatalogType;
    const attribute = (of: CatalogType, name: string) =>
      of.schema.attributes.find((a) => a.name === name)?.id ?? "";
    const value = (entry: CatalogEntry | undefined, id: string) => entry?.attribute_values[id]?.value;
    const [service] = (
      await io.catalogEntries.listPage({ catalogTypeId: type("Service").id, identifier: "payments-api" })
    ).entries;
    const teamRef = value(service, attribute(type("Service"), "Team"));
    const [team] = (
      await io.catalogEntries.listPage({ catalogTypeId: type("Team").id, identifier: teamRef?.literal ?? "" })
    ).entries;
    const schedule = value(team, attribute(type("Team"), "On-call schedule"));
    const path = value(team, attribute(type("Team"), "Escalation path"));
    expect([team?.name, schedule?.label, path?.label]).toEqual([
      "Payments",
      "Payments on-call",
      "Payments urgent",
    ]);

    const shown = await io.schedules.show(schedule?.literal ?? "");
    const override = snapshot.schedule_overrides[0];
    // Two layers of the primary rotation are on call at once; one of them is the override's cover.
    const primary =
      shown.current_shifts?.filter((shift) => shift.rotation_id === override?.rotation_id) ?? [];
    expect(primary.map((shift) => shift.layer_id).sort()).toEqual(
      (shown.config?.rotations[0]?.layers ?? []).map((layer) => layer.id).sort(),
    );
    expect(primary.find((shift) => shift.layer_id === override?.layer_id)?.user?.name).toBe(
      userName(override?.user_id),
    );
    const responders = (await io.escalationPaths.show(path?.literal ?? "")).current_responders ?? [];
    expect(responders.map((user) => user.name).sort()).toEqual(
      [...new Set(shown.current_shifts?.map((shift) => shift.user?.name))].sort(),
    );
    const external = (await io.catalogResources.list())
      .filter((r) => r.category === "external")
      .map((r) => r.type);
    expect(external).toEqual(["EscalationPath", "Schedule"]);
  });

  it("changes who is on call across a handover, and with an override", async () => {
    const rotation = payments.config?.rotations[0];
    const [primaryLayer, secondaryLayer] = rotation?.layers ?? [];
    const next = payments.next_shifts?.[0];
    expect(next).toBeDefined();
    const handover = Date.parse(next?.start_at ?? "");
    // The next weekly handover is on a Monday, after the seeded override has ended.
    const before = await io.scheduleEntries.at(payments.id, new Date(handover - HOUR));
    const after = await io.scheduleEntries.at(payments.id, new Date(handover + HOUR));
    const on = (entries: ScheduleEntry[], layer: string | undefined) =>
      entries.find((e) => e.rotation_id === rotation?.id && e.layer_id === layer)?.user?.name;
    expect(on(before, primaryLayer?.id)).not.toBe(on(after, primaryLayer?.id));
    expect(on(before, secondaryLayer?.id)).not.toBe(on(after, secondaryLayer?.id));

    const cover = snapshot.users.find(
      (user) => user.is_active && user.role !== "viewer" && user.name !== on(after, primaryLayer?.id),
    );
    const override = await io.scheduleOverrides.create({
      schedule_id: payments.id,
      rotation_id: rotation?.id ?? "",
      layer_id: primaryLayer?.id ?? "",
      user: { email: cover?.email ?? "" },
      start_at: new Date(handover + 30 * MINUTE).toISOString(),
      end_at: new Date(handover + 3 * HOUR).toISOString(),
    });
    expect(override.user?.name).toBe(cover?.name);
    expect(on(await io.scheduleEntries.at(payments.id, new Date(handover + HOUR)), primaryLayer?.id)).toBe(
      cover?.name,
    );
    const window = await io.scheduleEntries.list(payments.id, {
      start: new Date(handover),
      end: new Date(handover + 4 * HOUR),
    });
    expect(window.overrides.map((e) => e.entry_id)).toEqual([override.id]);
    // The rotation's shift comes back either side of the override.
    expect(
      window.final
        .filter((e) => e.layer_id === primaryLayer?.id)
        .map((e) => [e.user?.name, e.entry_id === override.id]),
    ).toEqual([
      [on(after, primaryLayer?.id), false],
      [cover?.name, true],
      [on(after, primaryLayer?.id), false],
    ]);

    const moved = await io.scheduleOverrides.update(override.id, {
      rotation_id: rotation?.id ?? "",
      layer_id: secondaryLayer?.id ?? "",
      user: {},
      start_at: override.start_at,
      end_at: override.end_at,
    });
    expect([moved.layer_id, moved.user]).toEqual([secondaryLayer?.id, undefined]);
    const listed = await collect(io.scheduleOverrides.list(payments.id, { layerId: secondaryLayer?.id }));
    expect(listed.map((o) => o.id)).toEqual([override.id]);
    // No one on the secondary layer for the override's window.
    expect(
      on(await io.scheduleEntries.at(payments.id, new Date(handover + HOUR)), secondaryLayer?.id),
    ).toBeUndefined();
    await io.scheduleOverrides.delete(override.id);
    expect(names(await io.scheduleEntries.at(payments.id, new Date(handover + HOUR)))).toEqual(names(after));
  });

  it("pages a long window and keeps each shift once", async () => {
    const start = new Date(NOW + 10 * DAY);
    const entries = await io.scheduleEntries.list(payments.id, { start, end: new Date(NOW + 100 * DAY) });
    const primary = entries.final.filter((e) => e.layer_id === payments.config?.rotations[0]?.layers[0]?.id);
    // Weekly handovers: about thirteen weeks, each once, back to back.
    expect(primary.length).toBeGreaterThanOrEqual(13);
    expect(new Set(entries.final.map((e) => e.fingerprint)).size).toBe(entries.final.length);
    for (let i = 1; i < primary.length; i++) expect(primary[i]?.start_at).toBe(primary[i - 1]?.end_at);
  });

  it("creates, updates and archives a schedule and an escalation path paging it", async () => {
    const [ada, grace, linus] = snapshot.users.filter((u) => u.is_active && u.role === "responder");
    const team = snapshot.catalog_entries.find((e) => e.name === "Data");
    const created = await io.schedules.create({
      name: "Data weekend",
      timezone: "Europe/Berlin",
      team_ids: [team?.id ?? ""],
      config: {
        rotations: [
          {
            name: "Weekend",
            handover_start_at: "2025-06-07T09:00:00+02:00",
            handovers: [{ interval_type: "daily", interval: 1 }],
            layers: [{ name: "Primary" }],
            users: [{ id: ada?.id ?? "" }, { slack_user_id: grace?.slack_user_id ?? "" }],
            working_intervals: [
              { weekday: "saturday", start_time: "09:00", end_time: "18:00" },
              { weekday: "sunday", start_time: "09:00", end_time: "18:00" },
            ],
          },
        ],
      },
    });
    expect(created.config?.rotations[0]?.users.map((u) => u.name)).toEqual([ada?.name, grace?.name]);
    const saturday = await io.scheduleEntries.list(created.id, {
      start: "2025-06-07T00:00:00Z",
      end: "2025-06-09T00:00:00Z",
    });
    expect(saturday.final.map((e) => [e.user?.name, e.start_at, e.end_at])).toEqual([
      [ada?.name, "2025-06-07T07:00:00.000Z", "2025-06-07T16:00:00.000Z"],
      [grace?.name, "2025-06-08T07:00:00.000Z", "2025-06-08T16:00:00.000Z"],
    ]);
    const renamed = await io.schedules.update(created.id, { name: "Data weekends" });
    expect([renamed.name, renamed.config?.rotations[0]?.layers]).toEqual([
      "Data weekends",
      created.config?.rotations[0]?.layers,
    ]);

    const path = await io.escalationPaths.create({
      name: "Data weekend",
      team_ids: [team?.id ?? ""],
      path: [
        {
          id: "weekend",
          type: "level",
          level: {
            targets: [{ type: "schedule", id: created.id, urgency: "high" }],
            time_to_ack_seconds: 600,
          },
        },
        {
          id: "lead",
          type: "level",
          level: { targets: [{ type: "user", id: linus?.id ?? "", urgency: "low" }] },
        },
      ],
    });
    expect((await io.escalationPaths.show(path.id)).path.map((node) => node.id)).toEqual(["weekend", "lead"]);
    const updated = await io.escalationPaths.update(path.id, {
      name: "Data weekends",
      path: path.path.slice(1),
    });
    expect([updated.name, updated.path.length]).toEqual(["Data weekends", 1]);
    const paths = await collect(io.escalationPaths.list({ pageSize: 5 }));
    expect(paths.map((p) => p.name)).toContain("Data weekends");

    const bad = await rejection(io.schedules.create({ name: "Nowhere", timezone: "Mars/Olympus" }));
    expect([bad.status, bad.fieldErrors[0]?.field]).toEqual([422, "schedule.timezone"]);
    const dangling = await rejection(
      io.escalationPaths.create({
        name: "Nobody",
        path: [
          { id: "x", type: "level", level: { targets: [{ type: "user", id: "nobody", urgency: "high" }] } },
        ],
      }),
    );
    expect([dangling.status, dangling.fieldErrors[0]?.field]).toEqual([422, "path.0.level.targets.0.id"]);

    await io.escalationPaths.delete(path.id);
    expect((await rejection(io.escalationPaths.show(path.id))).status).toBe(404);
    await io.schedules.delete(created.id);
    expect((await rejection(io.schedules.show(created.id))).status).toBe(404);
    expect((await collect(io.schedules.list())).map((s) => s.name)).not.toContain("Data weekends");
  });

  it("moves a page through its path's levels as the clock advances, until acknowledged", async () => {
    const path = (await collect(io.escalationPaths.list())).find((p) => p.name === "Payments urgent");
    const incident = snapshot.incidents[snapshot.incidents.length - 1];
    const page = await io.escalations.page(
      { escalationPathId: path?.id ?? "" },
      { title: "Card payments failing", idempotencyKey: "pay-1", incidentId: incident?.id ?? "" },
    );
    expect([page.status, page.events.map((e) => e.event)]).toEqual([
      "triggered",
      ["triggered", "notified_users"],
    ]);
    expect(page.related_incidents.map((i) => i.reference)).toEqual([`INC-${incident?.number}`]);
    expect(page.description).toBe(incident?.summary ?? "");
    expect(
      (await io.escalations.page({ userIds: ["ignored"] }, { title: "again", idempotencyKey: "pay-1" })).id,
    ).toBe(page.id);

    clock.advance(5 * MINUTE + 1000);
    const manager = await io.escalations.show(page.id);
    const notified = manager.events.filter((e) => e.event === "notified_users");
    expect(notified.map((e) => e.users?.map((u) => u.name))).toEqual([
      notified[0]?.users?.map((u) => u.name),
      ["Marcus Okafor"],
    ]);
    const triggered = await collect(io.escalations.list({ status: { one_of: "triggered" } }));
    expect(triggered.map((e) => e.id)).toEqual([page.id]);

    const wrong = await acknowledge(page.id, {
      user_id: snapshot.users.find((u) => u.name === "Mei Chen")?.id ?? "",
    });
    expect(wrong.status).toBe(422);
    const acked = await acknowledge(page.id, {
      user_id: snapshot.users.find((u) => u.name === "Marcus Okafor")?.id ?? "",
    });
    expect([acked.status, acked.body.escalation.status]).toEqual([200, "acked"]);
    clock.advance(HOUR);
    const later = await io.escalations.show(page.id);
    expect([later.status, later.events.at(-1)?.event, later.events.at(-1)?.users?.[0]?.name]).toEqual([
      "acked",
      "acked",
      "Marcus Okafor",
    ]);
    const byIncident = await collect(io.escalations.list({ incident: { one_of: incident?.id ?? "" } }));
    expect(byIncident.map((e) => e.id)).toEqual([page.id]);
  });

  it("pages a schedule's on-call people, cancels a page, and refuses to cancel an expired one", async () => {
    const schedule = await io.schedules.show(payments.id);
    const page = await io.escalations.page(
      { scheduleId: payments.id },
      { title: "Ledger drift", idempotencyKey: "ledger-1" },
    );
    const paged = page.events.find((e) => e.event === "notified_users")?.users?.map((u) => u.name) ?? [];
    expect(paged.sort()).toEqual([...new Set(schedule.current_shifts?.map((s) => s.user?.name))].sort());
    await io.escalations.cancel(page.id);
    await io.escalations.cancel(page.id);
    expect((await io.escalations.show(page.id)).status).toBe("cancelled");

    const direct = await io.escalations.create({
      idempotency_key: "direct-1",
      title: "Can someone look at this?",
      user_ids: [snapshot.users.find((u) => u.name === "Ravi Shah")?.id ?? ""],
    });
    clock.advance(2 * HOUR);
    expect((await io.escalations.show(direct.id)).status).toBe("expired");
    const refused = await rejection(io.escalations.cancel(direct.id));
    expect([refused.status, refused.type]).toEqual([409, "conflict"]);
    const keyed = await collect(io.escalations.list({ idempotency_key: { starts_with: "direct-" } }));
    expect(keyed.map((e) => [e.id, e.status])).toEqual([[direct.id, "expired"]]);
    const both = await rejection(
      io.escalations.create({
        idempotency_key: "both",
        title: "x",
        escalation_path_id: "p",
        user_ids: ["u"],
      }),
    );
    expect([both.status, both.fieldErrors[0]?.field]).toEqual([422, "user_ids"]);
  });

  it("lets a read-only key see on-call but not page anyone", async () => {
    const token = snapshot.api_keys.find((k) => k.name === "Read only")?.token ?? "";
    const viewer = new IncidentIo({ apiKey: token, baseUrl: t.url, fetch: t.fetch, rateLimit: false });
    expect((await collect(viewer.schedules.list())).length).toBe(snapshot.schedules.length);
    const refused = await rejection(
      viewer.escalations.create({
        idempotency_key: "viewer",
        title: "x",
        user_ids: [snapshot.users[0]?.id ?? ""],
      }),
    );
    expect([refused.status, refused.requiredScope]).toEqual([403, "escalations.create"]);
  });

  it.skipIf(descriptionMissingReason !== undefined)(
    "implements every on-call operation, and every request and answer conformed",
    async () => {
      expect(ON_CALL_OPERATIONS.filter((operation) => !t.implemented.has(operation))).toEqual([]);
      await expect(t.close()).resolves.toBeUndefined();
    },
  );
});

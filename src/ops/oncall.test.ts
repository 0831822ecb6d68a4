import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSnapshot } from "../emulator/seed/index.js";
import { onCallSubject, whoIsOnCall } from "./oncall.js";
import { onCallText } from "./oncall-text.js";
import {
  createScheduleOverride,
  deleteScheduleOverride,
  listScheduleOverrides,
} from "./schedule-overrides.js";
import { listScheduleEntries } from "./schedules.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";

/** The clock startOpsTest starts at; the demo is seeded for that moment, so its override runs across it. */
const NOW = Date.UTC(2024, 4, 2, 9, 30);
const HOUR = 3_600_000;

let o: OpsTest;
const snapshot = demoSnapshot({ now: NOW, seed: 3 });
const userName = (id: string | undefined) => snapshot.users.find((user) => user.id === id)?.name;
const seededOverride = snapshot.schedule_overrides[0];

beforeAll(async () => {
  o = await startOpsTest({ snapshot });
});
afterAll(() => o.close());

describe("who is on call", () => {
  it("for a service: service → owner team → schedule, matching the schedule's own current shifts", async () => {
    const answer = await whoIsOnCall(o.s, { kind: "service", name: "payments-api" });
    expect(answer.chain).toEqual(["payments-api", "team Payments", "schedule Payments on-call"]);
    expect(answer.escalationPath?.name).toBe("Payments urgent");
    const shown = await o.bystander.schedules.show(answer.schedules[0]?.id ?? "");
    const current = new Set((shown.current_shifts ?? []).map((shift) => shift.user?.name));
    expect(new Set(answer.onCall.map((person) => person.name))).toEqual(current);
    // The seeded override is on the primary layer, marked as such.
    const covered = answer.schedules[0]?.layers.find((layer) => layer.layerId === seededOverride?.layer_id);
    expect(covered?.now).toMatchObject({ override: true, until: seededOverride?.end_at });
    expect(covered?.now?.person?.name).toBe(userName(seededOverride?.user_id));
    // Once the override ends, the rotation's own person takes over again.
    expect(covered?.next?.from).toBe(seededOverride?.end_at);
    expect(covered?.next?.override).toBe(false);
    const text = onCallText(answer, NOW);
    expect(text.split("\n")[0]).toBe("payments-api → team Payments → schedule Payments on-call (now)");
    expect(text).toContain(`${userName(seededOverride?.user_id)} (override) until `);
  });

  it("for a team, a schedule and a user agree on who is on call", async () => {
    const team = await whoIsOnCall(o.s, { kind: "team", name: "payments" });
    const schedule = await whoIsOnCall(o.s, { kind: "schedule", name: "PAYMENTS ON-CALL" });
    expect(team.chain).toEqual(["team Payments", "schedule Payments on-call"]);
    expect(schedule.onCall).toEqual(team.onCall);
    const someone = team.onCall[0];
    const user = await whoIsOnCall(o.s, { kind: "user", name: someone?.email ?? "" });
    expect(user.chain[0]).toBe(`user ${someone?.name}`);
    expect(user.onCall).toEqual([someone]);
    expect(user.schedules.map((s) => s.name)).toContain("Payments on-call");
    for (const s of user.schedules) {
      for (const layer of s.layers) {
        expect([layer.now?.person?.id, layer.next?.person?.id]).toContain(someone?.id);
      }
    }
  });

  it("changes across a handover: the one next before it is the one on call after it", async () => {
    // Two days on, the override has ended; the secondary layer hands over weekly.
    const later = await whoIsOnCall(o.s, { kind: "schedule", name: "Payments on-call" }, "2d");
    expect(later.at).toBe(new Date(NOW + 48 * HOUR).toISOString());
    const secondary = later.schedules[0]?.layers.find((layer) => layer.layer === "Secondary");
    const handover = Date.parse(secondary?.now?.until ?? "");
    const before = await whoIsOnCall(
      o.s,
      { kind: "service", name: "Payments API" },
      new Date(handover - HOUR).toISOString(),
    );
    const after = await whoIsOnCall(
      o.s,
      { kind: "service", name: "pay-api" },
      new Date(handover + HOUR).toISOString(),
    );
    const layerOf = (answer: typeof before) =>
      answer.schedules[0]?.layers.find((layer) => layer.layer === "Secondary");
    expect(layerOf(before)?.now?.person?.id).not.toBe(layerOf(after)?.now?.person?.id);
    expect(layerOf(before)?.next?.person?.id).toBe(layerOf(after)?.now?.person?.id);
    expect(before.onCall.map((p) => p.id).sort()).not.toEqual(after.onCall.map((p) => p.id).sort());
  });

  it("changes with an override, found again when asked twice, and back once it is removed", async () => {
    const at = new Date(NOW + 72 * HOUR).toISOString();
    const before = await whoIsOnCall(o.s, { kind: "team", name: "Payments" }, at);
    const primary = before.schedules[0]?.layers.find((layer) => layer.layer === "Primary");
    const cover = snapshot.users.find(
      (user) =>
        user.is_active &&
        user.role === "responder" &&
        user.id !== primary?.now?.person?.id &&
        user.id !== seededOverride?.user_id,
    );
    const input = {
      schedule: "Payments on-call",
      rotation: "primary",
      user: cover?.email ?? "",
      from: new Date(NOW + 71 * HOUR).toISOString(),
      until: new Date(NOW + 74 * HOUR).toISOString(),
    };
    const made = await createScheduleOverride(o.s, input);
    const again = await createScheduleOverride(o.s, input);
    expect([made.created, again.created]).toEqual([true, false]);
    expect(again.override.id).toBe(made.override.id);
    expect([made.rotation, made.layer]).toEqual(["Primary", "Primary"]);
    const during = await whoIsOnCall(o.s, { kind: "team", name: "Payments" }, at);
    const covered = during.schedules[0]?.layers.find((layer) => layer.layer === "Primary");
    expect(covered?.now).toMatchObject({ person: { name: cover?.name }, override: true, until: input.until });
    expect(covered?.next?.person?.id).toBe(primary?.now?.person?.id);
    const listed = await listScheduleOverrides(o.s, "Payments on-call");
    expect(listed.overrides.map((n) => n.override.id)).toContain(made.override.id);
    const entries = await listScheduleEntries(o.s, "Payments on-call", { from: input.from, to: input.until });
    expect(entries.overrides.map((entry) => entry.entry_id)).toEqual([made.override.id]);

    const removed = await deleteScheduleOverride(o.s, {
      schedule: "Payments on-call",
      user: cover?.name ?? "",
    });
    expect(removed.override.id).toBe(made.override.id);
    const afterwards = await whoIsOnCall(o.s, { kind: "team", name: "Payments" }, at);
    expect(afterwards.onCall).toEqual(before.onCall);
  });

  it("refuses what it cannot answer, saying what would do", async () => {
    const service = await refusal(whoIsOnCall(o.s, { kind: "service", name: "payment-apx" }));
    expect(service.message).toContain('no service in the catalog is called "payment-apx"');
    expect(service.hint).toContain("payments-api");
    const schedule = await refusal(whoIsOnCall(o.s, { kind: "schedule", name: "Nope" }));
    expect(schedule.hint).toContain("Payments on-call");
    const at = await refusal(whoIsOnCall(o.s, { kind: "team", name: "Payments" }, "tomorrow"));
    expect(at.message).toContain('at "tomorrow" is neither a date-time nor a duration');
    expect(at.hint).toMatch(/2h/);
    expect(() => onCallSubject({ team: "Payments", service: "payments-api" })).toThrow(
      /not service and team/,
    );
    expect(() => onCallSubject({})).toThrow(/say whose on-call/);
    const rotation = await refusal(
      createScheduleOverride(o.s, { schedule: "Payments on-call", user: "Daniel Kim", until: "2h" }),
    );
    expect(rotation.hint).toBe("give rotation: use one of: Primary, Support desk");
  });
});

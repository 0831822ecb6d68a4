import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { testSnapshot } from "../emulator/testing.js";
import { ManualClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { acceptAlerts } from "./accept.js";
import { OutboxWorker } from "./outbox.js";
import { replayFailed } from "./replay.js";
import { alert, rulesFrom } from "./rules/testing.js";
import { emulatorSession, sessionRefusingCreates } from "./testing/delivery.js";

const RULES = rulesFrom(
  "rules:\n  - name: page\n    action: open_incident\n    incident: { severity: Critical }\n",
);
const MINUTE = 60_000;

let store: Store;
let t: TestEmulator;
let clock: ManualClock;
const snapshot = testSnapshot();

beforeEach(async () => {
  store = await openTestStore();
  clock = new ManualClock(Date.parse("2026-06-10T12:00:00Z"));
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
});
afterEach(async () => {
  await store.close();
  await t.close();
});

const accept = async (status: "firing" | "resolved" = "firing") => {
  const event = alert({ status });
  const batch = {
    source: "prometheus",
    format: "generic" as const,
    events: [event],
    sent: [event],
  };
  const [accepted] = await acceptAlerts(store, RULES, batch, new Date(clock.now()));
  if (!accepted) throw new Error("acceptAlerts returned no alert");
  return accepted;
};
/** Delivers what is due with a session whose incident creates incident.io refuses for good. */
const refusedRound = () =>
  new OutboxWorker(store, sessionRefusingCreates(t, t.adminKey, clock), { clock }).runOnce();
const goodRound = () => new OutboxWorker(store, emulatorSession(t, t.adminKey, clock), { clock }).runOnce();
const outbox = () => store.db.selectFrom("outbox").selectAll().orderBy("id").execute();
const deliveries = () => store.db.selectFrom("deliveries").selectAll().orderBy("id").execute();

describe("replayFailed", () => {
  it("re-queues an alert's failed declare, keeping its history, so the next round opens the incident", async () => {
    const firing = await accept();
    await refusedRound();
    expect((await outbox())[0]).toMatchObject({ state: "failed", attempts: 1 });
    clock.advance(30 * MINUTE);

    const result = await replayFailed(store, firing.id, new Date(clock.now()));

    expect(result).toEqual({
      target: "alert",
      groupKey: firing.groupKey,
      replayed: [{ id: expect.any(String), kind: "declare", alertId: firing.id, groupKey: firing.groupKey }],
      otherFailedInGroup: 0,
      opensWithoutClose: false,
    });
    expect((await outbox())[0]).toMatchObject({
      state: "pending",
      attempts: 0,
      next_attempt_at: new Date(clock.now()).toISOString(),
      claimed_by: null,
      claimed_until: null,
    });
    expect((await deliveries()).map((d) => [d.outcome, d.http_status, d.message])).toEqual([
      ["failed", 422, expect.stringContaining("Name must be 255 characters or fewer")],
      ["replayed", null, "declare re-queued by incidentkit alerts replay"],
    ]);

    expect(await goodRound()).toBe(1);
    expect(t.emulator.incidents()).toHaveLength(1);
    expect((await deliveries()).map((d) => d.outcome)).toEqual(["failed", "replayed", "delivered"]);
    const group = await store.db.selectFrom("alert_groups").selectAll().executeTakeFirstOrThrow();
    expect(group.incident_reference).toBe(`INC-${t.emulator.incidents()[0]?.number}`);
  });

  it("re-queues a whole group by its key, declare before close, and names what an alert's replay left", async () => {
    // The resolve comes while the declare is still pending, so a close is queued behind it; both fail.
    const firing = await accept();
    await accept("resolved");
    await refusedRound();
    await refusedRound();
    expect((await outbox()).map((row) => [row.kind, row.state])).toEqual([
      ["declare", "failed"],
      ["close", "failed"],
    ]);

    const own = await replayFailed(store, firing.id, new Date(clock.now()));
    expect(own.replayed.map((entry) => entry.kind)).toEqual(["declare"]);
    expect(own).toMatchObject({ otherFailedInGroup: 1, opensWithoutClose: true });

    const group = await replayFailed(store, firing.groupKey, new Date(clock.now()));
    expect(group).toMatchObject({
      target: "group",
      groupKey: firing.groupKey,
      otherFailedInGroup: 0,
      opensWithoutClose: false,
    });
    expect(group.replayed.map((entry) => entry.kind)).toEqual(["close"]);

    expect(await goodRound()).toBe(1);
    expect(await goodRound()).toBe(1);
    const [incident] = t.emulator.incidents();
    const closed = snapshot.incident_statuses.find((s) => s.id === incident?.incident_status_id);
    expect(closed?.category).toBe("closed");
    expect((await outbox()).map((row) => row.state)).toEqual(["delivered", "delivered"]);
  });

  it("re-queues nothing that is pending or delivered, and says when the target is neither alert nor group", async () => {
    const firing = await accept();
    expect((await replayFailed(store, firing.id, new Date(clock.now()))).replayed).toEqual([]);
    await goodRound();
    const delivered = await replayFailed(store, firing.groupKey, new Date(clock.now()));
    expect(delivered).toMatchObject({ target: "group", replayed: [] });
    expect((await outbox())[0]?.state).toBe("delivered");
    expect((await deliveries()).map((d) => d.outcome)).toEqual(["delivered"]);
    expect(await replayFailed(store, "01NOSUCHALERT0000000000000", new Date(clock.now()))).toEqual({
      target: "unknown",
      groupKey: null,
      replayed: [],
      otherFailedInGroup: 0,
      opensWithoutClose: false,
    });
  });
});

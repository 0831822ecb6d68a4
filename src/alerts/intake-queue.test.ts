import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { type AcceptedAlert, acceptAlerts, acceptBatches } from "./accept.js";
import type { AlertEvent } from "./event.js";
import { AlertIntake } from "./intake-queue.js";
import { rulesFrom } from "./rules/testing.js";
import { intakeBatch } from "./testing/batch.js";

const RULES = rulesFrom(`
rules:
  - name: capped
    match: { labels: { env: lab } }
    action: open_incident
    suppress: { daily_cap: 2 }
  - name: page
    match: { labels: { env: production } }
    action: open_incident
`);

const NOW = new Date("2026-06-10T12:00:00Z");

function alert(dedupKey: string, status: "firing" | "resolved" = "firing", env = "production"): AlertEvent {
  return { source: "prom", dedupKey, status, title: `Alert ${dedupKey}`, labels: { env } };
}
const batch = (...events: AlertEvent[]) => intakeBatch("prom", events);
/** One Alertmanager notification of group `web` (its alerts make one group). */
const notification = (...events: AlertEvent[]) =>
  intakeBatch("prom", events, {
    format: "alertmanager",
    notification: { groupKey: "web", truncatedAlerts: 0 },
  });
/** What an answer says, without the IDs each run makes anew. */
const said = (answers: AcceptedAlert[][]) =>
  answers.map((alerts) => alerts.map(({ decision, reason, groupKey }) => ({ decision, reason, groupKey })));

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => {
  await store.close();
});

describe("acceptBatches: several requests' alerts in one transaction", () => {
  it("answers each batch exactly as accepting them one after another would", async () => {
    const batches = [
      batch(alert("a")),
      batch(alert("b"), alert("c")),
      batch(alert("a")), // shares a's group: must see the incident the first batch opened
      batch(alert("a", "resolved")),
      batch(alert("x", "firing", "lab")),
      batch(alert("y", "firing", "lab")),
      batch(alert("z", "firing", "lab")), // the daily cap counts the two before it
      batch(alert("a")), // after the close: within the re-open window, recorded only
      notification(alert("w1"), alert("w2")),
      notification(alert("w1", "resolved")), // w2 still fires: the group's incident stays open
      notification(alert("w2", "resolved")), // the last one resolves: closes it
    ];
    const together = await acceptBatches(store, RULES, batches, NOW);

    const alone = await openTestStore();
    try {
      const oneByOne: AcceptedAlert[][] = [];
      for (const each of batches) oneByOne.push(await acceptAlerts(alone, RULES, each, NOW));
      expect(said(together)).toEqual(said(oneByOne));
    } finally {
      await alone.close();
    }
    expect(said(together).map((alerts) => alerts.map((a) => a.decision))).toEqual([
      ["open_incident"],
      ["open_incident", "open_incident"],
      ["record_only"],
      ["resolve"],
      ["open_incident"],
      ["open_incident"],
      ["suppressed"],
      ["record_only"],
      ["open_incident", "record_only"],
      ["record_only"],
      ["resolve"],
    ]);
    const stored = await store.db.selectFrom("alerts").select("id").execute();
    expect(stored).toHaveLength(13);
  });
});

describe("AlertIntake", () => {
  it("accepts the requests arriving together in one acceptance, each answered with its own alerts", async () => {
    const intake = new AlertIntake(store, RULES, new ManualClock(NOW.getTime()));
    const answers = await Promise.all([
      intake.accept(batch(alert("a"))),
      intake.accept(batch(alert("b"), alert("a"))),
      intake.accept(batch(alert("a", "resolved"))),
    ]);
    expect(answers.map((alerts) => alerts.map((a) => a.decision))).toEqual([
      ["open_incident"],
      ["open_incident", "record_only"],
      ["resolve"],
    ]);
    const received = await store.db.selectFrom("alerts").select("received_at").distinct().execute();
    expect(received).toEqual([{ received_at: NOW.toISOString() }]);
  });

  it("fails only the request at fault when an acceptance fails, accepting the others", async () => {
    const intake = new AlertIntake(store, RULES, new ManualClock(NOW.getTime()));
    // A title the database refuses (NOT NULL): what a fault in one request's data looks like.
    const broken = { ...alert("bad"), title: null } as unknown as AlertEvent;
    const answers = await Promise.allSettled([
      intake.accept(batch(alert("a"))),
      intake.accept(batch(broken)),
      intake.accept(batch(alert("b"))),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const stored = await store.db.selectFrom("alerts").select("dedup_key").orderBy("dedup_key").execute();
    expect(stored.map((row) => row.dedup_key)).toEqual(["a", "b"]);
  });

  it("fails the requests of a transaction that never began, and takes the next ones once the store answers", async () => {
    let refusals = 2;
    const failing: Store = {
      ...store,
      write: (work, options) =>
        refusals-- > 0 ? Promise.reject(new Error("database is locked")) : store.write(work, options),
    };
    const intake = new AlertIntake(failing, RULES, new ManualClock(NOW.getTime()));
    const refused = await Promise.allSettled([
      intake.accept(batch(alert("a"))),
      intake.accept(batch(alert("b"))),
    ]);
    expect(refused.map((answer) => answer.status)).toEqual(["rejected", "fulfilled"]);
    expect(await intake.accept(batch(alert("c")))).toMatchObject([{ decision: "open_incident" }]);
    const stored = await store.db.selectFrom("alerts").select("dedup_key").orderBy("dedup_key").execute();
    expect(stored.map((row) => row.dedup_key)).toEqual(["b", "c"]);
  });

  it("takes a request arriving before the acceptance's transaction begins into it", async () => {
    const clock = new ManualClock(NOW.getTime());
    const intake = new AlertIntake(store, RULES, clock);
    const first = intake.accept(batch(alert("a")));
    // Read after the acceptance asked for its transaction (a later callback of the same turn), before it begins.
    const second = new Promise<AcceptedAlert[]>((resolve) =>
      setImmediate(() => {
        clock.advance(1000);
        resolve(intake.accept(batch(alert("b"))));
      }),
    );
    await Promise.all([first, second]);
    const received = await store.db.selectFrom("alerts").select("received_at").distinct().execute();
    expect(received).toEqual([{ received_at: new Date(NOW.getTime() + 1000).toISOString() }]);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ScorecardResult } from "../scorecards/index.js";
import { levelHistory } from "../scorecards/levels-store.js";
import { ManualClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { ScorecardSchedule } from "./scorecard-schedule.js";

const T0 = Date.parse("2026-06-01T09:00:00Z");
const EVERY = 3_600_000;
const PAYMENTS = "component:default/payments";

function results(level: string): ScorecardResult[] {
  return [
    {
      scorecard: "Reliability",
      file: "reliability.yaml",
      levels: ["Bronze", "Silver"],
      entities: [{ entity: PAYMENTS, level, levelIndex: 0, score: 0.5, rules: [], nextLevel: null }],
      problems: [],
    },
  ];
}

/** A directory whose payments service is at `levels[n]` on the n-th run, then stays at the last. */
function directory(...levels: Array<string | Error>) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async current() {
      const next = levels[Math.min(calls, levels.length - 1)] as string | Error;
      calls += 1;
      if (next instanceof Error) throw next;
      return { scorecards: results(next) };
    },
  };
}

/** Leadership as another hub may hold it: `confirm` answers `confirms` and is counted. */
function leadership(leading: boolean, confirms = leading) {
  return {
    leading,
    confirms,
    asked: 0,
    async confirm() {
      this.asked += 1;
      return this.confirms;
    },
    async close() {},
  };
}

let store: Store;
let clock: ManualClock;
let schedule: ScorecardSchedule | undefined;
beforeEach(async () => {
  store = await openTestStore();
  clock = new ManualClock(T0);
});
afterEach(async () => {
  await schedule?.close();
  schedule = undefined;
  await store.close();
});

describe("ScorecardSchedule", () => {
  it("records the levels at start and again every interval while this hub leads", async () => {
    const scores = directory("Bronze", "Silver");
    schedule = new ScorecardSchedule({
      store,
      directory: scores,
      leadership: leadership(true),
      everyMs: EVERY,
      clock,
    });
    schedule.start();
    await vi.waitFor(() => expect(scores.calls).toBeGreaterThanOrEqual(3));
    await schedule.close();
    const [payments] = await levelHistory(store);
    // Bronze at start; Silver from the run an interval later, and kept by the runs after it.
    expect(payments).toMatchObject({
      level: "Silver",
      since: new Date(T0 + EVERY).toISOString(),
      previous: "Bronze",
    });
    expect(Date.parse(payments?.checkedAt ?? "")).toBeGreaterThanOrEqual(T0 + 2 * EVERY);
  });

  it("records nothing while another hub leads or the lead was lost, and starts once this hub leads", async () => {
    const scores = directory("Bronze");
    const lead = leadership(false);
    schedule = new ScorecardSchedule({ store, directory: scores, leadership: lead, everyMs: EVERY, clock });
    schedule.start();
    // Followers look again every second.
    await vi.waitFor(() => expect(clock.now()).toBeGreaterThanOrEqual(T0 + 5_000));
    lead.leading = true;
    await vi.waitFor(() => expect(lead.asked).toBeGreaterThanOrEqual(3));
    expect(scores.calls).toBe(0);
    expect(await levelHistory(store)).toEqual([]);

    lead.confirms = true;
    await vi.waitFor(() => expect(scores.calls).toBeGreaterThanOrEqual(1));
    await schedule.close();
    expect((await levelHistory(store)).map((row) => row.level)).toEqual(["Bronze"]);
  });

  it("reports a failed run and carries on with the next", async () => {
    const scores = directory(new Error("catalog unreadable"), "Bronze");
    const errors: unknown[] = [];
    schedule = new ScorecardSchedule({
      store,
      directory: scores,
      leadership: leadership(true),
      everyMs: EVERY,
      clock,
      onError: (error) => errors.push(error),
    });
    schedule.start();
    await vi.waitFor(() => expect(scores.calls).toBeGreaterThanOrEqual(2));
    await schedule.close();
    expect(errors).toEqual([new Error("catalog unreadable")]);
    expect(await levelHistory(store)).toMatchObject([
      { level: "Bronze", since: new Date(T0 + EVERY).toISOString() },
    ]);
  });
});

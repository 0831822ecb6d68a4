import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import type { ScorecardResult } from "./evaluate.js";
import { levelHistory, recordLevels } from "./levels-store.js";

const T0 = Date.parse("2026-06-01T09:00:00Z");
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const PAYMENTS = "component:default/payments";
const SEARCH = "component:default/search";

/** Reliability's results: each entity at the level given, scored as given. */
function reliability(levels: Record<string, [level: string | null, score: number]>): ScorecardResult {
  return {
    scorecard: "Reliability",
    file: "reliability.yaml",
    levels: ["Bronze", "Silver"],
    entities: Object.entries(levels).map(([entity, [level, score]]) => ({
      entity,
      level,
      levelIndex: level === null ? -1 : ["Bronze", "Silver"].indexOf(level),
      score,
      rules: [],
      nextLevel: null,
    })),
    problems: [],
  };
}

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => {
  await store.close();
});

describe("recordLevels", () => {
  it("records each entity's first level as reached at that run, with nothing before it", async () => {
    await recordLevels(store, [reliability({ [PAYMENTS]: ["Bronze", 0.5], [SEARCH]: [null, 0] })], T0);
    expect(await levelHistory(store)).toEqual([
      {
        scorecard: "Reliability",
        entity: PAYMENTS,
        level: "Bronze",
        score: 0.5,
        since: iso(T0),
        previous: null,
        checkedAt: iso(T0),
      },
      {
        scorecard: "Reliability",
        entity: SEARCH,
        level: null,
        score: 0,
        since: iso(T0),
        previous: null,
        checkedAt: iso(T0),
      },
    ]);
  });

  it("keeps since and previous while the level stays, moving only the score and the check time", async () => {
    await recordLevels(store, [reliability({ [PAYMENTS]: [null, 0] })], T0);
    await recordLevels(store, [reliability({ [PAYMENTS]: ["Bronze", 0.5] })], T0 + HOUR);
    await recordLevels(store, [reliability({ [PAYMENTS]: ["Bronze", 0.75] })], T0 + 2 * HOUR);
    expect(await levelHistory(store, PAYMENTS)).toEqual([
      expect.objectContaining({
        level: "Bronze",
        score: 0.75,
        since: iso(T0 + HOUR),
        previous: null,
        checkedAt: iso(T0 + 2 * HOUR),
      }),
    ]);
  });

  it("starts a changed level at the run that saw it, with the old level as previous, up or down", async () => {
    await recordLevels(store, [reliability({ [PAYMENTS]: ["Bronze", 0.5], [SEARCH]: ["Silver", 1] })], T0);
    await recordLevels(
      store,
      [reliability({ [PAYMENTS]: ["Silver", 1], [SEARCH]: ["Silver", 1] })],
      T0 + HOUR,
    );
    await recordLevels(
      store,
      [reliability({ [PAYMENTS]: ["Silver", 1], [SEARCH]: ["Bronze", 0.5] })],
      T0 + 2 * HOUR,
    );
    const [payments, search] = await levelHistory(store);
    expect(payments).toMatchObject({ level: "Silver", since: iso(T0 + HOUR), previous: "Bronze" });
    expect(payments?.checkedAt).toBe(iso(T0 + 2 * HOUR));
    expect(search).toMatchObject({ level: "Bronze", since: iso(T0 + 2 * HOUR), previous: "Silver" });
  });

  it("reads back one entity's levels only when asked for it", async () => {
    await recordLevels(store, [reliability({ [PAYMENTS]: ["Bronze", 0.5], [SEARCH]: [null, 0] })], T0);
    expect((await levelHistory(store, SEARCH)).map((row) => row.entity)).toEqual([SEARCH]);
    expect(await levelHistory(store, "component:default/unknown")).toEqual([]);
  });
});

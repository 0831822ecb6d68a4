import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database, Store } from "./index.js";
import { ShapedQuery } from "./shaped-query.js";
import { openTestStore } from "./testing/databases.js";
import { groupRow } from "./testing/rows.js";

let store: Store;

beforeEach(async () => {
  store = await openTestStore();
  for (const key of ["a", "b", "c", "d"])
    await store.db
      .insertInto("alert_groups")
      .values(groupRow({ group_key: key, dedup_key: key, state: key === "c" ? "resolved" : "open" }))
      .execute();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
});

interface Input {
  state: "open" | "resolved";
  keys: string[];
}

/** The groups among `keys` in `state`: a literal first, then a list, so the order of parameters matters. */
const build = (db: Kysely<Database>, input: Input) =>
  db
    .selectFrom("alert_groups")
    .select("group_key")
    .where("state", "=", input.state)
    .where("group_key", "in", input.keys)
    .orderBy("group_key");

describe("a shaped query", () => {
  it("is built and compiled once per shape, and each run gets its own values", async () => {
    const spec = {
      shape: (input: Input) => input.keys.length,
      build,
      parameters: (input: Input) => [input.state, ...input.keys],
    };
    const built = vi.spyOn(spec, "build");
    const query = new ShapedQuery(spec);
    const keys = (rows: Array<{ group_key: string }>) => rows.map((row) => row.group_key);

    expect(keys(await query.execute(store.db, { state: "open", keys: ["a", "b"] }))).toEqual(["a", "b"]);
    expect(keys(await query.execute(store.db, { state: "open", keys: ["c", "d"] }))).toEqual(["d"]);
    expect(keys(await query.execute(store.db, { state: "resolved", keys: ["c", "d"] }))).toEqual(["c"]);
    expect(built).toHaveBeenCalledTimes(1);
    expect(keys(await query.execute(store.db, { state: "open", keys: ["a", "c", "d"] }))).toEqual(["a", "d"]);
    expect(built).toHaveBeenCalledTimes(2);
    // In a transaction, the same compiled query.
    const inTransaction = await store.db
      .transaction()
      .execute((trx) => query.execute(trx, { state: "open", keys: ["b", "d"] }));
    expect(keys(inTransaction)).toEqual(["b", "d"]);
    expect(built).toHaveBeenCalledTimes(2);
  });

  it("refuses, at its first compile, parameters listed in another order than Kysely's", async () => {
    const query = new ShapedQuery({
      shape: (input: Input) => input.keys.length,
      build,
      parameters: (input: Input) => [...input.keys, input.state],
    });
    await expect(query.execute(store.db, { state: "open", keys: ["a", "b"] })).rejects.toThrow(
      /parameters are not the ones Kysely compiled/,
    );
  });
});

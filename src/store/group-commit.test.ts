import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit.js";
import type { Store } from "./index.js";
import { openTestStore, testStoreDialect } from "./testing/databases.js";
import { alertRow } from "./testing/rows.js";

let store: Store;
let transactions = 0;

beforeEach(async () => {
  store = await openTestStore();
  transactions = 0;
  const begin = store.db.transaction.bind(store.db);
  store.db.transaction = () => {
    transactions += 1;
    return begin();
  };
});
afterEach(() => store.close());

const insert = (id: string) => async (trx: Parameters<Parameters<Store["write"]>[0]>[0]) => {
  await trx.insertInto("alerts").values(alertRow({ id })).execute();
  return id;
};
const storedIds = async () =>
  (await store.db.selectFrom("alerts").select("id").orderBy("id").execute()).map((row) => row.id);

describe("groupCommit", () => {
  it("commits concurrent callers' work in one transaction, each caller getting its own result", async () => {
    const write = groupCommit(store.db);
    const ids = Array.from({ length: 50 }, (_, i) => `A${String(i).padStart(3, "0")}`);
    expect(await Promise.all(ids.map((id) => write(insert(id))))).toEqual(ids);
    expect(await storedIds()).toEqual(ids);
    expect(transactions).toBe(1);
  });

  it("runs a lone caller's work at once, and later callers in later commits", async () => {
    const write = groupCommit(store.db);
    expect(await write(insert("A1"))).toBe("A1");
    expect(await write(insert("A2"))).toBe("A2");
    expect(await storedIds()).toEqual(["A1", "A2"]);
    expect(transactions).toBe(2);
  });

  it("fails only the caller whose work failed; the others in its batch are committed", async () => {
    const write = groupCommit(store.db);
    const results = await Promise.allSettled([
      write(insert("A1")),
      write(insert("A1")), // the same primary key again: the database refuses it
      write(insert("A3")),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(
      /UNIQUE constraint failed: alerts\.id|violates unique constraint "alerts_pkey"/,
    );
    expect(await storedIds()).toEqual(["A1", "A3"]);
  });

  it("takes work arriving while a commit is under way into the next one", async () => {
    const write = groupCommit(store.db);
    const first = write(insert("A1"));
    await Promise.resolve();
    const second = write(insert("A2"));
    expect(await Promise.all([first, second])).toEqual(["A1", "A2"]);
    expect(await storedIds()).toEqual(["A1", "A2"]);
  });
});

describe.skipIf(testStoreDialect !== "postgres")("groupCommit in lanes (PostgreSQL)", () => {
  it("shares the waiting work among the lanes, each committing its part at the same time", async () => {
    const write = groupCommit(store.db, { lanes: 2 });
    let inside = 0;
    let most = 0;
    const overlapping = (id: string) => async (trx: Parameters<Parameters<Store["write"]>[0]>[0]) => {
      inside += 1;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 50));
      inside -= 1;
      return insert(id)(trx);
    };
    const ids = ["A1", "A2", "A3", "A4"];
    expect(await Promise.all(ids.map((id) => write(overlapping(id))))).toEqual(ids);
    expect(await storedIds()).toEqual(ids);
    expect(transactions).toBe(2);
    expect(most).toBe(2);
  });
});

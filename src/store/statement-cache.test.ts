import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openStore, type Store } from "./index.js";
import { StatementCachingDatabase } from "./statement-cache.js";
import { alertRow } from "./testing/rows.js";

let store: Store;

beforeEach(async () => {
  store = await openStore({ memory: true });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
});

describe("the statement cache", () => {
  it("prepares a query once however many times it runs, with any parameters", async () => {
    const prepare = vi.spyOn(BetterSqlite3.prototype, "prepare");
    const ids: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      const alert = alertRow({ title: `Alert ${i}` });
      ids.push(alert.id);
      await store.db.insertInto("alerts").values(alert).execute();
      const found = await store.db
        .selectFrom("alerts")
        .select("title")
        .where("id", "=", alert.id)
        .executeTakeFirstOrThrow();
      expect(found.title).toBe(`Alert ${i}`);
    }
    const prepared = prepare.mock.calls.map(([text]) => text);
    expect(prepared).toHaveLength(2);
    expect(prepared.filter((text) => /^insert into "alerts"/.test(text))).toHaveLength(1);
    expect(prepared.filter((text) => /^select "title" from "alerts"/.test(text))).toHaveLength(1);
    const all = await store.db.selectFrom("alerts").select("id").orderBy("id").execute();
    expect(all.map((row) => row.id)).toEqual(ids);
  });

  it("reuses begin and commit across transactions", async () => {
    const prepare = vi.spyOn(BetterSqlite3.prototype, "prepare");
    for (let i = 0; i < 50; i++) {
      await store.db.transaction().execute((trx) => trx.insertInto("alerts").values(alertRow()).execute());
    }
    // At most begin, commit and the insert, each once (a migration may have prepared begin and commit already).
    const prepared = prepare.mock.calls.map(([text]) => text);
    expect(prepared.length).toBeGreaterThanOrEqual(1);
    expect(prepared.length).toBeLessThanOrEqual(3);
    expect(new Set(prepared).size).toBe(prepared.length);
  });

  it("counts distinct statements and closes once", () => {
    const database = new StatementCachingDatabase(new BetterSqlite3(":memory:"));
    const first = database.prepare("select 1 as one");
    expect(database.prepare("select 1 as one")).toBe(first);
    database.prepare("select 2 as two");
    expect(database.preparedCount).toBe(2);
    expect(first.all([])).toEqual([{ one: 1 }]);
    database.close();
    expect(() => database.close()).not.toThrow();
    expect(() => first.all([])).toThrow(/database connection is not open/);
  });
});

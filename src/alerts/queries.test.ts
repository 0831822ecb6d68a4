import { CompiledQuery } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.js";
import { openTestStore, testStoreDialect } from "../store/testing/databases.js";
import { acceptAlerts } from "./accept.js";
import type { AlertEvent } from "./event.js";
import { alertHistory, alertHistoryQuery } from "./queries.js";
import { rulesFrom } from "./rules/testing.js";
import { intakeBatch } from "./testing/batch.js";

const RULES = rulesFrom(`
rules:
  - name: record
    match: {}
    action: record_only
`);

const alert = (source: string, dedupKey: string): AlertEvent => ({
  source,
  dedupKey,
  status: "firing",
  title: `Alert ${dedupKey}`,
  labels: {},
});

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  // Alerts from two sources, interleaved over ten minutes.
  for (let minute = 0; minute < 10; minute++) {
    const source = minute % 3 === 0 ? "rare" : "busy";
    const at = new Date(Date.UTC(2026, 5, 10, 12, minute));
    await acceptAlerts(store, RULES, intakeBatch(source, [alert(source, `k${minute}`)]), at);
  }
});
afterEach(async () => {
  await store.close();
});

describe("alertHistory", () => {
  it("lists the newest alerts first, of every source or of one", async () => {
    const keys = async (options: { source?: string; limit?: number }) =>
      (await alertHistory(store, options)).map((alert) => alert.dedupKey);
    expect(await keys({ limit: 4 })).toEqual(["k9", "k8", "k7", "k6"]);
    expect(await keys({ source: "rare" })).toEqual(["k9", "k6", "k3", "k0"]);
    expect(await keys({ source: "busy", limit: 2 })).toEqual(["k8", "k7"]);
    expect(await keys({ source: "none" })).toEqual([]);
  });

  it.skipIf(testStoreDialect !== "sqlite")(
    "reads a source's newest page from its index, sorting nothing (SQLite's plan)",
    async () => {
      const query = alertHistoryQuery(store.db, { source: "rare" }).compile();
      const plan = await store.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      );
      const details = plan.rows.map((row) => row.detail).join("; ");
      expect(details).toContain("alerts_by_source");
      expect(details).not.toContain("TEMP B-TREE");
    },
  );
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../store/index.js";
import { createTestDatabase, openTestStore, postgresUnavailable } from "../store/testing/databases.js";
import { alertRow, groupRow, outboxRow } from "../store/testing/rows.js";
import { claimDue, releaseAllClaims, renewClaims } from "./outbox-claims.js";

const NOW = Date.parse("2026-01-02T03:05:00.000Z");
const LEASE = 30_000;

async function seedGroups(store: Store, groups: number, perGroup: Array<"declare" | "close">): Promise<void> {
  await store.write(async (trx) => {
    for (let g = 0; g < groups; g++) {
      const key = `prometheus:key-${g}`;
      const alert = alertRow({ group_key: key, dedup_key: `key-${g}` });
      await trx.insertInto("alerts").values(alert).execute();
      await trx
        .insertInto("alert_groups")
        .values(groupRow({ group_key: key, dedup_key: `key-${g}` }))
        .execute();
      for (const [i, kind] of perGroup.entries()) {
        await trx
          .insertInto("outbox")
          .values(outboxRow({ alert_id: alert.id, group_key: key, kind, seq: i + 1 }))
          .execute();
      }
    }
  });
}

describe("claimDue", () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  const claim = (claimant: string, nowMs = NOW, limit = 100) =>
    claimDue(store.db, store.dialect, { claimant, nowMs, leaseMs: LEASE, limit });

  it("claims each group's first entry only, marking it with the claimant and the lease's end", async () => {
    await seedGroups(store, 3, ["declare", "close"]);
    const claimed = await claim("hub-a");
    expect(claimed.map((entry) => [entry.group_key, entry.kind]).sort()).toEqual([
      ["prometheus:key-0", "declare"],
      ["prometheus:key-1", "declare"],
      ["prometheus:key-2", "declare"],
    ]);
    const rows = await store.db
      .selectFrom("outbox")
      .select(["kind", "claimed_by", "claimed_until"])
      .execute();
    for (const row of rows) {
      if (row.kind === "declare") {
        expect(row).toMatchObject({
          claimed_by: "hub-a",
          claimed_until: new Date(NOW + LEASE).toISOString(),
        });
      } else {
        expect(row.claimed_by).toBeNull();
      }
    }
  });

  it("gives another hub nothing a live claim holds, and a dead hub's entries once its claim ran out", async () => {
    await seedGroups(store, 2, ["declare"]);
    expect(await claim("hub-a")).toHaveLength(2);
    expect(await claim("hub-b", NOW + LEASE - 1)).toEqual([]);
    const takenOver = await claim("hub-b", NOW + LEASE + 1);
    expect(takenOver.map((entry) => entry.claimed_by)).toEqual(["hub-b", "hub-b"]);
  });

  it("keeps a claim alive while it is renewed, and a renewal by another hub changes nothing", async () => {
    await seedGroups(store, 1, ["declare"]);
    const [entry] = await claim("hub-a");
    if (!entry) throw new Error("claimed");
    await renewClaims(store.db, "hub-b", [entry.id], NOW + 10 * LEASE);
    expect(await claim("hub-b", NOW + LEASE + 1)).toHaveLength(1);
    await renewClaims(store.db, "hub-b", [entry.id], NOW + 10 * LEASE);
    expect(await claim("hub-c", NOW + 5 * LEASE)).toEqual([]);
  });

  it("waits for the group's earlier entry: the close is claimable once the declare is delivered", async () => {
    await seedGroups(store, 1, ["declare", "close"]);
    const [declare] = await claim("hub-a");
    await store.db
      .updateTable("outbox")
      .set({ state: "delivered" })
      .where("id", "=", declare?.id ?? "")
      .execute();
    const [close] = await claim("hub-b");
    expect(close?.kind).toBe("close");
  });

  it("releases every claim when this process alone uses the database", async () => {
    await seedGroups(store, 2, ["declare"]);
    await claim("hub-a");
    await releaseAllClaims(store.db);
    expect(await claim("hub-b")).toHaveLength(2);
  });
});

if (postgresUnavailable) console.log(`outbox claims by several hubs: ${postgresUnavailable}`);

describe.skipIf(postgresUnavailable !== undefined)(
  "claimDue by several hubs on one PostgreSQL database",
  () => {
    it("never hands one entry to two hubs claiming at the same moment", async () => {
      const database = await createTestDatabase();
      const hubs = await Promise.all([1, 2, 3].map(() => openStore({ postgres: database.url, poolSize: 4 })));
      try {
        const [first] = hubs;
        if (!first) throw new Error("opened");
        await seedGroups(first, 300, ["declare"]);
        const claimed: string[][] = hubs.map(() => []);
        // Each hub claims in small batches until nothing is left, all three at once.
        await Promise.all(
          hubs.map(async (hub, i) => {
            for (;;) {
              const batch = await claimDue(hub.db, hub.dialect, {
                claimant: `hub-${i}`,
                nowMs: NOW,
                leaseMs: LEASE,
                limit: 7,
              });
              if (batch.length === 0) return;
              claimed[i]?.push(...batch.map((entry) => entry.id));
            }
          }),
        );
        const all = claimed.flat();
        expect(new Set(all).size).toBe(all.length);
        expect(all).toHaveLength(300);
        expect(claimed.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
      } finally {
        for (const hub of hubs) await hub.close();
        await database.drop();
      }
    });
  },
);

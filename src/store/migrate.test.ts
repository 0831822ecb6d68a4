import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Migrator, NO_MIGRATIONS, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "./index.js";
import { migrationProvider, migrations } from "./migrations/index.js";
import { StatementCachingDatabase } from "./statement-cache.js";
import { alertRow, groupRow, outboxRow, tempDir } from "./testing/rows.js";

let temp: ReturnType<typeof tempDir>;

beforeEach(() => {
  temp = tempDir();
});
afterEach(() => {
  temp.remove();
});

describe("migrations", () => {
  it("refuses a database migrated by a newer version, naming the unknown migration, and leaves it untouched", async () => {
    const file = join(temp.dir, "hub.sqlite");
    const current = await openStore({ file });
    const alert = alertRow();
    await current.db.insertInto("alerts").values(alert).execute();
    await sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(
      current.db,
    );
    await current.close();

    await expect(openStore({ file })).rejects.toMatchObject({
      code: "database",
      message:
        "The hub database was written by a newer version of incidentkit: it has migrations this version does not know (999-from-the-future)",
      hint: "upgrade incidentkit, or use another data directory",
      retryable: false,
    });

    await expect(openStore({ file })).rejects.toThrow("(999-from-the-future)");
    const raw = new StatementCachingDatabase(new BetterSqlite3(file, { readonly: true }));
    try {
      expect(raw.prepare("select id from alerts").all([])).toEqual([{ id: alert.id }]);
      expect(raw.prepare("select name from kysely_migration order by name").all([])).toEqual([
        ...Object.keys(migrations).map((name) => ({ name })),
        { name: "999-from-the-future" },
      ]);
    } finally {
      raw.close();
    }
  });

  it("can be undone to an empty database and redone", async () => {
    const store = await openStore({ memory: true });
    try {
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(await store.db.introspection.getTables()).toEqual([]);
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      await store.db.insertInto("alerts").values(alertRow()).execute();
      expect(await store.db.selectFrom("alerts").select("id").execute()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it("widens the alert tables' CHECKs keeping every row, index and foreign key (010)", async () => {
    const store = await openStore({ memory: true });
    try {
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      expect((await migrator.migrateTo("009-scorecard-levels")).error).toBeUndefined();
      const alert = alertRow();
      await store.db.insertInto("alerts").values(alert).execute();
      await store.db
        .insertInto("alert_groups")
        .values(groupRow({ group_key: alert.group_key }))
        .execute();
      const entry = outboxRow({ group_key: alert.group_key, alert_id: alert.id });
      await store.db.insertInto("outbox").values(entry).execute();
      await sql`insert into deliveries (outbox_id, alert_id, attempted_at, outcome) values (${entry.id}, ${alert.id}, '2026-01-01T00:00:00Z', 'retry')`.execute(
        store.db,
      );
      expect((await migrator.migrateTo("010-alert-groups")).error).toBeUndefined();

      expect(await store.db.selectFrom("alerts").select("id").execute()).toEqual([{ id: alert.id }]);
      expect(await store.db.selectFrom("deliveries").select("outcome").execute()).toEqual([
        { outcome: "retry" },
      ]);
      await store.db.updateTable("alerts").set({ decision: "forward" }).execute();
      await store.db.updateTable("outbox").set({ kind: "forward" }).execute();
      await expect(
        store.db
          .updateTable("outbox")
          .set({ kind: "bogus" as "forward" })
          .execute(),
      ).rejects.toThrow();
      const indexes = await sql<{ name: string }>`
        select name from sqlite_master where type = 'index' and tbl_name = 'alerts' and sql is not null order by name`.execute(
        store.db,
      );
      expect(indexes.rows.map((row) => row.name)).toEqual(
        expect.arrayContaining(["alerts_by_decision", "alerts_by_group", "alerts_by_source"]),
      );
      // The outbox still refers to a real alert: deleting it is refused.
      await expect(store.db.deleteFrom("alerts").execute()).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
    }
  });

  it("stores alerts lighter, keeping every row: labels may be left to the alert's JSON, members keyed without a rowid, an index of opening alerts only (012)", async () => {
    const store = await openStore({ memory: true });
    try {
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      expect((await migrator.migrateTo("011-retention")).error).toBeUndefined();
      const alert = alertRow({ decision: "open_incident", rule: "page" });
      await store.db.insertInto("alerts").values(alert).execute();
      await store.db
        .insertInto("alert_group_members")
        .values({
          group_key: "g",
          dedup_key: "a",
          status: "firing",
          title: "A",
          updated_at: alert.received_at,
        })
        .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      expect(await store.db.selectFrom("alerts").select(["id", "labels"]).execute()).toEqual([
        { id: alert.id, labels: alert.labels },
      ]);
      await store.db
        .insertInto("alerts")
        .values(alertRow({ labels: null }))
        .execute();
      expect(await store.db.selectFrom("alert_group_members").select("dedup_key").execute()).toEqual([
        { dedup_key: "a" },
      ]);
      const tables = await sql<{ sql: string }>`
        select sql from sqlite_master where name = 'alert_group_members'`.execute(store.db);
      expect(tables.rows[0]?.sql).toMatch(/without rowid$/i);
      const plan = await sql<{ detail: string }>`explain query plan
        select rule, count(*) from alerts where decision = 'open_incident' and received_at >= ${alert.received_at}
        and rule in ('page') group by rule`.execute(store.db);
      expect(plan.rows.map((row) => row.detail).join("; ")).toContain("alerts_opening_by_rule");

      expect((await migrator.migrateTo("011-retention")).error).toBeUndefined();
      expect(await store.db.selectFrom("alerts").select("id").execute()).toHaveLength(2);
      expect(
        (await store.db.selectFrom("alerts").select("labels").execute()).every((row) => row.labels !== null),
      ).toBe(true);
    } finally {
      await store.close();
    }
  });
});

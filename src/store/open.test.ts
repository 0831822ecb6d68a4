import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "./index.js";
import { migrations } from "./migrations/index.js";
import { alertRow, tempDir } from "./testing/rows.js";

let temp: ReturnType<typeof tempDir>;
const open: Store[] = [];

async function track(store: Promise<Store>): Promise<Store> {
  const opened = await store;
  open.push(opened);
  return opened;
}

async function pragma(store: Store, name: string): Promise<unknown> {
  const result = await sql<Record<string, unknown>>`${sql.raw(`PRAGMA ${name}`)}`.execute(store.db);
  return Object.values(result.rows[0] ?? {})[0];
}

beforeEach(() => {
  temp = tempDir();
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  temp.remove();
});

describe("openStore", () => {
  it("creates <dataDir>/hub.sqlite, the directory included, with the hub's tables", async () => {
    const dataDir = join(temp.dir, "nested", "data");
    const store = await track(openStore({ dataDir }));
    expect(existsSync(join(dataDir, "hub.sqlite"))).toBe(true);
    const tables = await store.db.introspection.getTables();
    expect(tables.map((t) => t.name).sort()).toEqual([
      "alert_group_members",
      "alert_groups",
      "alerts",
      "changes",
      "deliveries",
      "hub_install",
      "intake_refusals",
      "investigations",
      "mirror_sync",
      "mirrored_incidents",
      "outbox",
      "rate_budgets",
      "scorecard_levels",
      "slack_posts",
      "webhook_receipts",
    ]);
  });

  it("makes its data directory and database files readable by their owner only", async () => {
    const dataDir = join(temp.dir, "private", "data");
    const store = await track(openStore({ dataDir }));
    await store.write((trx) => trx.insertInto("alerts").values(alertRow()).execute());
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    for (const file of ["hub.sqlite", "hub.sqlite-wal", "hub.sqlite-shm"])
      expect(mode(join(dataDir, file))).toBe(0o600);
  });

  it("keeps data across reopening and does not run migrations again", async () => {
    const file = join(temp.dir, "hub.sqlite");
    const first = await openStore({ file });
    const alert = alertRow();
    await first.db.insertInto("alerts").values(alert).execute();
    const before = await sql<{
      name: string;
      timestamp: string;
    }>`select name, timestamp from kysely_migration`.execute(first.db);
    await first.close();

    const second = await track(openStore({ file }));
    const stored = await second.db.selectFrom("alerts").selectAll().execute();
    expect(stored).toEqual([
      {
        ...alert,
        description: null,
        severity: null,
        decision: null,
        reason: null,
        rule: null,
        while_open: null,
      },
    ]);
    const after = await sql<{
      name: string;
      timestamp: string;
    }>`select name, timestamp from kysely_migration`.execute(second.db);
    expect(after.rows).toEqual(before.rows);
    expect(after.rows.map((row) => row.name)).toEqual(Object.keys(migrations));
  });

  it("runs in WAL mode with NORMAL sync, a busy timeout and foreign keys enforced", async () => {
    const store = await track(openStore({ file: join(temp.dir, "hub.sqlite") }));
    expect(await pragma(store, "journal_mode")).toBe("wal");
    expect(await pragma(store, "synchronous")).toBe(1);
    expect(await pragma(store, "busy_timeout")).toBe(5000);
    expect(await pragma(store, "foreign_keys")).toBe(1);
  });

  it("syncs every commit when asked for FULL", async () => {
    const store = await track(openStore({ file: join(temp.dir, "hub.sqlite"), synchronous: "FULL" }));
    expect(await pragma(store, "synchronous")).toBe(2);
  });

  it("opens an in-memory store that starts empty every time", async () => {
    const first = await openStore({ memory: true });
    await first.db.insertInto("alerts").values(alertRow()).execute();
    await first.close();
    const second = await track(openStore({ memory: true }));
    expect(await second.db.selectFrom("alerts").selectAll().execute()).toEqual([]);
  });

  it("can be closed twice, and refuses queries once closed", async () => {
    const store = await openStore({ file: join(temp.dir, "hub.sqlite") });
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
    await expect(store.db.selectFrom("alerts").selectAll().execute()).rejects.toThrow();
  });

  it("refuses a file that is not a SQLite database, saying which file and what to do", async () => {
    const file = join(temp.dir, "hub.sqlite");
    writeFileSync(
      file,
      "this is not a database, just some text that is long enough to have a header\n".repeat(20),
    );
    const opening = openStore({ file });
    await expect(opening).rejects.toThrow(/cannot open its database .*hub\.sqlite: file is not a database$/);
    await expect(opening).rejects.toMatchObject({
      code: "database",
      hint: expect.stringMatching(/move the file aside/),
    });
  });
});

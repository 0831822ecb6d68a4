import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { inspect } from "node:util";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Store, storeLocation } from "./index.js";
import { migrations } from "./migrations/index.js";
import { createTestDatabase, postgresUnavailable, TEST_POSTGRES } from "./testing/databases.js";
import { alertRow, tempDir } from "./testing/rows.js";

if (postgresUnavailable) console.log(`src/store/postgres.test.ts: ${postgresUnavailable}`);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A new, empty database on the test server, dropped after the test. */
async function freshDatabase(): Promise<string> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  return database.url;
}

async function track(opening: Promise<Store>): Promise<Store> {
  const store = await opening;
  cleanups.push(() => store.close());
  return store;
}

/** A SQLite file in a temporary directory, removed after the test. */
function sqliteFile(): string {
  const temp = tempDir();
  cleanups.push(() => temp.remove());
  return join(temp.dir, "hub.sqlite");
}

/** Each table with its column names. */
async function tablesOf(store: Store): Promise<Record<string, string[]>> {
  const tables = await store.db.introspection.getTables();
  return Object.fromEntries(
    tables.map((table) => [table.name, table.columns.map((column) => column.name).sort()] as const).sort(),
  );
}

async function executedMigrations(store: Store): Promise<Array<{ name: string; timestamp: string }>> {
  const result = await sql<{ name: string; timestamp: string }>`
    select name, timestamp from kysely_migration order by name
  `.execute(store.db);
  return result.rows;
}

/** Records a migration this version does not know, then gives the message that refuses the database. */
async function refusalOfFutureMigration(open: () => Promise<Store>): Promise<string> {
  const store = await open();
  await sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(
    store.db,
  );
  await store.close();
  const refused = await open().then(
    async (reopened) => {
      await reopened.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  if (!(refused instanceof Error)) throw new Error("the database with a newer migration was opened");
  return refused.message;
}

/** The error `openStore` fails with, as a log would show it (message, stack and causes). */
async function failureOpening(url: string): Promise<{ message: string; hint: string; shown: string }> {
  const failure = await openStore({ postgres: url, poolSize: 1 }).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  if (!(failure instanceof Error)) throw new Error("openStore opened a database it should not have reached");
  const hint = (failure as { hint?: unknown }).hint;
  return { message: failure.message, hint: String(hint), shown: inspect(failure, { depth: 5 }) };
}

/** A port on 127.0.0.1 nothing listens on: one just given up by a server. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("the server had no port");
  return address.port;
}

/**
 * Whether `text` contains the URL's password, in either spelling. It answers only yes or no: tests ask it before
 * anything that would print the message, so a leak fails the test without showing the password.
 */
function revealsPassword(text: string, url: string): boolean {
  const password = new URL(url).password;
  if (!password) throw new Error("the URL has no password to look for");
  return text.includes(password) || text.includes(decodeURIComponent(password));
}

describe.skipIf(postgresUnavailable !== undefined)("openStore on PostgreSQL", () => {
  it("creates the same tables as SQLite and records the same migrations", async () => {
    const postgres = await track(openStore({ postgres: await freshDatabase(), poolSize: 2 }));
    const sqlite = await track(openStore({ memory: true }));
    expect(postgres.dialect).toBe("postgres");
    expect(sqlite.dialect).toBe("sqlite");
    const tables = await tablesOf(postgres);
    expect(Object.keys(tables)).toContain("alerts");
    expect(tables).toEqual(await tablesOf(sqlite));
    const names = (await executedMigrations(postgres)).map((row) => row.name);
    expect(names).toEqual(Object.keys(migrations));
    expect(names).toEqual((await executedMigrations(sqlite)).map((row) => row.name));
  });

  it("runs no migration again on reopening, and keeps the data and the install ID", async () => {
    const url = await freshDatabase();
    const first = await track(openStore({ postgres: url, poolSize: 2 }));
    const alert = alertRow();
    await first.db.insertInto("alerts").values(alert).execute();
    const before = await executedMigrations(first);
    await first.close();

    const second = await track(openStore({ postgres: url, poolSize: 2 }));
    expect(second.installId).toBe(first.installId);
    expect(await executedMigrations(second)).toEqual(before);
    expect(await second.db.selectFrom("alerts").select("id").execute()).toEqual([{ id: alert.id }]);
  });

  it("lets three hubs open a fresh database at once: the schema is made once, with one install ID", async () => {
    const url = await freshDatabase();
    const opened = await Promise.allSettled(
      Array.from({ length: 3 }, () => openStore({ postgres: url, poolSize: 2 })),
    );
    for (const result of opened) if (result.status === "fulfilled") cleanups.push(() => result.value.close());
    expect(opened.map((result) => (result.status === "rejected" ? String(result.reason) : "opened"))).toEqual(
      ["opened", "opened", "opened"],
    );
    const stores = opened.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    expect(new Set(stores.map((store) => store.installId)).size).toBe(1);
    expect(await stores[0]?.db.selectFrom("hub_install").select("id").execute()).toEqual([
      { id: stores[0]?.installId },
    ]);
    expect((await executedMigrations(stores[0] as Store)).map((row) => row.name)).toEqual(
      Object.keys(migrations),
    );
  });

  it("refuses a database written by a newer version, with the same message as SQLite", async () => {
    const url = await freshDatabase();
    const file = sqliteFile();
    const postgres = await refusalOfFutureMigration(() => openStore({ postgres: url, poolSize: 2 }));
    const sqlite = await refusalOfFutureMigration(() => openStore({ file }));
    expect(postgres).toContain("written by a newer version of incidentkit");
    expect(postgres).toContain("(999-from-the-future)");
    expect(postgres).toBe(sqlite);
  });

  it("names the URL without its password and points at DATABASE_URL when nothing listens on the port", async () => {
    const url = new URL(TEST_POSTGRES as string);
    url.port = String(await closedPort());
    url.password = "not-this-secret-7f3a";
    const { message, hint, shown } = await failureOpening(url.toString());
    expect(revealsPassword(shown, url.toString())).toBe(false);
    expect(message).toContain(
      `The hub cannot reach its database postgres://${url.username}:***@${url.host}/`,
    );
    expect(hint).toContain("check DATABASE_URL");
  });

  it("names the URL without its password and points at DATABASE_URL when the database does not exist", async () => {
    const url = new URL(TEST_POSTGRES as string);
    if (!url.password) url.password = "not-this-secret-7f3a";
    url.pathname = "/ik_no_such_database";
    const { message, hint, shown } = await failureOpening(url.toString());
    expect(revealsPassword(shown, url.toString())).toBe(false);
    expect(message).toContain(
      `The hub cannot reach its database postgres://${url.username}:***@${url.host}/ik_no_such_database`,
    );
    expect(message).toContain('database "ik_no_such_database" does not exist');
    expect(hint).toContain("check DATABASE_URL");
  });
});

describe.skipIf(postgresUnavailable !== undefined)("exclusively, across hubs on one database", () => {
  it("runs one hub's work at a time under one name, and work under other names alongside", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([
      track(openStore({ postgres: url })),
      track(openStore({ postgres: url })),
    ]);
    if (!a || !b) throw new Error("opened");
    const events: string[] = [];
    const work = (who: string, ms: number) => async () => {
      events.push(`${who} start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`${who} end`);
    };
    await Promise.all([
      a.exclusively("investigation:1", work("a", 300)),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        b.exclusively("investigation:1", work("b", 10)),
      ),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        b.exclusively("investigation:2", work("c", 10)),
      ),
    ]);
    expect(events.indexOf("b start")).toBeGreaterThan(events.indexOf("a end"));
    expect(events.indexOf("c end")).toBeLessThan(events.indexOf("a end"));
  });
});

describe("storeLocation", () => {
  it("picks PostgreSQL for a postgres:// or postgresql:// URL", () => {
    expect(storeLocation("postgres://hub:pw@db.internal:5432/incidentkit", "/data")).toEqual({
      postgres: "postgres://hub:pw@db.internal:5432/incidentkit",
    });
    expect(storeLocation(" postgresql://hub@db.internal/incidentkit ", "/data")).toEqual({
      postgres: "postgresql://hub@db.internal/incidentkit",
    });
  });

  it("refuses a URL of another scheme, naming only the scheme", () => {
    expect(() => storeLocation("mysql://root:pw@db/incidentkit", "/data")).toThrow(
      "it is a mysql:// URL: use postgres:// or postgresql:// for PostgreSQL, or a file path (no ://) for SQLite",
    );
  });

  it("takes a path as the path of a SQLite file", () => {
    expect(storeLocation("/srv/incidentkit/hub.sqlite", "/data")).toEqual({
      file: "/srv/incidentkit/hub.sqlite",
    });
    expect(storeLocation("state/hub.db", "/data")).toEqual({ file: "state/hub.db" });
  });

  it("opens <dataDir>/hub.sqlite when DATABASE_URL is unset or blank", async () => {
    expect(storeLocation(undefined, "/data")).toEqual({ dataDir: "/data" });
    const dataDir = join(sqliteFile(), "..", "data");
    const location = storeLocation("  ", dataDir);
    expect(location).toEqual({ dataDir });
    await track(openStore(location));
    expect(existsSync(join(dataDir, "hub.sqlite"))).toBe(true);
  });
});

import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type Store } from "../open.js";

/**
 * The PostgreSQL server tests may use: `INCIDENTKIT_TEST_POSTGRES`, a superuser URL (`.ci/postgres start` sets
 * it). Without it, tests that need PostgreSQL skip, saying why.
 */
export const TEST_POSTGRES = process.env.INCIDENTKIT_TEST_POSTGRES?.trim() || undefined;

/** Why a PostgreSQL-only test cannot run here, or undefined when it can. */
export const postgresUnavailable: string | undefined = TEST_POSTGRES
  ? undefined
  : 'skipped: no PostgreSQL for tests (run `eval "$(.ci/postgres start)"` to set INCIDENTKIT_TEST_POSTGRES)';

/**
 * Which database the suites shared by both run on: `INCIDENTKIT_TEST_STORE=postgres` runs them on the test
 * server, each store in a schema of its own; otherwise SQLite in memory.
 */
export const testStoreDialect: "sqlite" | "postgres" =
  process.env.INCIDENTKIT_TEST_STORE === "postgres" ? "postgres" : "sqlite";

if (testStoreDialect === "postgres" && !TEST_POSTGRES) {
  throw new Error(
    "INCIDENTKIT_TEST_STORE=postgres needs INCIDENTKIT_TEST_POSTGRES: run .ci/postgres start first",
  );
}

/** Runs one statement as the server's superuser, on a connection of its own. */
async function asAdmin(url: string, statement: string): Promise<void> {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/** The URL with another database name, or with a search_path that puts `schema` first. */
function urlWith(base: string, change: { database?: string; schema?: string }): string {
  const url = new URL(base);
  if (change.database) url.pathname = `/${change.database}`;
  if (change.schema) url.searchParams.set("options", `-c search_path=${change.schema}`);
  return url.toString();
}

/** A new, empty database on the test server, for hub processes to share; `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_POSTGRES) throw new Error(postgresUnavailable);
  return createDatabase(TEST_POSTGRES);
}

/** A new, empty database on the server `adminUrl` (a superuser's) points at; `drop` removes it. */
export async function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName("ik");
  await asAdmin(adminUrl, `create database ${name}`);
  return {
    url: urlWith(adminUrl, { database: name }),
    async drop() {
      await asAdmin(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * A fresh store for a test: SQLite in memory, or (with `INCIDENTKIT_TEST_STORE=postgres`) a new schema on the
 * test server, dropped when the store closes.
 */
export async function openTestStore(): Promise<Store> {
  if (testStoreDialect === "sqlite" || !TEST_POSTGRES) return openStore({ memory: true });
  const schema = uniqueName("t");
  await asAdmin(TEST_POSTGRES, `create schema ${schema}`);
  const store = await openStore({ postgres: urlWith(TEST_POSTGRES, { schema }), poolSize: 4 });
  const close = store.close;
  let closing: Promise<void> | undefined;
  return {
    ...store,
    close() {
      closing ??= close().then(async () => {
        await asAdmin(TEST_POSTGRES, `drop schema if exists ${schema} cascade`);
      });
      return closing;
    },
  };
}

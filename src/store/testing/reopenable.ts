import { join } from "node:path";
import { openStore, type Store } from "../open.js";
import { createTestDatabase, testStoreDialect } from "./databases.js";
import { tempDir } from "./rows.js";

/** A database a test closes and opens again, as a restarted hub would. */
export interface ReopenableTestDatabase {
  /** Opens the database, creating its schema the first time. Close each store before opening the next. */
  open(): Promise<Store>;
  /** Deletes the database. */
  remove(): Promise<void>;
}

/**
 * A SQLite file in a temporary directory, or (with `INCIDENTKIT_TEST_STORE=postgres`) a new database on the test
 * server.
 */
export async function reopenableTestDatabase(): Promise<ReopenableTestDatabase> {
  if (testStoreDialect === "postgres") {
    const database = await createTestDatabase();
    return {
      open: () => openStore({ postgres: database.url, poolSize: 4 }),
      remove: () => database.drop(),
    };
  }
  const temp = tempDir();
  const file = join(temp.dir, "hub.sqlite");
  return {
    open: () => openStore({ file }),
    remove: async () => temp.remove(),
  };
}

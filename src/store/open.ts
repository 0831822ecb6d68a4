import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { groupCommit, type WriteRunner } from "./group-commit.js";
import { migrateToLatest } from "./migrate.js";
import type { Database } from "./schema.js";
import { StatementCachingDatabase } from "./statement-cache.js";

/** Where the hub's database lives: a file, `<dataDir>/hub.sqlite`, or memory (gone when closed). */
export type StoreLocation = { file: string } | { dataDir: string } | { memory: true };

/**
 * How hard each commit is pushed to disk. In WAL mode both survive the hub being killed: a committed transaction
 * is in the operating system's hands before the commit returns. They differ on a power cut or kernel crash:
 * NORMAL may lose the last transactions committed since the WAL was last synced (the database stays consistent),
 * FULL syncs the WAL on every commit and loses nothing.
 *
 * The default is NORMAL. Measured on a virtual disk, FULL made each alert-sized commit (three inserts) 5-7 times
 * slower and a one-row commit 15-25 times slower (0.3-0.6 ms against 0.03-0.06 ms), far past the 3x we accept
 * for the default. Intake must keep up with alert storms, and the outbox already makes a killed hub lose nothing;
 * a deployment that must also survive power cuts without relying on the sender's retries chooses FULL.
 */
export type Synchronous = "NORMAL" | "FULL";

export type StoreOptions = StoreLocation & { synchronous?: Synchronous };

export interface Store {
  db: Kysely<Database>;
  /**
   * Runs work in a transaction, committed together with concurrent callers' work (group commit). Resolves once
   * the work is committed. Use it for writes that must be durable before the caller answers anyone.
   */
  write: WriteRunner<Database>;
  /** This database's random ID, made when it was created: it tells one hub's database from another's. */
  installId: string;
  /** Closes the database. Closing again does nothing. */
  close(): Promise<void>;
}

/** Opens (creating if need be) the hub's SQLite database and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const file = databaseFile(options);
  const connection = connect(file, options.synchronous ?? "NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  let installId: string;
  try {
    await migrateToLatest(db);
    installId = (await db.selectFrom("hub_install").select("id").executeTakeFirstOrThrow()).id;
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    db,
    write: groupCommit(db),
    installId,
    close() {
      closing ??= db.destroy();
      return closing;
    },
  };
}

function databaseFile(options: StoreLocation): string {
  if ("memory" in options) return ":memory:";
  const file = "dataDir" in options ? join(options.dataDir, "hub.sqlite") : options.file;
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

function connect(file: string, synchronous: Synchronous): StatementCachingDatabase {
  let raw: BetterSqlite3.Database | undefined;
  try {
    raw = new BetterSqlite3(file);
    const connection = new StatementCachingDatabase(raw);
    // exec, not pragma(): pragma() makes a statement object the garbage collector would later finalise.
    raw.exec("PRAGMA busy_timeout = 5000");
    raw.exec("PRAGMA journal_mode = WAL");
    raw.exec(`PRAGMA synchronous = ${synchronous}`);
    raw.exec("PRAGMA foreign_keys = ON");
    return connection;
  } catch (error) {
    if (raw?.open) raw.close();
    // Only SQLite's own refusals are about the file; anything else (a missing native module) is not.
    if (!(error instanceof BetterSqlite3.SqliteError)) throw error;
    throw new Error(
      `The hub cannot open its database ${file}: ${error.message.replace(/\.$/, "")}. Use another data directory, or move the file aside to start afresh.`,
      { cause: error },
    );
  }
}

import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { SqliteDialect } from "kysely";
import { makePrivateDir, restrictDatabaseFile } from "../shared/private-files.js";
import { DatabaseError } from "./errors.js";
import { StatementCachingDatabase } from "./statement-cache.js";

/** A SQLite database: a file, `<dataDir>/hub.sqlite`, or memory (gone when closed). */
export type SqliteLocation = { file: string } | { dataDir: string } | { memory: true };

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

/** Kysely's dialect over one better-sqlite3 connection in WAL mode. */
export function sqliteDialect(location: SqliteLocation, synchronous: Synchronous): SqliteDialect {
  return new SqliteDialect({ database: connect(databaseFile(location), synchronous) });
}

function databaseFile(location: SqliteLocation): string {
  if ("memory" in location) return ":memory:";
  const file = "dataDir" in location ? join(location.dataDir, "hub.sqlite") : location.file;
  makePrivateDir(dirname(file));
  return file;
}

function connect(file: string, synchronous: Synchronous): StatementCachingDatabase {
  let raw: BetterSqlite3.Database | undefined;
  try {
    raw = new BetterSqlite3(file);
    restrictDatabaseFile(file);
    const connection = new StatementCachingDatabase(raw);
    // exec, not pragma(): pragma() makes a statement object the garbage collector would later finalise.
    raw.exec("PRAGMA busy_timeout = 5000");
    // Takes effect on a new file only (before its first table). Alerts are stored as rows of 1-2 KB, of which
    // SQLite's default 4 KiB pages held two, half empty: 8 KiB pages store 20% fewer bytes per alert.
    raw.exec("PRAGMA page_size = 8192");
    raw.exec("PRAGMA journal_mode = WAL");
    raw.exec(`PRAGMA synchronous = ${synchronous}`);
    raw.exec("PRAGMA foreign_keys = ON");
    // 32 MiB of pages kept in memory, where SQLite's default is 2 MiB: intake touches a page of each alert group's
    // index entries and state for every alert, and with hundreds of groups those alone outgrow 2 MiB, so each
    // commit read them back from the operating system.
    raw.exec("PRAGMA cache_size = -32768");
    // The log is copied into the database (checkpointed) every 10,000 pages (80 MiB) where SQLite's default is
    // every 1,000: intake rewrites the same index pages commit after commit, and a checkpoint copies only each
    // page's last version, so ten times fewer checkpoints copy far fewer pages (measured: 15% less CPU per alert,
    // and fewer pauses of the event loop while a checkpoint syncs the disk).
    raw.exec("PRAGMA wal_autocheckpoint = 10000");
    return connection;
  } catch (error) {
    if (raw?.open) raw.close();
    // Only SQLite's own refusals are about the file; anything else (a missing native module) is not.
    if (!(error instanceof BetterSqlite3.SqliteError)) throw error;
    throw new DatabaseError(
      `The hub cannot open its database ${file}: ${error.message.replace(/\.$/, "")}`,
      "use another data directory, or move the file aside to start afresh",
      { cause: error },
    );
  }
}

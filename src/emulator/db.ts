import { join } from "node:path";
import Database from "better-sqlite3";
import { makePrivateDir, restrictDatabaseFile } from "../shared/private-files.js";
import type { Organisation, Snapshot } from "./model.js";

/** The snapshot's record collections: every key except the organisation. */
export type CollectionName = Exclude<keyof Snapshot, "organisation">;
export type RecordOf<K extends CollectionName> = Snapshot[K][number];

/** One record written (or removed, when `record` is undefined) as part of a change. */
export interface Change<K extends CollectionName = CollectionName> {
  collection: K;
  id: string;
  record?: RecordOf<K>;
}

/** Where state is written through to. Writes of one change set land atomically or not at all. */
export interface Persistence {
  /** The stored snapshot, or undefined when the store is new. */
  load(): Snapshot | undefined;
  /** Replaces the whole store (used once, to seed a new store). */
  seed(snapshot: Snapshot): void;
  write(changes: readonly Change[]): void;
  close(): void;
}

export const COLLECTIONS: readonly CollectionName[] = [
  "severities",
  "incident_statuses",
  "incident_types",
  "catalog_types",
  "catalog_entries",
  "custom_fields",
  "custom_field_options",
  "incident_roles",
  "incident_timestamps",
  "users",
  "api_keys",
  "incidents",
  "incident_updates",
  "alert_sources",
  "alerts",
  "incident_attachments",
  "incident_relationships",
  "postmortem_documents",
  "workflows",
  "workflow_runs",
  "follow_up_priorities",
  "follow_ups",
  "actions",
  "incident_memberships",
  "schedules",
  "schedule_overrides",
  "escalation_paths",
  "escalations",
];

/** Keeps nothing: for `ephemeral` emulators. */
export const memoryOnly: Persistence = {
  load: () => undefined,
  seed: () => {},
  write: () => {},
  close: () => {},
};

/**
 * Every database and statement ever opened, held until the process ends. better-sqlite3 12 (the last release that
 * runs on Node 20) aborts the process on Node 24.19 and later when the garbage collector finalises one of its
 * objects; what is never collected is never finalised. It costs a few kilobytes per database closed.
 */
const retained: object[] = [];

function retain<T extends object>(handle: T): T {
  retained.push(handle);
  return handle;
}

/**
 * SQLite in WAL mode at `<dataDir>/emulator.sqlite`. Records are stored as JSON documents keyed by collection
 * and ID; SQLite's rowid keeps their insertion order, which is the order lists come back in.
 */
export function openSqlite(dataDir: string): Persistence {
  const file = join(dataDir, "emulator.sqlite");
  let db: Database.Database | undefined;
  try {
    makePrivateDir(dataDir);
    db = retain(new Database(file));
    // It holds the organisation's API keys, the admin key among them.
    restrictDatabaseFile(file);
    // exec, not pragma(): pragma() makes a statement object the collector would later finalise.
    db.exec("PRAGMA journal_mode = WAL");
    // Durable across process crashes (WAL is synced at checkpoints); a power cut may lose the last writes.
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS records (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (collection, id)
      );
    `);
  } catch (error) {
    db?.close();
    // Only SQLite's own refusals are about the file; anything else (a missing native module) is not.
    if (!(error instanceof Database.SqliteError)) throw error;
    throw new Error(
      `The emulator cannot open its database ${file}: ${error.message.replace(/\.$/, "")}. Use another dataDir, or move the file aside to start afresh.`,
      { cause: error },
    );
  }
  return sqlitePersistence(db);
}

function sqlitePersistence(db: Database.Database): Persistence {
  const prepare = (sql: string) => retain(db.prepare(sql));
  const upsert = prepare(
    "INSERT INTO records (collection, id, data) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data",
  );
  const remove = prepare("DELETE FROM records WHERE collection = ? AND id = ?");
  const setMeta = prepare(
    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );

  const writeAll = db.transaction((changes: readonly Change[]) => {
    for (const change of changes) {
      if (change.record === undefined) remove.run(change.collection, change.id);
      else upsert.run(change.collection, change.id, JSON.stringify(change.record));
    }
  });

  return {
    load() {
      const organisation = prepare("SELECT value FROM meta WHERE key = 'organisation'").get() as
        | { value: string }
        | undefined;
      if (!organisation) return undefined;
      const snapshot = { organisation: JSON.parse(organisation.value) as Organisation } as Snapshot;
      for (const name of COLLECTIONS) (snapshot[name] as unknown[]) = [];
      const rows = prepare("SELECT collection, data FROM records ORDER BY rowid").all() as {
        collection: CollectionName;
        data: string;
      }[];
      for (const row of rows) (snapshot[row.collection] as unknown[] | undefined)?.push(JSON.parse(row.data));
      return snapshot;
    },
    seed: db.transaction((snapshot: Snapshot) => {
      db.exec("DELETE FROM records");
      for (const name of COLLECTIONS) {
        for (const record of snapshot[name]) upsert.run(name, record.id, JSON.stringify(record));
      }
      setMeta.run("organisation", JSON.stringify(snapshot.organisation));
    }),
    write(changes) {
      writeAll(changes);
    },
    close() {
      db.close();
    },
  };
}

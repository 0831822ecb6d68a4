import { join } from "node:path";
import type { HubConfig } from "../../../hub/config.js";
import { type HubLock, LOCK_FILE_NAME, type LockPlace, takeHubLock } from "../../../hub/instance-lock.js";

/**
 * The places of a hub's local state that no second hub may use at the same time, and their locks (see
 * hub/instance-lock.ts). A hub on PostgreSQL delivering to an account keeps nothing in its data directory, so
 * several may share one hub.yaml and data directory on one machine, as they share the database.
 */

export interface HubLocks {
  /** Records where the hub listens in every lock, so a hub refused later names it. */
  listening(url: string): void;
  release(): void;
  /** A line for each lock taken over from a hub no longer running. */
  notes: string[];
}

/**
 * The data directory, when it holds the hub's SQLite database or a local emulator's state; a SQLite database
 * file named by DATABASE_URL, wherever it is (two hubs with different data directories could name the same one).
 */
export function hubLockPlaces(
  config: Pick<HubConfig, "dataDir" | "database">,
  use: { emulator: boolean; demo: boolean },
): LockPlace[] {
  const { database, dataDir } = config;
  const places: LockPlace[] = [];
  if ("dataDir" in database || use.emulator) {
    places.push({
      file: join(dataDir, LOCK_FILE_NAME),
      kind: "data directory",
      path: dataDir,
      elsewhere: use.demo
        ? "give this one another data directory (incidentkit up --data-dir <dir>, or INCIDENTKIT_DATA_DIR)"
        : "give this one another data directory (--data-dir <dir>, or data_dir in its hub.yaml)",
    });
  }
  if ("file" in database) {
    places.push({
      file: `${database.file}.lock`,
      kind: "database file",
      path: database.file,
      elsewhere: "give this one another database (DATABASE_URL, or the variable database_url_env names)",
    });
  }
  return places;
}

/** Takes every place's lock, or none: a refusal releases those already taken. */
export function lockHub(places: readonly LockPlace[]): HubLocks {
  const locks: HubLock[] = [];
  const notes: string[] = [];
  const release = () => {
    for (const lock of locks) lock.release();
  };
  try {
    for (const place of places) {
      const taken = takeHubLock(place);
      locks.push(taken.lock);
      if (taken.tookOver !== undefined) notes.push(taken.tookOver);
    }
  } catch (error) {
    release();
    throw error;
  }
  return {
    listening: (url) => {
      for (const lock of locks) lock.listening(url);
    },
    release,
    notes,
  };
}

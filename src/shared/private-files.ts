import { chmodSync, existsSync, mkdirSync } from "node:fs";

/**
 * Creates a directory (and its missing parents) readable by its owner only: it will hold databases and keys.
 * A directory that exists already keeps its mode: an operator may have chosen it.
 */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Restricts a SQLite database to its owner (0600), with its -wal and -shm files when they exist: it holds
 * incidents, alerts and (the emulator's) API keys. SQLite creates the -wal and -shm files with the database
 * file's mode, so doing this as soon as the file exists covers them too.
 */
export function restrictDatabaseFile(file: string): void {
  if (file === ":memory:") return;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

import type { Kysely, Selectable, Transaction, Updateable } from "kysely";
import type { Database, MirrorSyncTable } from "../store/index.js";

type Db = Kysely<Database> | Transaction<Database>;
export type SyncRow = Selectable<MirrorSyncTable>;

/** The account's sync row, made (backfill pending) the first time it is asked for. */
export async function syncRow(db: Db, account: string): Promise<SyncRow> {
  await db
    .insertInto("mirror_sync")
    .values({ account, backfill_state: "pending" })
    .onConflict((oc) => oc.column("account").doNothing())
    .execute();
  return db.selectFrom("mirror_sync").selectAll().where("account", "=", account).executeTakeFirstOrThrow();
}

export async function updateSync(
  db: Db,
  account: string,
  changes: Updateable<MirrorSyncTable>,
): Promise<void> {
  await db.updateTable("mirror_sync").set(changes).where("account", "=", account).execute();
}

/** Raises `last_seen_updated_at` to `seen` when it is newer (text order is time order: see `normaliseTime`). */
export async function noteSeen(db: Db, account: string, seen: string | undefined): Promise<void> {
  if (seen === undefined) return;
  await db
    .updateTable("mirror_sync")
    .set({ last_seen_updated_at: seen })
    .where("account", "=", account)
    .where((eb) => eb.or([eb("last_seen_updated_at", "is", null), eb("last_seen_updated_at", "<", seen)]))
    .execute();
}

export async function allSyncRows(db: Db): Promise<SyncRow[]> {
  return db.selectFrom("mirror_sync").selectAll().orderBy("account").execute();
}

/** The later of two normalised timestamps, either of which may be missing. */
export function later(a: string | null | undefined, b: string | null | undefined): string | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return a > b ? a : b;
}

/** The earlier of two normalised timestamps, either of which may be missing. */
export function earlier(a: string | null | undefined, b: string | null | undefined): string | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return a < b ? a : b;
}

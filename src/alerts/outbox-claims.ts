import type { Kysely, Selectable } from "kysely";
import type { Database, OutboxTable, StoreDialect } from "../store/index.js";

export type OutboxEntry = Selectable<OutboxTable>;

export interface ClaimOptions {
  /** The hub process claiming. */
  claimant: string;
  nowMs: number;
  /** How long a claim holds unless renewed: after that, another hub may take the entry over. */
  leaseMs: number;
  limit: number;
}

/**
 * Claims up to `limit` entries due now, at most one per group: each group's first pending entry (by `seq`), if
 * no live claim holds it. On PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED` while claiming, so hubs
 * claiming at the same moment each get different entries and none waits for another; on SQLite, one writer at a
 * time does the same. A claim is written before anything is sent, so each entry is delivered by one hub.
 */
export async function claimDue(
  db: Kysely<Database>,
  dialect: StoreDialect,
  options: ClaimOptions,
): Promise<OutboxEntry[]> {
  const now = new Date(options.nowMs).toISOString();
  const until = new Date(options.nowMs + options.leaseMs).toISOString();
  let due = db
    .selectFrom("outbox as o")
    .select("o.id")
    .where("o.state", "=", "pending")
    .where("o.next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("o.claimed_until", "is", null), eb("o.claimed_until", "<", now)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("outbox as e")
            .select("e.id")
            .whereRef("e.group_key", "=", "o.group_key")
            .where("e.state", "=", "pending")
            .whereRef("e.seq", "<", "o.seq"),
        ),
      ),
    )
    .orderBy("o.id")
    .limit(options.limit);
  if (dialect === "postgres") due = due.forUpdate().skipLocked();
  try {
    const claimed = await db
      .updateTable("outbox")
      .set({ claimed_by: options.claimant, claimed_until: until })
      .where("id", "in", due)
      .returningAll()
      .execute();
    return claimed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  } catch (error) {
    // PostgreSQL may pick this claim as a deadlock's victim; nothing was claimed, the next round tries again.
    if ((error as { code?: unknown }).code === "40P01") return [];
    throw error;
  }
}

/** Extends this hub's claims on the entries it is still delivering. */
export async function renewClaims(
  db: Kysely<Database>,
  claimant: string,
  ids: readonly string[],
  until: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox")
    .set({ claimed_until: new Date(until).toISOString() })
    .where("claimed_by", "=", claimant)
    .where("state", "=", "pending")
    .where("id", "in", [...ids])
    .execute();
}

/**
 * Drops every claim: for a database only this process uses (SQLite), where claims left by a killed hub are known
 * dead at start and need not run out.
 */
export async function releaseAllClaims(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable("outbox")
    .set({ claimed_by: null, claimed_until: null })
    .where("claimed_by", "is not", null)
    .execute();
}

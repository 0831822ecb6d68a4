import { createHash } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";

/** A name's 64-bit PostgreSQL advisory lock key: the first 8 bytes of its SHA-256, as a signed bigint. */
export function advisoryKey(name: string): bigint {
  return createHash("sha256").update(`incidentkit:${name}`).digest().readBigInt64BE(0);
}

/**
 * Takes PostgreSQL transaction-scoped advisory locks on these names, each once, in ascending key order (the
 * order every process uses, so none waits on another in a cycle). They are released at commit or rollback.
 */
export async function lockNames<DB>(trx: Transaction<DB>, names: readonly string[]): Promise<void> {
  const keys = [...new Set(names.map(advisoryKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return;
  // unnest yields the array in order, so the locks are taken in that order, in one round trip.
  const array = `{${keys.join(",")}}`;
  await sql`select count(pg_advisory_xact_lock(k)) from unnest(${array}::bigint[]) as k`.execute(trx);
}

/**
 * Runs `work` while holding a PostgreSQL session-level advisory lock on `name`, on a pooled connection kept for
 * the purpose: other processes asking for the same name wait until `work` settles. If this process dies, its
 * connection closes and the lock goes with it. `work` uses the database through its own connections.
 */
export async function whileHolding<DB, R>(db: Kysely<DB>, name: string, work: () => Promise<R>): Promise<R> {
  const key = advisoryKey(name).toString();
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${key}::bigint)`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${key}::bigint)`.execute(connection);
    }
  });
}

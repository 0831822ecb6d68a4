import { type Kysely, PostgresAdapter } from "kysely";

/** Whether this Kysely instance talks to PostgreSQL (else SQLite): for the few statements the two spell apart. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

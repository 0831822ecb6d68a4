import { PostgresDialect } from "kysely";
import pg from "pg";

/** A PostgreSQL database, by its `postgres://` (or `postgresql://`) URL. */
export interface PostgresLocation {
  postgres: string;
  /** Connections this hub keeps open at most. Default 10. */
  poolSize?: number;
}

const INT8 = 20;

/**
 * Kysely's dialect over a pool of `pg` connections. Counts (`bigint` in PostgreSQL) come back as numbers, as they
 * do from SQLite; the hub never counts past 2^53.
 */
export function postgresDialect(location: PostgresLocation): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: location.postgres,
    max: location.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server dropped is replaced on next use; the pool must not crash the process meanwhile.
  pool.on("error", () => {});
  return new PostgresDialect({ pool });
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the DATABASE_URL given";
  }
}

/** Whether a database URL names PostgreSQL rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

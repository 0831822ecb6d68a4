import { type Dialect, Kysely } from "kysely";
import { ConfigError } from "../shared/errors.js";
import { DatabaseError } from "./errors.js";
import { groupCommit, type WriteRunner } from "./group-commit.js";
import { type Leadership, type LeadershipOptions, PostgresLeadership, soleLeadership } from "./leadership.js";
import { lockNames, whileHolding } from "./locks.js";
import { migrateToLatest } from "./migrate.js";
import { isPostgresUrl, type PostgresLocation, postgresDialect, redactedUrl } from "./postgres.js";
import { type BudgetLimit, DatabaseRateBudget } from "./rate-budget.js";
import type { Database } from "./schema.js";
import { type SqliteLocation, type Synchronous, sqliteDialect } from "./sqlite.js";

export type { Leadership, LeadershipOptions } from "./leadership.js";
export type { PostgresLocation } from "./postgres.js";
export type { SqliteLocation, Synchronous } from "./sqlite.js";

/** Where the hub's database lives: a SQLite file (the default, one hub process) or PostgreSQL (several). */
export type StoreLocation = SqliteLocation | PostgresLocation;

export type StoreOptions = StoreLocation & { synchronous?: Synchronous };

export type StoreDialect = "sqlite" | "postgres";

/** PostgreSQL: group commits under way at once (of the pool's 10 connections). */
const WRITE_LANES = 4;

export interface Store {
  db: Kysely<Database>;
  /**
   * Runs work in a transaction, committed together with concurrent callers' work (group commit). Resolves once
   * the work is committed. Use it for writes that must be durable before the caller answers anyone.
   */
  write: WriteRunner<Database>;
  /** How many of `write`'s transactions may be under way at once: 1 on SQLite, its one writer. */
  writeLanes: number;
  /** This database's random ID, made when it was created: it tells one hub's database from another's. */
  installId: string;
  /** SQLite serves one hub process; PostgreSQL serves several, which coordinate through it. */
  dialect: StoreDialect;
  /**
   * Leadership of a singleton job among the hub processes on this database, started: on SQLite this process
   * always leads; on PostgreSQL one process at a time does. Close it when done.
   */
  lead(name: string, options?: LeadershipOptions): Leadership;
  /**
   * PostgreSQL only: incident.io rate budgets kept in the database, so hub processes sharing an API key pace
   * together (the API client's `rateGates`). One budget per bucket name.
   */
  rateBudgets?: (bucket: string, limit: BudgetLimit) => DatabaseRateBudget;
  /**
   * Runs `work` as the only holder of `name` among the hub processes on this database (PostgreSQL: an advisory
   * lock; SQLite, one process: at once). For work that reads, calls incident.io and writes, and must not
   * interleave with the same work in another hub.
   */
  exclusively<R>(name: string, work: () => Promise<R>): Promise<R>;
  /** Closes the database. Closing again does nothing. */
  close(): Promise<void>;
}

/**
 * Where `DATABASE_URL` points: PostgreSQL for a `postgres://` or `postgresql://` URL, a SQLite file for a path
 * (no `://`); without one, `<dataDir>/hub.sqlite`. Any other URL (a mistyped `pg://…`) throws
 * `DatabaseUrlError` naming its scheme only: taken for a path, it would name a file holding the password.
 */
export function storeLocation(databaseUrl: string | undefined, dataDir: string): StoreLocation {
  const url = databaseUrl?.trim();
  if (!url) return { dataDir };
  if (isPostgresUrl(url)) return { postgres: url };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  if (scheme !== undefined) throw new DatabaseUrlError(scheme);
  return { file: url };
}

/** A database URL that is neither PostgreSQL's nor a path. Its message names the scheme, never the URL. */
export class DatabaseUrlError extends ConfigError {
  constructor(readonly scheme: string) {
    super(
      "DATABASE_URL",
      `it is a ${scheme}:// URL: use postgres:// or postgresql:// for PostgreSQL, or a file path (no ://) for SQLite`,
      "set the variable to a postgres:// URL, or to the path of a SQLite file",
    );
    this.name = "DatabaseUrlError";
  }
}

/** Opens (creating if need be) the hub's database and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const postgres = "postgres" in options;
  const dialect: Dialect = postgres
    ? postgresDialect(options)
    : sqliteDialect(options, options.synchronous ?? "NORMAL");
  const db = new Kysely<Database>({ dialect });
  let installId: string;
  try {
    await migrateToLatest(db);
    installId = (await db.selectFrom("hub_install").select("id").executeTakeFirstOrThrow()).id;
  } catch (error) {
    await db.destroy();
    if (postgres && isConnectionError(error)) {
      throw new DatabaseError(
        `The hub cannot reach its database ${redactedUrl(options.postgres)}: ${(error as Error).message}`,
        "check DATABASE_URL (host, port, user, password, database) and that PostgreSQL is running",
        { retryable: true, cause: error },
      );
    }
    throw error;
  }
  let closing: Promise<void> | undefined;
  const budgets = new Map<string, DatabaseRateBudget>();
  return {
    db,
    write: groupCommit(db, postgres ? { lock: lockNames, lanes: WRITE_LANES } : {}),
    writeLanes: postgres ? WRITE_LANES : 1,
    installId,
    dialect: postgres ? "postgres" : "sqlite",
    exclusively: (name, work) => (postgres ? whileHolding(db, name, work) : work()),
    lead(name, leadershipOptions) {
      if (!postgres) return soleLeadership();
      const leadership = new PostgresLeadership(options.postgres, name, leadershipOptions);
      leadership.start();
      return leadership;
    },
    ...(postgres
      ? {
          rateBudgets(bucket: string, limit: BudgetLimit) {
            let budget = budgets.get(bucket);
            if (!budget) {
              budget = new DatabaseRateBudget(db, bucket, limit);
              budgets.set(bucket, budget);
            }
            return budget;
          },
        }
      : {}),
    close() {
      closing ??= db.destroy();
      return closing;
    },
  };
}

/** A failure to connect or log in, as opposed to an error in a statement. */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^(E[A-Z]+|28\w{3}|3D000|08\w{3}|57P03)$/.test(code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated/i.test(error.message);
}

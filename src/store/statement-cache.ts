import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * Every database and statement map this module ever made, held until the process ends. better-sqlite3 12 (the
 * last release that runs on Node 20) aborts the process on Node 24.19 and later when the garbage collector
 * finalises one of its Database or Statement objects; what is never collected is never finalised.
 */
const retained: object[] = [];

/**
 * The database Kysely's SqliteDialect is given. Kysely calls `prepare(sql)` for every query it runs; on a bare
 * better-sqlite3 Database that makes a new Statement each time, which becomes garbage as soon as the query returns
 * (and would be finalised, see above). Here each distinct SQL text is prepared once and the Statement is kept for
 * the life of the process. Queries are parameterised, so the set of distinct texts stays small (a list of `n`
 * values adds one text per distinct `n`); as a bonus no query is parsed twice.
 */
export class StatementCachingDatabase implements SqliteDatabase {
  readonly #database: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(database: BetterSqlite3.Database) {
    this.#database = database;
    retained.push(database, this.#statements);
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#database.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** How many distinct statements have been prepared on this connection. */
  get preparedCount(): number {
    return this.#statements.size;
  }

  /** Closes the connection; closing again does nothing. The handles stay retained. */
  close(): void {
    if (this.#database.open) this.#database.close();
  }
}

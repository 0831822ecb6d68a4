import { DEFAULT_MIGRATION_TABLE, type Kysely, Migrator, sql } from "kysely";
import { messageOf } from "../shared/errors.js";
import { isPostgres } from "./dialect.js";
import { DatabaseError } from "./errors.js";
import { migrationProvider, migrations } from "./migrations/index.js";

/**
 * Brings the database up to this version's schema. A database that has run migrations this version does not
 * know was written by a newer version; it is refused rather than used with a schema this code does not expect.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  const unknown = (await executedMigrations(db)).filter((name) => !Object.hasOwn(migrations, name));
  if (unknown.length > 0) {
    throw new DatabaseError(
      `The hub database was written by a newer version of incidentkit: it has migrations this version does not know (${unknown.join(", ")})`,
      "upgrade incidentkit, or use another data directory",
    );
  }
  // PostgreSQL: keep the migration tables in the connection's current schema; Kysely would otherwise take
  // those of another schema on the same server for its own.
  const schema = isPostgres(db as Kysely<unknown>)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const { error } = await new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  if (error !== undefined) {
    throw new DatabaseError(
      `The hub database could not be migrated: ${messageOf(error)}`,
      "report it with this message: the schema is not one this version of incidentkit expects",
      { cause: error },
    );
  }
}

async function executedMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  // PostgreSQL: the table as the connection's search_path finds it, not one of the same name in another schema.
  const table = isPostgres(db as Kysely<unknown>)
    ? await sql<{ name: string }>`select to_regclass(${DEFAULT_MIGRATION_TABLE})::text as name`.execute(db)
    : await sql<{ name: string }>`
        select name from sqlite_master where type = 'table' and name = ${DEFAULT_MIGRATION_TABLE}
      `.execute(db);
  if (!table.rows[0]?.name) return [];
  const executed = await sql<{ name: string }>`
    select name from ${sql.table(DEFAULT_MIGRATION_TABLE)} order by name
  `.execute(db);
  return executed.rows.map((row) => row.name);
}

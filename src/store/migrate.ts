import { DEFAULT_MIGRATION_TABLE, type Kysely, Migrator, sql } from "kysely";
import { migrationProvider, migrations } from "./migrations/index.js";

/**
 * Brings the database up to this version's schema. A database that has run migrations this version does not
 * know was written by a newer version; it is refused rather than used with a schema this code does not expect.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  const unknown = (await executedMigrations(db)).filter((name) => !Object.hasOwn(migrations, name));
  if (unknown.length > 0) {
    throw new Error(
      `The hub database was written by a newer version of incidentkit: it has migrations this version does not know (${unknown.join(", ")}). Upgrade incidentkit, or use another data directory.`,
    );
  }
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error !== undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The hub database could not be migrated: ${reason}`, { cause: error });
  }
}

async function executedMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const table = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name = ${DEFAULT_MIGRATION_TABLE}
  `.execute(db);
  if (table.rows.length === 0) return [];
  const executed = await sql<{ name: string }>`
    select name from ${sql.table(DEFAULT_MIGRATION_TABLE)} order by name
  `.execute(db);
  return executed.rows.map((row) => row.name);
}

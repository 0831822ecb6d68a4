import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect.js";

/**
 * Changes to services (deploys, feature-flag flips, config changes) posted to the hub, for correlating with the
 * incidents that follow them. `service` compares without regard to case, so a change sent as "Payments-API"
 * still matches the catalog's payments-api; `(service, happened_at)` serves "the changes to these services in
 * this window". `external_id` is the sender's own ID for the change (a GitHub deployment and its state): unique
 * when present (SQLite lets any number of rows hold NULL), so a redelivered webhook records nothing twice.
 * PostgreSQL has no `nocase`; an ICU collation that ignores case (not accents) does the same there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  if (postgres) {
    await sql`create collation if not exists incidentkit_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`.execute(
      db,
    );
  }
  await db.schema
    .createTable("changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("service", "text", (c) =>
      c.notNull().modifyEnd(postgres ? sql`collate incidentkit_nocase` : sql`collate nocase`),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("author", "text")
    .addColumn("happened_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("external_id", "text")
    .execute();
  await db.schema
    .createIndex("changes_by_service")
    .on("changes")
    .columns(["service", "happened_at"])
    .execute();
  await db.schema.createIndex("changes_by_happened").on("changes").column("happened_at").execute();
  await db.schema
    .createIndex("changes_by_external_id")
    .on("changes")
    .column("external_id")
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("changes").execute();
}

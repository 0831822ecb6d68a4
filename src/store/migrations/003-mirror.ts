import type { Kysely } from "kysely";

/**
 * The incident mirror: every incident of every account, flattened for the catalog, scorecards and the UI, with
 * the API's JSON beside it; and one row per account saying how far the backfill got and how syncing goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mirrored_incidents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("severity_id", "text")
    .addColumn("severity_name", "text")
    .addColumn("severity_rank", "integer")
    .addColumn("status_id", "text", (c) => c.notNull())
    .addColumn("status_name", "text", (c) => c.notNull())
    .addColumn("status_category", "text", (c) => c.notNull())
    .addColumn("type_id", "text")
    .addColumn("type_name", "text")
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("permalink", "text")
    .addColumn("custom_fields", "text", (c) => c.notNull())
    .addColumn("raw", "text", (c) => c.notNull())
    .addColumn("mirrored_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mirrored_incidents_by_account")
    .on("mirrored_incidents")
    .columns(["account", "created_at"])
    .execute();
  await db.schema
    .createIndex("mirrored_incidents_by_updated")
    .on("mirrored_incidents")
    .column("updated_at")
    .execute();
  await db.schema
    .createIndex("mirrored_incidents_by_category")
    .on("mirrored_incidents")
    .columns(["status_category", "account"])
    .execute();

  await db.schema
    .createTable("mirror_sync")
    .addColumn("account", "text", (c) => c.primaryKey())
    .addColumn("backfill_state", "text", (c) => c.notNull())
    .addColumn("backfill_cursor", "text")
    .addColumn("backfill_total", "integer")
    .addColumn("backfilled_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("backfill_started_at", "text")
    .addColumn("backfill_completed_at", "text")
    .addColumn("reconcile_from", "text")
    .addColumn("last_seen_updated_at", "text")
    .addColumn("last_success_at", "text")
    .addColumn("last_attempt_at", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_hint", "text")
    .addColumn("last_error_at", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mirror_sync").execute();
  await db.schema.dropTable("mirrored_incidents").execute();
}

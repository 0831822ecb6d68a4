import type { Kysely } from "kysely";

/**
 * Indexes for pruning past `alerts.retention` (see `alerts/prune.ts`), so each batch reads only the rows it
 * deletes and the foreign keys it checks:
 * - `outbox_by_alert`, `deliveries_by_outbox`: deleting an alert or an outbox entry makes the database look for
 *   rows still referring to it; without these, each deleted row scanned the whole outbox or deliveries table.
 * - `deliveries_by_time`: the attempts past the window.
 * - `alert_groups_by_resolution`: the resolved groups past the window. Intake's per-alert updates of a group
 *   (`last_fired_at`, `last_alert_id`) leave it untouched.
 * Alerts need none: their IDs are ULIDs made when they were received, so the primary key finds the old ones
 * without an index on `received_at` that every alert written would pay for. Outbox entries are found by
 * `outbox_due` and webhook receipts by `webhook_receipts_by_received`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("outbox_by_alert").on("outbox").column("alert_id").execute();
  await db.schema.createIndex("deliveries_by_outbox").on("deliveries").column("outbox_id").execute();
  await db.schema.createIndex("deliveries_by_time").on("deliveries").column("attempted_at").execute();
  await db.schema
    .createIndex("alert_groups_by_resolution")
    .on("alert_groups")
    .columns(["state", "resolved_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    "alert_groups_by_resolution",
    "deliveries_by_time",
    "deliveries_by_outbox",
    "outbox_by_alert",
  ]) {
    await db.schema.dropIndex(index).execute();
  }
}

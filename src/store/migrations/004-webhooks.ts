import type { Kysely } from "kysely";

/**
 * Every incident.io webhook delivery the hub accepted, by its `webhook-id`: the primary key makes a replayed
 * or duplicated delivery a no-op, across restarts too, and the row says whether its processing finished or why
 * it failed. `claimed_by` names the hub process that runs the processing, so a delivery left half-done by a
 * stopped hub can be taken up again when incident.io delivers it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhook_receipts")
    .addColumn("webhook_id", "text", (c) => c.primaryKey())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("incident_id", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("processed_at", "text")
    .addColumn("error", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_by", "text")
    .execute();
  await db.schema
    .createIndex("webhook_receipts_by_received")
    .on("webhook_receipts")
    .column("received_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("webhook_receipts").execute();
}

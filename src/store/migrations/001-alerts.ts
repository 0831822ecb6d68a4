import { type Kysely, type RawBuilder, sql } from "kysely";
import { isPostgres } from "../dialect.js";

/** A CHECK that the column holds one of the given words. Written out here so the migration never changes. */
function oneOf(column: string, values: readonly string[]): RawBuilder<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("alerts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("dedup_key", "text", (c) => c.notNull())
    .addColumn("group_key", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(oneOf("status", ["firing", "resolved", "dismissed"])),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("severity", "text")
    .addColumn("labels", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) =>
      c.check(oneOf("decision", ["open_incident", "record_only", "suppressed", "resolve", "ignored"])),
    )
    .addColumn("reason", "text")
    .addColumn("rule", "text")
    .execute();
  await db.schema.createIndex("alerts_by_group").on("alerts").columns(["group_key", "received_at"]).execute();
  await db.schema.createIndex("alerts_by_source").on("alerts").columns(["source", "received_at"]).execute();

  await db.schema
    .createTable("alert_groups")
    .addColumn("group_key", "text", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("dedup_key", "text", (c) => c.notNull())
    .addColumn("generation", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("state", "text", (c) => c.notNull().check(oneOf("state", ["open", "resolved"])))
    .addColumn("incident_id", "text")
    .addColumn("incident_reference", "text")
    .addColumn("opened_at", "text")
    .addColumn("resolved_at", "text")
    .addColumn("last_fired_at", "text")
    .addColumn("last_alert_id", "text")
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_key", "text", (c) => c.notNull().references("alert_groups.group_key"))
    .addColumn("alert_id", "text", (c) => c.notNull().references("alerts.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(oneOf("kind", ["declare", "close", "update"])))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text")
    .addColumn("state", "text", (c) => c.notNull().check(oneOf("state", ["pending", "delivered", "failed"])))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["state", "next_attempt_at"]).execute();

  await db.schema
    .createTable("deliveries")
    .addColumn("id", isPostgres(db) ? "serial" : "integer", (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn("outbox_id", "text", (c) => c.notNull().references("outbox.id"))
    .addColumn("alert_id", "text", (c) => c.notNull().references("alerts.id"))
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) =>
      c.notNull().check(oneOf("outcome", ["delivered", "retry", "failed"])),
    )
    .addColumn("http_status", "integer")
    .addColumn("error_code", "text")
    .addColumn("message", "text")
    .addColumn("fix", "text")
    .execute();
  await db.schema.createIndex("deliveries_by_alert").on("deliveries").column("alert_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["deliveries", "outbox", "alert_groups", "alerts"]) {
    await db.schema.dropTable(table).execute();
  }
}

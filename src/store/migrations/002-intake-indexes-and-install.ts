import { type Kysely, sql } from "kysely";

/**
 * Indexes for the questions intake asks on every alert, which without them scan tables that grow with every
 * alert ever received (intake slowed in proportion: 0.4 ms an alert at 4,000 stored, 1.1 ms at 20,000):
 * the incidents each rule opened today, and whether a group's declare is still waiting in the outbox.
 *
 * And the hub's install record: a random ID made once per database. It salts the idempotency keys of the
 * incidents the hub declares, so a hub started on a fresh database never receives an incident an earlier
 * database's declare made (incident.io answers a repeated key with the first request's incident).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("alerts_by_decision")
    .on("alerts")
    .columns(["decision", "received_at"])
    .execute();
  await db.schema
    .createIndex("outbox_by_group")
    .on("outbox")
    .columns(["group_key", "kind", "state"])
    .execute();
  await db.schema
    .createTable("hub_install")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await sql`insert into hub_install (id, created_at) values (${crypto.randomUUID()}, ${new Date().toISOString()})`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("hub_install").execute();
  await db.schema.dropIndex("outbox_by_group").execute();
  await db.schema.dropIndex("alerts_by_decision").execute();
}

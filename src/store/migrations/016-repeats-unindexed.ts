import { type Kysely, sql } from "kysely";

/**
 * The index of each group's alerts leaves out the alerts that arrived while their group's incident was open (its
 * repeats, and the alert that resolves it), which `alerts.while_open` now marks. Each alert entered in that index
 * took a page of its own (the index is in group order, the alerts arrive in time order), and every commit wrote
 * those pages to the log: a sixth of intake's cost when many groups repeat. Retention, its only reader, still finds
 * what it asks for there (alerts/prune.ts): an open group's opening alert, and whether an alert is left of a group
 * that resolved long ago (its repeats, older than its resolution, are pruned before it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("alerts").addColumn("while_open", "integer").execute();
  await db.schema.dropIndex("alerts_by_group").execute();
  await db.schema
    .createIndex("alerts_by_group")
    .on("alerts")
    .columns(["group_key", "received_at"])
    .where(sql.ref("while_open"), "is", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("alerts_by_group").execute();
  await db.schema.createIndex("alerts_by_group").on("alerts").columns(["group_key", "received_at"]).execute();
  await db.schema.alterTable("alerts").dropColumn("while_open").execute();
}

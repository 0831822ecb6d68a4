import type { Kysely } from "kysely";

/**
 * An alert group's row no longer changes when one of its alerts repeats: `last_fired_at` (read by nothing) and
 * `last_alert_id` (which retention kept) go. Writing them for every repeat made each commit of intake rewrite the
 * group pages of every group it touched; retention now keeps an open group's newest alert by looking it up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("alert_groups").dropColumn("last_alert_id").execute();
  await db.schema.alterTable("alert_groups").dropColumn("last_fired_at").execute();
}

/** The columns come back empty: a group's last alert is found again from the alerts themselves if ever needed. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("alert_groups").addColumn("last_fired_at", "text").execute();
  await db.schema.alterTable("alert_groups").addColumn("last_alert_id", "text").execute();
}

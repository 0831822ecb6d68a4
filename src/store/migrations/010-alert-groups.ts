import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect.js";
import { rebuildSqliteTable } from "./rebuild.js";

/**
 * Alerts grouped as their senders mean it, and what the hub refused:
 * - `alert_group_members`: each alert (by its dedup key) of a group that gathers several — an Alertmanager or
 *   Grafana notification group, or alerts sharing labels — with whether it still fires: the group's incident
 *   closes when none does.
 * - `alert_groups.truncated_alerts`: alerts the sender left out of the group's notifications (`truncatedAlerts`).
 * - `intake_refusals`: requests refused whole (too large, too many alerts, not a format the source takes), so a
 *   lost notification leaves a trace.
 * - Wider CHECKs: alerts may be decided `update_incident` (the alert names an existing incident) or `forward`
 *   (sent on to an incident.io alert source); the outbox makes `forward` calls; a delivery may be `replayed`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column, narrow, wide] of CHECKS) await replaceCheck(db, table, column, narrow, wide);

  await db.schema
    .createTable("alert_group_members")
    .addColumn("group_key", "text", (c) => c.notNull())
    .addColumn("dedup_key", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_group_members_pk", ["group_key", "dedup_key"])
    .execute();
  await db.schema.alterTable("alert_groups").addColumn("truncated_alerts", "integer").execute();

  await db.schema
    .createTable("intake_refusals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("http_status", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("bytes", "integer")
    .addColumn("alerts", "integer")
    .execute();
  await db.schema
    .createIndex("intake_refusals_by_time")
    .on("intake_refusals")
    .column("received_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("intake_refusals").execute();
  await db.schema.alterTable("alert_groups").dropColumn("truncated_alerts").execute();
  await db.schema.dropTable("alert_group_members").execute();
  for (const [table, column, narrow, wide] of CHECKS) await replaceCheck(db, table, column, wide, narrow);
}

/** Each CHECK this migration widens: table, column, the words before, the words after. */
const CHECKS: Array<[string, string, string[], string[]]> = [
  [
    "alerts",
    "decision",
    ["open_incident", "record_only", "suppressed", "resolve", "ignored"],
    ["open_incident", "record_only", "suppressed", "resolve", "ignored", "update_incident", "forward"],
  ],
  ["outbox", "kind", ["declare", "close", "update"], ["declare", "close", "update", "forward"]],
  ["deliveries", "outcome", ["delivered", "retry", "failed"], ["delivered", "retry", "failed", "replayed"]],
];

function inList(column: string, values: readonly string[]): string {
  return `"${column}" in (${values.map((value) => `'${value}'`).join(", ")})`;
}

/**
 * Changes the words a column's CHECK takes. PostgreSQL alters the constraint; SQLite cannot, so the table is rebuilt
 * with the wider CHECK.
 */
async function replaceCheck(
  db: Kysely<unknown>,
  table: string,
  column: string,
  from: readonly string[],
  to: readonly string[],
): Promise<void> {
  if (isPostgres(db)) {
    const name = `${table}_${column}_check`;
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(name)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(name)} check (${sql.raw(inList(column, to))})`.execute(
      db,
    );
    return;
  }
  const before = inList(column, from);
  await rebuildSqliteTable(db, "010", table, (created) => {
    if (!created.includes(before))
      throw new Error(`migration 010: ${table}.${column} has no CHECK ${before} to replace`);
    return created.replace(before, inList(column, to));
  });
}

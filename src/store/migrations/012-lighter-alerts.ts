import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect.js";
import { rebuildSqliteTable } from "./rebuild.js";

/**
 * Fewer bytes per stored alert, each alert's own JSON being what it must keep:
 * - `alerts.labels` may be null: the alert's labels are then exactly those of its own JSON (`payload`), not
 *   stored twice.
 * - The index of the alerts that opened incidents (the rules' daily caps count them) holds those alerts only, not
 *   every alert received.
 * - On SQLite, `alert_group_members` is a WITHOUT ROWID table, stored in its primary key's order: its small rows
 *   no longer pay for a second copy of that key in an index of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table alerts alter column labels drop not null`.execute(db);
  } else {
    await rebuildSqliteTable(db, "012", "alerts", (created) =>
      replaceOnce(created, '"labels" text not null', '"labels" text'),
    );
    await rebuildSqliteTable(db, "012", "alert_group_members", (created) => `${created} without rowid`);
  }
  await db.schema.dropIndex("alerts_by_decision").execute();
  await db.schema
    .createIndex("alerts_opening_by_rule")
    .on("alerts")
    .columns(["rule", "received_at"])
    .where(sql.ref("decision"), "=", sql.lit("open_incident"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("alerts_opening_by_rule").execute();
  await db.schema
    .createIndex("alerts_by_decision")
    .on("alerts")
    .columns(["decision", "received_at"])
    .execute();
  if (isPostgres(db)) {
    await sql`update alerts set labels = coalesce((payload::json -> 'labels')::text, '{}') where labels is null`.execute(
      db,
    );
    await sql`alter table alerts alter column labels set not null`.execute(db);
  } else {
    await sql`update alerts set labels = coalesce(json_extract(payload, '$.labels'), '{}') where labels is null`.execute(
      db,
    );
    await rebuildSqliteTable(db, "012", "alert_group_members", (created) =>
      created.replace(/\s+without rowid\s*$/i, ""),
    );
    await rebuildSqliteTable(db, "012", "alerts", (created) =>
      replaceOnce(created, '"labels" text', '"labels" text not null'),
    );
  }
}

function replaceOnce(definition: string, from: string, to: string): string {
  if (!definition.includes(from)) throw new Error(`migration 012: expected ${from} in ${definition}`);
  return definition.replace(from, to);
}

import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect.js";
import { rebuildSqliteTable } from "./rebuild.js";

/**
 * A hub serving several incident.io accounts:
 * - a mirrored incident is keyed by its account and its ID, not its ID alone: two organisations' incidents never
 *   share a row, whatever their IDs;
 * - `hub_install.account` records the account the hub delivers alerts to, once it first started, so a hub started
 *   later with another account is refused rather than mixing two organisations' alerts and incidents;
 * - `investigations.account`: the account of the incident investigated, so a retry reads it in its own account
 *   (null on investigations made before: those of the hub's own account).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table mirrored_incidents drop constraint mirrored_incidents_pkey`.execute(db);
    await sql`alter table mirrored_incidents add constraint mirrored_incidents_pkey primary key (account, id)`.execute(
      db,
    );
  } else {
    await rebuildSqliteTable(db, "013", "mirrored_incidents", (created) =>
      withPrimaryKey(created.replace('"id" text primary key', '"id" text not null'), '"account", "id"'),
    );
  }
  await db.schema.alterTable("hub_install").addColumn("account", "text").execute();
  await db.schema.alterTable("investigations").addColumn("account", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("investigations").dropColumn("account").execute();
  await db.schema.alterTable("hub_install").dropColumn("account").execute();
  if (isPostgres(db)) {
    await sql`alter table mirrored_incidents drop constraint mirrored_incidents_pkey`.execute(db);
    await sql`alter table mirrored_incidents add constraint mirrored_incidents_pkey primary key (id)`.execute(
      db,
    );
  } else {
    await rebuildSqliteTable(db, "013", "mirrored_incidents", (created) =>
      created
        .replace(/,\s*constraint "mirrored_incidents_pk" primary key \("account", "id"\)\s*\)\s*$/i, ")")
        .replace('"id" text not null', '"id" text primary key'),
    );
  }
}

/** The definition with a primary key over `columns` added as its last constraint. */
function withPrimaryKey(definition: string, columns: string): string {
  const end = definition.lastIndexOf(")");
  if (end < 0 || !definition.includes('"id" text not null'))
    throw new Error(`migration 013: unexpected definition ${definition}`);
  return `${definition.slice(0, end)}, constraint "mirrored_incidents_pk" primary key (${columns}))`;
}

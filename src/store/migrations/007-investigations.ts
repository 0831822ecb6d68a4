import { type Kysely, sql } from "kysely";

/**
 * Investigations of incidents and what became of publishing them, and the ledger of Slack posts.
 *
 * `investigations`: one row per run. An automatic run (`trigger = 'auto'`, on an incident-created webhook) is
 * unique per incident (a partial unique index), so a webhook delivered twice, concurrently or after a restart
 * claims one row; runs from the CLI or the API add rows of their own. `report` is the findings report as JSON,
 * written once (NULL until the run finished); `summary_appended_at` / `slack_posted_at` say when each channel
 * took it; `errors` is a JSON array of the failures met on the way, newest last.
 *
 * `slack_posts`: what has been posted to Slack, by dedupe key (`slack:<destination>:<incident>:<occasion>`),
 * with Slack's receipt, so a post is made once across restarts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("investigations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("incident_id", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("report", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .addColumn("summary_appended_at", "text")
    .addColumn("slack_posted_at", "text")
    .addColumn("publish_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("errors", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .createIndex("investigations_by_incident")
    .on("investigations")
    .columns(["incident_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("investigations_auto_once")
    .on("investigations")
    .column("incident_id")
    .unique()
    .where(sql<boolean>`"trigger" = 'auto'`)
    .execute();
  await db.schema
    .createTable("slack_posts")
    .addColumn("dedupe_key", "text", (c) => c.primaryKey())
    .addColumn("receipt", "text", (c) => c.notNull())
    .addColumn("posted_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("slack_posts").execute();
  await db.schema.dropTable("investigations").execute();
}

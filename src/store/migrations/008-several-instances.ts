import { type Kysely, sql } from "kysely";

/**
 * For several hub processes over one PostgreSQL database:
 * - `outbox.seq`: an entry's place in its group's order, counted in the database, so a close is never ordered
 *   before its declare when two hubs with slightly different clocks wrote them. Existing rows are numbered in
 *   the order of their IDs.
 * - `outbox.claimed_by`, `claimed_until`: the hub delivering an entry and until when its claim holds; another
 *   hub takes the entry over once the claim runs out (the claimant died).
 * - `webhook_receipts.claimed_until`: the same for processing a webhook delivery.
 * - `rate_budgets`: incident.io's rate limit for an API key, as a token bucket every hub takes from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("outbox")
    .addColumn("seq", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update outbox set seq = (
      select count(*) from outbox as earlier
      where earlier.group_key = outbox.group_key and earlier.id <= outbox.id
    )
  `.execute(db);
  await db.schema.alterTable("outbox").addColumn("claimed_by", "text").execute();
  await db.schema.alterTable("outbox").addColumn("claimed_until", "text").execute();
  await db.schema.createIndex("outbox_by_group_seq").on("outbox").columns(["group_key", "seq"]).execute();

  await db.schema.alterTable("webhook_receipts").addColumn("claimed_until", "text").execute();

  await db.schema
    .createTable("rate_budgets")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("tokens", "double precision", (c) => c.notNull())
    .addColumn("refilled_at_ms", "bigint", (c) => c.notNull())
    .addColumn("paused_until_ms", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("rate_budgets").execute();
  await db.schema.alterTable("webhook_receipts").dropColumn("claimed_until").execute();
  await db.schema.dropIndex("outbox_by_group_seq").execute();
  await db.schema.alterTable("outbox").dropColumn("claimed_until").execute();
  await db.schema.alterTable("outbox").dropColumn("claimed_by").execute();
  await db.schema.alterTable("outbox").dropColumn("seq").execute();
}

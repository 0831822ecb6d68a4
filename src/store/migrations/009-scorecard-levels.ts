import type { Kysely } from "kysely";

/**
 * `scorecard_levels`: the level each entity last reached on each scorecard, as the scheduled scorecard runs
 * recorded it. `level` is NULL when the entity reached none; `since` is when it reached this level and
 * `previous_level` the level it held before (NULL at the first record or when it held none); `checked_at` is the
 * last run that scored it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("scorecard_levels")
    .addColumn("scorecard", "text", (c) => c.notNull())
    .addColumn("entity_ref", "text", (c) => c.notNull())
    .addColumn("level", "text")
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("since", "text", (c) => c.notNull())
    .addColumn("previous_level", "text")
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("scorecard_levels_pk", ["scorecard", "entity_ref"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("scorecard_levels").execute();
}

import type { Kysely } from "kysely";

/**
 * Where a change was deployed: `environment` as the sender named it, and `production` (1 or 0) as the hub judged
 * it when it was recorded, from the configured production environments and GitHub's own flags, so a preview
 * deploy weighs less than a production one. Both are null on changes recorded before, and on changes that name
 * no environment: those are taken as production, as they always were.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("changes").addColumn("environment", "text").execute();
  await db.schema.alterTable("changes").addColumn("production", "integer").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("changes").dropColumn("production").execute();
  await db.schema.alterTable("changes").dropColumn("environment").execute();
}

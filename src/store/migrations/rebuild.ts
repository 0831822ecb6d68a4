import { type Kysely, sql } from "kysely";

/**
 * Rebuilds a SQLite table from its own definition as `change` rewrites it, rows and indexes included: SQLite can
 * alter neither a column's constraints nor a table's kind. Foreign keys are off meanwhile and checked after.
 * Migrations on SQLite run on one connection outside any transaction, so this one makes its own.
 * `migration` names the caller in errors.
 */
export async function rebuildSqliteTable(
  db: Kysely<unknown>,
  migration: string,
  table: string,
  change: (definition: string) => string,
): Promise<void> {
  const definition = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const created = definition.rows[0]?.sql;
  if (created === undefined) throw new Error(`migration ${migration}: there is no table ${table}`);
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(
    db,
  );
  const rebuilt = `${table}__rebuilt`;
  const definitionAfter = change(created).replace(/^create table "?[^"\s(]+"?/i, `create table "${rebuilt}"`);
  await sql`pragma foreign_keys = off`.execute(db);
  await sql`begin`.execute(db);
  try {
    await sql.raw(definitionAfter).execute(db);
    await sql.raw(`insert into "${rebuilt}" select * from "${table}"`).execute(db);
    await sql.raw(`drop table "${table}"`).execute(db);
    await sql.raw(`alter table "${rebuilt}" rename to "${table}"`).execute(db);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0)
      throw new Error(`migration ${migration}: rebuilding ${table} broke a foreign key`);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

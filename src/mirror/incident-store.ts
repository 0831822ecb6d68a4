import type { Kysely, SelectQueryBuilder, Transaction } from "kysely";
import { isPostgres } from "../store/dialect.js";
import type { Database } from "../store/index.js";
import type { MirroredIncident } from "./incident.js";
import { fromRow, toRow } from "./incident-rows.js";
import { normaliseTime } from "./time.js";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Writes an incident unless the mirror already holds a newer copy (a later `updated_at`). Webhooks arrive in any
 * order and a reconciliation may read an incident before a webhook about a later change lands, so a late, older
 * copy must never overwrite a newer one. A copy with the same `updated_at` is written: it is the same version,
 * and its severity rank may have been refreshed. Resolves with whether the row was written.
 */
export async function upsertMirroredIncident(
  db: Db,
  incident: MirroredIncident,
  raw: unknown,
  at: string,
): Promise<boolean> {
  const row = toRow(incident, raw, at);
  const { id: _id, account: _account, ...changes } = row;
  const result = await db
    .insertInto("mirrored_incidents")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["account", "id"])
        .doUpdateSet(changes)
        .where("mirrored_incidents.updated_at", "<=", row.updated_at),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** An incident of the mirror: incident.io's ID within an account. */
export interface MirrorKey {
  account: string;
  id: string;
}

export async function getMirroredIncident(db: Db, key: MirrorKey): Promise<MirroredIncident | undefined> {
  const row = await db
    .selectFrom("mirrored_incidents")
    .selectAll()
    .where("account", "=", key.account)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** The API's JSON for the incident, as last mirrored. */
export async function getMirroredRaw(db: Db, key: MirrorKey): Promise<unknown> {
  const row = await db
    .selectFrom("mirrored_incidents")
    .select("raw")
    .where("account", "=", key.account)
    .where("id", "=", key.id)
    .executeTakeFirst();
  return row ? JSON.parse(row.raw) : undefined;
}

export interface MirrorFilter {
  account?: string | readonly string[];
  /** e.g. "live", or ["learning", "closed"]. */
  statusCategory?: string | readonly string[];
  /** Severity IDs or names (any case). */
  severity?: string | readonly string[];
  /** Severity rank at least / at most (higher is more severe); incidents without a severity never match. */
  severityRankGte?: number;
  severityRankLte?: number;
  /** Created at or after this instant (ISO 8601). */
  createdFrom?: string;
  /** Created before this instant (ISO 8601). */
  createdBefore?: string;
  mode?: string | readonly string[];
  /** Written to the mirror at or after this instant (`mirrored_at`, ISO 8601): what changed since a last look. */
  mirroredSince?: string;
}

export interface MirrorPage {
  limit?: number;
  offset?: number;
}

/** Mirrored incidents matching every filter given, newest first. */
export async function listMirroredIncidents(
  db: Db,
  filter: MirrorFilter = {},
  page: MirrorPage = {},
): Promise<MirroredIncident[]> {
  let query = filtered(db, filter)
    .select([
      "id",
      "account",
      "reference",
      "name",
      "summary",
      "severity_id",
      "severity_name",
      "severity_rank",
      "status_id",
      "status_name",
      "status_category",
      "type_id",
      "type_name",
      "mode",
      "visibility",
      "created_at",
      "updated_at",
      "resolved_at",
      "permalink",
      "custom_fields",
      "mirrored_at",
    ])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc");
  if (page.limit !== undefined) query = query.limit(page.limit);
  if (page.offset !== undefined) {
    // SQLite takes an offset only after a limit (-1: none); PostgreSQL needs none and refuses a negative one.
    if (page.limit === undefined && !isPostgres(db as Kysely<unknown>)) query = query.limit(-1);
    query = query.offset(page.offset);
  }
  return (await query.execute()).map(fromRow);
}

export async function countMirroredIncidents(db: Db, filter: MirrorFilter = {}): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const list = (value: string | readonly string[]): string[] =>
  typeof value === "string" ? [value] : [...value];

function filtered(db: Db, filter: MirrorFilter): SelectQueryBuilder<Database, "mirrored_incidents", object> {
  let query = db.selectFrom("mirrored_incidents");
  if (filter.account !== undefined) query = query.where("account", "in", list(filter.account));
  if (filter.statusCategory !== undefined)
    query = query.where("status_category", "in", list(filter.statusCategory));
  if (filter.mode !== undefined) query = query.where("mode", "in", list(filter.mode));
  if (filter.severity !== undefined) {
    const wanted = list(filter.severity);
    const names = wanted.map((name) => name.trim().toLowerCase());
    query = query.where((eb) =>
      eb.or([eb("severity_id", "in", wanted), eb(eb.fn("lower", ["severity_name"]), "in", names)]),
    );
  }
  if (filter.severityRankGte !== undefined)
    query = query.where("severity_rank", ">=", filter.severityRankGte);
  if (filter.severityRankLte !== undefined)
    query = query.where("severity_rank", "<=", filter.severityRankLte);
  if (filter.createdFrom !== undefined)
    query = query.where("created_at", ">=", normaliseTime(filter.createdFrom));
  if (filter.createdBefore !== undefined)
    query = query.where("created_at", "<", normaliseTime(filter.createdBefore));
  if (filter.mirroredSince !== undefined) query = query.where("mirrored_at", ">=", filter.mirroredSince);
  return query;
}

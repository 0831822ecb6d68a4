import type { Store } from "../../store/index.js";
import { type Change, changeFromRow } from "./change.js";

export interface ChangeQuery {
  /** Only changes stored under one of these service spellings (compared without regard to case). */
  services?: readonly string[] | undefined;
  /** Only changes that happened at or after this time (ISO 8601 UTC). */
  from?: string | undefined;
  /** Only changes that happened at or before this time (ISO 8601 UTC). */
  to?: string | undefined;
  /** At most this many, newest first. */
  limit: number;
}

/** Changes, newest first (by when they happened, then by when they were recorded). */
export async function listChanges(store: Store, query: ChangeQuery): Promise<Change[]> {
  if (query.services !== undefined && query.services.length === 0) return [];
  let select = store.db.selectFrom("changes").selectAll();
  if (query.services !== undefined) select = select.where("service", "in", [...query.services]);
  if (query.from !== undefined) select = select.where("happened_at", ">=", query.from);
  if (query.to !== undefined) select = select.where("happened_at", "<=", query.to);
  const rows = await select.orderBy("happened_at", "desc").orderBy("id", "desc").limit(query.limit).execute();
  return rows.map(changeFromRow);
}

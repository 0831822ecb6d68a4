import type { Store } from "../store/index.js";
import type { ScorecardResult } from "./evaluate.js";

/** The level an entity holds on a scorecard as recorded, and since when. */
export interface RecordedLevel {
  scorecard: string;
  entity: string;
  /** null: no level reached. */
  level: string | null;
  score: number;
  /** When the entity reached `level` (ISO 8601). */
  since: string;
  /** The level it held before; null at its first record or when it held none. */
  previous: string | null;
  /** The last run that scored it (ISO 8601). */
  checkedAt: string;
}

/** Rows per insert statement: well under either database's limit on parameters. */
const ROWS_PER_STATEMENT = 500;

/** Serialises the runs of hubs that briefly both believe they lead. */
const LOCK = "scorecard-levels";

/**
 * Records every entity's level on every scorecard as of `at` (ms), in one transaction. An entity whose level
 * changed gets `since = at` and its old level as `previous`; one whose level stayed keeps both, and only its
 * score and `checkedAt` move.
 */
export async function recordLevels(
  store: Store,
  results: readonly ScorecardResult[],
  at: number,
): Promise<void> {
  const checkedAt = new Date(at).toISOString();
  const scorecards = [...new Set(results.map((result) => result.scorecard))];
  if (scorecards.length === 0) return;
  await store.write(
    async (trx) => {
      const stored = await trx
        .selectFrom("scorecard_levels")
        .select(["scorecard", "entity_ref", "level", "since", "previous_level"])
        .where("scorecard", "in", scorecards)
        .execute();
      const before = new Map(stored.map((row) => [key(row.scorecard, row.entity_ref), row]));
      const rows = results.flatMap((result) =>
        result.entities.map((entity) => {
          const old = before.get(key(result.scorecard, entity.entity));
          const kept = old !== undefined && old.level === entity.level;
          return {
            scorecard: result.scorecard,
            entity_ref: entity.entity,
            level: entity.level,
            score: entity.score,
            since: kept ? old.since : checkedAt,
            previous_level: kept ? old.previous_level : (old?.level ?? null),
            checked_at: checkedAt,
          };
        }),
      );
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        await trx
          .insertInto("scorecard_levels")
          .values(rows.slice(start, start + ROWS_PER_STATEMENT))
          .onConflict((conflict) =>
            conflict.columns(["scorecard", "entity_ref"]).doUpdateSet((eb) => ({
              level: eb.ref("excluded.level"),
              score: eb.ref("excluded.score"),
              since: eb.ref("excluded.since"),
              previous_level: eb.ref("excluded.previous_level"),
              checked_at: eb.ref("excluded.checked_at"),
            })),
          )
          .execute();
      }
    },
    { locks: () => [LOCK] },
  );
}

/** Every recorded level, by scorecard then entity; only this entity's when `entity` is given. */
export async function levelHistory(store: Store, entity?: string): Promise<RecordedLevel[]> {
  let query = store.db.selectFrom("scorecard_levels").selectAll();
  if (entity !== undefined) query = query.where("entity_ref", "=", entity);
  const rows = await query.orderBy("scorecard").orderBy("entity_ref").execute();
  return rows.map((row) => ({
    scorecard: row.scorecard,
    entity: row.entity_ref,
    level: row.level,
    score: row.score,
    since: row.since,
    previous: row.previous_level,
    checkedAt: row.checked_at,
  }));
}

function key(scorecard: string, entity: string): string {
  return `${scorecard}\n${entity}`;
}

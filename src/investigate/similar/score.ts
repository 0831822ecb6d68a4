/**
 * How the parts of a similarity combine into one score in 0..1.
 *
 *   score = Σ wᵢ · cᵢ / Σ wᵢ, over the components that apply to the query
 *
 * Components, each in 0..1:
 * - text: BM25 of the candidate's name and summary against the query's, divided by the BM25 the query would
 *   give a copy of itself (so an identical text scores 1), capped at 1;
 * - services: the share of the query's services the candidate also has;
 * - fields: the share of the query's other categorical custom-field values (options, catalog entries) the
 *   candidate also has;
 * - severity: 1 when the severity is the same, else 0;
 * - time: 0.5 ^ (|days between the two| / half-life), 1 for the same moment, ½ one half-life apart.
 *
 * Only incidents that share at least one term or one service with the query are scored at all; the other
 * components reorder those candidates but never make an incident similar on their own.
 *
 * A component applies when the query has something to compare: a free-text query without services leaves out
 * the services and fields components and the rest are re-weighted, so a threshold means the same for every
 * kind of query.
 */

export interface ScoreWeights {
  text: number;
  services: number;
  fields: number;
  severity: number;
  time: number;
}

export const DEFAULT_WEIGHTS: ScoreWeights = {
  text: 0.55,
  services: 0.2,
  fields: 0.05,
  severity: 0.1,
  time: 0.1,
};

export const DEFAULT_HALF_LIFE_DAYS = 30;

/** A component left undefined does not apply to this query. */
export type Components = { [K in keyof ScoreWeights]?: number };

/** 1 for the same moment, ½ one half-life apart, ¼ two. */
export function timeProximity(deltaMs: number, halfLifeDays: number): number {
  return Math.exp((-Math.LN2 * Math.abs(deltaMs)) / (halfLifeDays * 86_400_000));
}

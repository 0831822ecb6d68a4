import { rankSimilar } from "../../src/investigate/similar/rank.js";
import { SimilarIndex, type SimilarIndexOptions } from "../../src/investigate/similar/similar-index.js";
import type { LabelledCorpus } from "./demo-corpus.js";

/**
 * How well the ranking finds an incident's own kind, on a labelled corpus (the demo organisation, whose
 * incidents are generated in recurring failure families).
 *
 * Queries: every incident not in test mode that has at least one other non-test incident of its family.
 * For a query q, relevant(q) = the other non-test incidents of q's family; the ranker ranks every other
 * non-test incident (no threshold, no time range) and top(q, k) is its first k.
 *
 *   precision@5(q) = |top(q, 5) ∩ relevant(q)| / min(5, |relevant(q)|)
 *   recall@10(q)   = |top(q, 10) ∩ relevant(q)| / |relevant(q)|
 *
 * Both are averaged over the queries (macro average). Families have 10 to 40 members, so recall@10 cannot
 * reach 1 for the larger ones: it is comparable between rankers, not an absolute. `only` narrows the queries
 * (e.g. to the incidents opened from alerts); what is relevant to each stays its whole family.
 */

/** The IDs a ranker puts first for a query incident, best first; at least `k` when there are that many. */
export type Ranker = (index: SimilarIndex, queryId: string, k: number) => string[];

/** The query is the whole incident: name, summary, services, custom fields, severity, time. */
export const similarityRanker: Ranker = (index, queryId, k) =>
  rankSimilar(index, { incident: queryId }, { similarityThreshold: 0, limit: k }).results.map(
    (result) => result.incident.id,
  );

/**
 * The query is only the incident's title as free text, at its creation time: what an alert or a freshly
 * declared incident offers before anyone writes a summary or picks services. Harder than the whole incident.
 */
export const titleRanker: Ranker = (index, queryId, k) => {
  const incident = index.get(queryId)?.incident;
  if (!incident) return [];
  return rankSimilar(
    index,
    { text: incident.name, at: incident.createdAt },
    { similarityThreshold: 0, limit: k + 1 },
  )
    .results.map((result) => result.incident.id)
    .filter((id) => id !== queryId)
    .slice(0, k);
};

export interface Evaluation {
  incidents: number;
  families: number;
  queries: number;
  precisionAt5: number;
  recallAt10: number;
  /** Mean time per ranked query, ranking and scoring included. */
  msPerQuery: number;
}

export function indexCorpus(corpus: LabelledCorpus, options: SimilarIndexOptions = {}): SimilarIndex {
  const index = new SimilarIndex(options);
  for (const incident of corpus.incidents) index.upsert(incident);
  return index;
}

export function evaluateRanking(
  corpus: LabelledCorpus,
  ranker: Ranker = similarityRanker,
  index: SimilarIndex = indexCorpus(corpus),
  only?: ReadonlySet<string>,
): Evaluation {
  const members = new Map<string, string[]>();
  for (const incident of corpus.incidents) {
    const family = corpus.familyOf.get(incident.id);
    if (family === undefined || incident.mode === "test") continue;
    members.set(family, [...(members.get(family) ?? []), incident.id]);
  }
  let queries = 0;
  let precision = 0;
  let recall = 0;
  const started = performance.now();
  for (const ids of members.values()) {
    if (ids.length < 2) continue;
    for (const queryId of ids) {
      if (only && !only.has(queryId)) continue;
      const relevant = new Set(ids.filter((id) => id !== queryId));
      const ranked = ranker(index, queryId, 10);
      const hits = (k: number) => ranked.slice(0, k).filter((id) => relevant.has(id)).length;
      precision += hits(5) / Math.min(5, relevant.size);
      recall += hits(10) / relevant.size;
      queries++;
    }
  }
  const elapsed = performance.now() - started;
  return {
    incidents: corpus.incidents.length,
    families: members.size,
    queries,
    precisionAt5: queries === 0 ? 0 : precision / queries,
    recallAt10: queries === 0 ? 0 : recall / queries,
    msPerQuery: queries === 0 ? 0 : elapsed / queries,
  };
}

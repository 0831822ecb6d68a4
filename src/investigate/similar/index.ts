export { type Bm25Params, DEFAULT_BM25, TextIndex } from "./bm25.js";
export type { FeatureOptions, FieldValue, ServiceValue } from "./features.js";
export type { ResolvedQuery, SimilarQuery } from "./query.js";
export {
  DEFAULT_LIMIT,
  DEFAULT_THRESHOLD,
  type RankOptions,
  rankSimilar,
  type SimilarIncident,
  type SimilarResults,
} from "./rank.js";
export { describeDelta, type Reason } from "./reasons.js";
export type { ResolutionEvidence } from "./resolution.js";
export { type Components, DEFAULT_HALF_LIFE_DAYS, DEFAULT_WEIGHTS, type ScoreWeights } from "./score.js";
export { type IndexedIncident, SimilarIndex, type SimilarIndexOptions } from "./similar-index.js";
export type { TimeRange, TimeWindow } from "./time-range.js";
export { stem, tokenize } from "./tokenize.js";

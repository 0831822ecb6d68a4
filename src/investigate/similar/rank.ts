import { incidentKey } from "../../mirror/incident.js";
import { invalidArgument } from "../../ops/invalid-argument.js";
import type { Clock } from "../../shared/clock.js";
import { systemClock } from "../../shared/clock.js";
import { type ResolvedQuery, resolveQuery, type SimilarQuery } from "./query.js";
import {
  fieldReason,
  type Reason,
  servicesReason,
  severityReason,
  termsReason,
  timeReason,
} from "./reasons.js";
import { type ResolutionEvidence, resolutionOf } from "./resolution.js";
import { type Components, DEFAULT_HALF_LIFE_DAYS, DEFAULT_WEIGHTS, type ScoreWeights } from "./score.js";
import { Scorer } from "./scorer.js";
import type { IndexedIncident, SimilarIndex } from "./similar-index.js";
import { inWindow, resolveTimeRange, type TimeRange } from "./time-range.js";

export interface RankOptions {
  /** Only results whose final score is at least this, 0..1. Default 0.5. */
  similarityThreshold?: number | undefined;
  /** How far back to look ("90d") or an absolute `{ from, to }`; default all history, before and after. */
  timeRange?: TimeRange | undefined;
  /** At most this many results, best first. Default 10. */
  limit?: number | undefined;
  /** Incidents in test mode are left out unless this is set. */
  includeTest?: boolean | undefined;
  /** Only incidents mirrored from this account; by default the query incident's, when it has one. */
  account?: string | undefined;
  weights?: Partial<ScoreWeights>;
  /** Time proximity halves every this many days. Default 30. */
  halfLifeDays?: number | undefined;
  clock?: Clock;
}

/**
 * On the demo organisation, 94% of the results at or above 0.5 are of the query's own failure family, and a
 * query finds 14 of its family's 20 or so other incidents; at 0.3 fewer than half the results are.
 */
export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_LIMIT = 10;

export interface SimilarIncident {
  incident: {
    id: string;
    reference: string;
    name: string;
    severity: string | null;
    status: string;
    statusCategory: string;
    created: string;
    resolved: string | null;
    permalink: string | null;
  };
  /** 0..1, see score.ts. */
  score: number;
  /** Each component's value in 0..1 (absent when it did not apply to the query). */
  components: Components;
  /** Strongest first. */
  reasons: Reason[];
  resolution: ResolutionEvidence;
}

export interface SimilarResults {
  results: SimilarIncident[];
  /** Candidates that passed the filters and were scored (before threshold and limit). */
  considered: number;
}

/** Ranks the incidents in the index by similarity to the query (see score.ts for how the score is made). */
export function rankSimilar(
  index: SimilarIndex,
  query: SimilarQuery,
  options: RankOptions = {},
): SimilarResults {
  const threshold = options.similarityThreshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw invalidArgument(`similarity threshold ${threshold} is out of range`, "use a number from 0 to 1");
  }
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw invalidArgument(`limit ${limit} is not a positive whole number`, "e.g. 10");
  }
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const halfLife = options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  if (!(halfLife > 0)) {
    throw invalidArgument(`half-life ${halfLife} days is not positive`, "e.g. 30 (days)");
  }
  const q = resolveQuery(index, query, (options.clock ?? systemClock).now());
  const window = resolveTimeRange(options.timeRange, q.referenceMs);

  const scorer = new Scorer(index, q, weights, halfLife);
  const { columns } = index;
  const selfSlot = q.self === undefined ? -1 : (index.slotOf(q.self) ?? -1);
  const accountName = options.account ?? q.account;
  const account = accountName === undefined ? undefined : index.accountNumber(accountName);
  const top: Scored[] = [];
  let considered = 0;
  for (const slot of scorer.candidates) {
    if (slot === selfSlot || (columns.test[slot] === 1 && !options.includeTest)) continue;
    if (account !== undefined && columns.account[slot] !== account) continue;
    const createdMs = columns.createdMs[slot] ?? Number.NaN;
    if (!inWindow(window, createdMs)) continue;
    considered++;
    const score = scorer.score(slot);
    if (score >= threshold) keepBest(index, top, { slot, score, createdMs }, limit);
  }
  return {
    results: top.map(({ slot, score }) => present(q, index, slot, score, scorer)),
    considered,
  };
}

interface Scored {
  slot: number;
  score: number;
  createdMs: number;
}

/** Best first: higher score, then the more recent, then by ID so the order never depends on insertion. */
function before(index: SimilarIndex, a: Scored, b: Scored): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.createdMs !== b.createdMs) return a.createdMs > b.createdMs;
  return (index.atSlot(a.slot)?.incident.id ?? "") < (index.atSlot(b.slot)?.incident.id ?? "");
}

/** Inserts into a best-first list of at most `limit`, so a query never sorts every candidate. */
function keepBest(index: SimilarIndex, top: Scored[], item: Scored, limit: number): void {
  const last = top[top.length - 1];
  if (top.length >= limit && last && !before(index, item, last)) return;
  let at = top.length;
  while (at > 0 && before(index, item, top[at - 1] as Scored)) at--;
  top.splice(at, 0, item);
  if (top.length > limit) top.pop();
}

function present(
  q: ResolvedQuery,
  index: SimilarIndex,
  slot: number,
  score: number,
  scorer: Scorer,
): SimilarIncident {
  const entry = index.atSlot(slot) as IndexedIncident;
  const { incident } = entry;
  const components = scorer.components(slot);
  const parts = scorer.contributions(slot);
  const reasons: Reason[] = [];
  const serviceKeys = new Set(entry.services.map((s) => s.key));
  const shared = q.services.filter((s) => serviceKeys.has(s.key)).map((s) => s.label);
  if (shared.length > 0) reasons.push(servicesReason(shared, parts.services ?? 0));
  if (parts.text) {
    const terms = termsReason(
      index.text.explain(q.text.tf.keys(), incidentKey(incident)),
      q.text.tokens,
      parts.text,
    );
    if (terms) reasons.push(terms);
  }
  const fieldKeys = new Set(entry.fields.map((f) => f.key));
  const sharedFields = q.fields.filter((f) => fieldKeys.has(f.key));
  for (const field of sharedFields) {
    reasons.push(fieldReason(field.field, field.label, (parts.fields ?? 0) / sharedFields.length));
  }
  if (parts.severity && incident.severity)
    reasons.push(severityReason(incident.severity.name, parts.severity));
  reasons.push(timeReason(entry.createdMs - q.referenceMs, parts.time ?? 0));
  reasons.sort((a, b) => b.contribution - a.contribution);
  return {
    incident: {
      id: incident.id,
      reference: incident.reference,
      name: incident.name,
      severity: incident.severity?.name ?? null,
      status: incident.status.name,
      statusCategory: incident.status.category,
      created: incident.createdAt,
      resolved: incident.resolvedAt,
      permalink: incident.permalink,
    },
    score,
    components,
    reasons,
    resolution: resolutionOf(incident),
  };
}

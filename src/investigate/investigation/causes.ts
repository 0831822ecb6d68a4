import { describeLead } from "../changes/reasons.js";
import type { ChangeFinding, Confidence, Evidence, ProbableCause, SimilarFinding } from "../report.js";
import { DEFAULT_THRESHOLD } from "../similar/index.js";
import { clip } from "./evidence.js";

/**
 * Probable causes, built only from evidence the investigation holds, by these rules (no guessing):
 *
 * **A change in the window** (those in production first, then newest first, at most `MAX_CHANGE_CAUSES`):
 * - high: a deploy, config change or feature-flag flip to one of the incident's own services at most 1 h before;
 * - medium: any other change to one of its own services in the window, or a change to a dependency at most
 *   1 h before;
 * - low: a change to a dependency more than 1 h before, or any change that did not reach production (staging,
 *   a pull request's preview).
 *
 * **Recurring** (from similar incidents at or above the similarity threshold; "recent" is created in the 30 days
 * before this one):
 * - high: 3 or more recent similar incidents and the best scores at least 0.8;
 * - medium: 2 or more recent ones, or the best scores at least 0.8;
 * - low: otherwise (one similar incident).
 *
 * Most likely first: by confidence, a change before a recurrence at the same confidence.
 */

export const RECENT_DAYS = 30;
export const CLOSE_LEAD_MS = 3_600_000;
export const STRONG_MATCH = 0.8;
/** The least score a similar incident needs to count as a recurrence: the ranking's own default threshold. */
export const RECURRENCE_MIN_SCORE = DEFAULT_THRESHOLD;
export const MAX_CHANGE_CAUSES = 3;
const MAX_SIMILAR_EVIDENCE = 5;

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

const KIND_WORDS: Readonly<Record<string, string>> = {
  deploy: "deploy",
  feature_flag: "feature flag change",
  config: "config change",
  other: "change",
};

export interface CauseInputs {
  incident: { reference: string; createdAt: string };
  changes: readonly ChangeFinding[];
  /** Best first, with their creation time. */
  similar: ReadonlyArray<{ finding: SimilarFinding; createdAt: string }>;
}

export function probableCauses(inputs: CauseInputs): ProbableCause[] {
  const causes = [
    ...[...inputs.changes]
      .sort((a, b) => Number(inProduction(b)) - Number(inProduction(a)))
      .slice(0, MAX_CHANGE_CAUSES)
      .map((change) => changeCause(change, inputs.incident.reference)),
    ...recurrenceCause(inputs),
  ];
  return causes
    .map((cause, order) => ({ cause, order }))
    .sort((a, b) => RANK[b.cause.confidence] - RANK[a.cause.confidence] || a.order - b.order)
    .map(({ cause }) => cause);
}

export function changeConfidence(change: ChangeFinding): Confidence {
  if (!inProduction(change)) return "low";
  const close = change.leadMs <= CLOSE_LEAD_MS;
  if (!change.viaDependency) return close && change.kind !== "other" ? "high" : "medium";
  return close ? "medium" : "low";
}

/** "deploy to payments-api 25 min before the incident", "config change to ledger (a dependency of payments-api) 2 h before the incident". */
export function changePhrase(change: ChangeFinding): string {
  const kind = KIND_WORDS[change.kind] ?? change.kind;
  const via = change.viaDependency
    ? ` (a dependency of ${change.dependencyOf.length > 0 ? change.dependencyOf.join(", ") : "its services"})`
    : "";
  const where = inProduction(change)
    ? ""
    : ` in ${change.environment ?? "another environment"} (not production)`;
  return `${kind} to ${change.service}${via}${where} ${describeLead(change.leadMs)} before the incident`;
}

/** Reports made before environments were recorded say nothing: their changes count as production ones. */
function inProduction(change: ChangeFinding): boolean {
  return change.production !== false;
}

function changeCause(change: ChangeFinding, reference: string): ProbableCause {
  const detail = change.description.trim() === "" ? "" : `: ${clip(change.description.trim(), 120)}`;
  const by = change.author ? ` by ${change.author}` : "";
  const evidence: Evidence = {
    text: `${KIND_WORDS[change.kind] ?? change.kind} of ${change.service}${detail}${by} at ${change.happenedAt}, ${describeLead(change.leadMs)} before ${reference} was declared`,
    link: change.link,
  };
  return {
    title: capitalise(changePhrase(change)),
    confidence: changeConfidence(change),
    evidence: [evidence],
  };
}

function recurrenceCause(inputs: CauseInputs): ProbableCause[] {
  // The report lists weaker matches too, as leads; only the ones ranking would call similar count as recurrences.
  const similar = inputs.similar.filter(({ finding }) => finding.score >= RECURRENCE_MIN_SCORE);
  const best = similar[0];
  if (!best) return [];
  const createdMs = Date.parse(inputs.incident.createdAt);
  const recent = similar.filter(({ createdAt }) => {
    const at = Date.parse(createdAt);
    return at <= createdMs && createdMs - at <= RECENT_DAYS * 86_400_000;
  });
  const strong = best.finding.score >= STRONG_MATCH;
  const confidence: Confidence =
    recent.length >= 3 && strong ? "high" : recent.length >= 2 || strong ? "medium" : "low";
  // Only a resolved incident has a resolution (see `resolutionText`): an open one is never quoted as resolved.
  const resolved = lastResolved(similar);
  const resolvedBy = resolved
    ? `; the latest recorded resolution (${resolved.finding.reference}): ${clip(resolved.finding.resolution ?? "", 160)}`
    : similar.length === 1
      ? "; no resolution of it is recorded"
      : "; no resolution of them is recorded";
  const title =
    recent.length >= 2
      ? `Recurring: ${recent.length} similar incidents in the past ${RECENT_DAYS} days${resolvedBy}`
      : `Looks like ${best.finding.reference} (score ${best.finding.score.toFixed(2)})${resolvedBy}`;
  const evidence = similar.slice(0, MAX_SIMILAR_EVIDENCE).map(({ finding, createdAt }) => ({
    text: `${finding.reference} "${clip(finding.name, 100)}" (${createdAt.slice(0, 10)}, ${finding.status}) · score ${finding.score.toFixed(2)} · ${finding.reasons.join("; ") || "no reason recorded"}`,
    link: finding.permalink,
  }));
  return [{ title, confidence, evidence }];
}

/** The most recently created similar incident that was resolved and says how. */
export function lastResolved<T extends { finding: SimilarFinding; createdAt: string }>(
  similar: readonly T[],
): T | undefined {
  return similar
    .filter(({ finding }) => finding.resolution !== null)
    .reduce<T | undefined>(
      (latest, item) => (latest === undefined || item.createdAt > latest.createdAt ? item : latest),
      undefined,
    );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import { withoutFindings } from "../src/investigate/findings-block.js";
import { DEFAULT_LIMIT, DEFAULT_THRESHOLD, rankSimilar } from "../src/investigate/similar/rank.js";
import { SimilarIndex } from "../src/investigate/similar/similar-index.js";
import type { MirroredIncident } from "../src/mirror/incident.js";
import { withAlertOpened } from "./similar/alert-corpus.js";
import { DEMO_CORPUS_NOW, demoCorpus } from "./similar/demo-corpus.js";
import { evaluateRanking, indexCorpus, similarityRanker, titleRanker } from "./similar/evaluate.js";

const INCIDENTS = 50_000;
const QUERIES = 200;
const DAY = 86_400_000;

export interface SimilarBenchResult {
  incidents: number;
  buildMs: number;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  meanResults: number;
  /** Re-indexing one incident (an edit arriving from the mirror), median. */
  upsertP50Ms: number;
  labelled: { incidents: number; families: number; queries: number };
  whole: { precisionAt5: number; recallAt10: number };
  title: { precisionAt5: number; recallAt10: number };
  /**
   * The demo organisation plus incidents the hub opened from alerts (`withAlertOpened`), queried from those:
   * whole-incident queries as the ranking compares them, and with the hub's own summary lines compared too (as
   * before they were left out); then title-only queries.
   */
  alertOpened: {
    incidents: number;
    queries: number;
    whole: { precisionAt5: number; recallAt10: number };
    wholeWithHubLines: { precisionAt5: number; recallAt10: number };
    title: { precisionAt5: number; recallAt10: number };
  };
}

/**
 * Builds a 50,000-incident history from the demo seed's generators (one demo organisation's six months per
 * seed, each seed's history placed before the previous one), indexes it, times 200 similar-incident queries
 * with the default parameters, and evaluates the ranking on the demo organisation's labelled families.
 */
export function benchSimilar(): SimilarBenchResult {
  const incidents: MirroredIncident[] = [];
  for (let seed = 1; incidents.length < INCIDENTS; seed++) {
    const now = DEMO_CORPUS_NOW - (seed - 1) * 183 * DAY;
    incidents.push(...demoCorpus({ seed, now }).incidents.slice(0, INCIDENTS - incidents.length));
  }

  const index = new SimilarIndex();
  const buildStarted = performance.now();
  for (const incident of incidents) index.upsert(incident);
  const buildMs = performance.now() - buildStarted;

  const step = Math.floor(incidents.length / QUERIES);
  const queries = Array.from({ length: QUERIES }, (_, i) => incidents[i * step + 7] as MirroredIncident);
  for (const query of queries.slice(0, 10)) rankSimilar(index, { incident: query.id });
  const times: number[] = [];
  let results = 0;
  for (const query of queries) {
    const started = performance.now();
    results += rankSimilar(index, { incident: query.id }).results.length;
    times.push(performance.now() - started);
  }

  const upserts: number[] = [];
  for (const query of queries.slice(0, 50)) {
    const started = performance.now();
    index.upsert({
      ...query,
      summary: `${query.summary ?? ""}\n\nRolled back the deploy; error rate back to normal.`,
    });
    upserts.push(performance.now() - started);
  }

  const labelled = demoCorpus();
  const whole = evaluateRanking(labelled, similarityRanker);
  const title = evaluateRanking(labelled, titleRanker);
  const withAlerts = withAlertOpened(labelled);
  const alertIndex = indexCorpus(withAlerts);
  const alertQueries = withAlerts.alertOpened;
  const alertWhole = evaluateRanking(withAlerts, similarityRanker, alertIndex, alertQueries);
  const alertTitle = evaluateRanking(withAlerts, titleRanker, alertIndex, alertQueries);
  const hubLines = evaluateRanking(
    withAlerts,
    similarityRanker,
    indexCorpus(withAlerts, { summaryText: withoutFindings }),
    alertQueries,
  );
  return {
    incidents: index.size,
    buildMs,
    queries: QUERIES,
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    meanResults: results / QUERIES,
    upsertP50Ms: percentile(upserts, 0.5),
    labelled: { incidents: whole.incidents, families: whole.families, queries: whole.queries },
    whole: { precisionAt5: whole.precisionAt5, recallAt10: whole.recallAt10 },
    title: { precisionAt5: title.precisionAt5, recallAt10: title.recallAt10 },
    alertOpened: {
      incidents: alertWhole.incidents,
      queries: alertWhole.queries,
      whole: { precisionAt5: alertWhole.precisionAt5, recallAt10: alertWhole.recallAt10 },
      wholeWithHubLines: { precisionAt5: hubLines.precisionAt5, recallAt10: hubLines.recallAt10 },
      title: { precisionAt5: alertTitle.precisionAt5, recallAt10: alertTitle.recallAt10 },
    },
  };
}

export const SIMILAR_DEFAULTS = { threshold: DEFAULT_THRESHOLD, limit: DEFAULT_LIMIT };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

import { beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../src/emulator/seed/random.js";
import { withoutFindings } from "../../src/investigate/findings-block.js";
import type { SimilarIndex } from "../../src/investigate/similar/similar-index.js";
import { withAlertOpened } from "./alert-corpus.js";
import { demoCorpus, type LabelledCorpus } from "./demo-corpus.js";
import {
  type Evaluation,
  evaluateRanking,
  indexCorpus,
  type Ranker,
  similarityRanker,
  titleRanker,
} from "./evaluate.js";

/** Floors the ranking must clear on the demo organisation; a ranking that ignores the content cannot. */
const FLOOR = { precisionAt5: 0.8, recallAt10: 0.35 };

const passes = (e: Evaluation) => e.precisionAt5 >= FLOOR.precisionAt5 && e.recallAt10 >= FLOOR.recallAt10;

/** Every eligible incident in a random order: the ranking with no information at all. */
function randomRanker(seed: number): Ranker {
  const rng = new Random(seed);
  return (index, queryId, k) => {
    const ids = [...index.all()]
      .filter((entry) => entry.incident.id !== queryId && entry.incident.mode !== "test")
      .map((entry) => entry.incident.id);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    }
    return ids.slice(0, k);
  };
}

/** Newest first: uses time only, as a ranking that lost its text and services would. */
const recencyRanker: Ranker = (index: SimilarIndex, queryId, k) =>
  [...index.all()]
    .filter((entry) => entry.incident.id !== queryId && entry.incident.mode !== "test")
    .sort((a, b) => b.createdMs - a.createdMs)
    .slice(0, k)
    .map((entry) => entry.incident.id);

describe("similar-incidents evaluation on the demo organisation", () => {
  let corpus: LabelledCorpus;
  let index: SimilarIndex;
  let result: Evaluation;
  beforeAll(() => {
    corpus = demoCorpus();
    index = indexCorpus(corpus);
    result = evaluateRanking(corpus, similarityRanker, index);
  });

  it("labels every demo incident with its failure family and queries each one that has relatives", () => {
    expect(corpus.familyOf.size).toBe(corpus.incidents.length);
    expect(result.families).toBeGreaterThanOrEqual(20);
    expect(result.queries).toBeGreaterThan(400);
  });

  it("finds an incident's own family: precision@5 and recall@10 above the floor", () => {
    expect(result.precisionAt5).toBeGreaterThanOrEqual(FLOOR.precisionAt5);
    expect(result.recallAt10).toBeGreaterThanOrEqual(FLOOR.recallAt10);
  });

  it("clears the floor from the title alone, as for a freshly declared incident", () => {
    expect(passes(evaluateRanking(corpus, titleRanker, index))).toBe(true);
  });

  it("fails the floor with a random or a recency-only ranking, so the floor measures something", () => {
    const random = evaluateRanking(corpus, randomRanker(7), index);
    expect(random.precisionAt5).toBeLessThan(0.2);
    expect(passes(random)).toBe(false);
    expect(passes(evaluateRanking(corpus, recencyRanker, index))).toBe(false);
  });
});

describe("similar-incidents evaluation with incidents the hub opened from alerts", () => {
  let corpus: LabelledCorpus;
  let alertOpened: ReadonlySet<string>;
  beforeAll(() => {
    corpus = withAlertOpened(demoCorpus());
    alertOpened = corpus.alertOpened ?? new Set();
  });

  it("adds alert-opened incidents to every family, each labelled with it", () => {
    expect(alertOpened.size).toBeGreaterThanOrEqual(80);
    for (const id of alertOpened) expect(corpus.familyOf.has(id)).toBe(true);
    const summaries = corpus.incidents
      .filter((incident) => alertOpened.has(incident.id))
      .map((i) => i.summary);
    expect(summaries.some((summary) => summary?.includes("alerts firing in this alertmanager group:"))).toBe(
      true,
    );
    expect(summaries.some((summary) => summary?.includes("Rule: \nEvent type: "))).toBe(true);
  });

  it("clears the floor for them and for all, as it does without them", () => {
    const index = indexCorpus(corpus);
    expect(passes(evaluateRanking(corpus, similarityRanker, index))).toBe(true);
    expect(passes(evaluateRanking(corpus, similarityRanker, index, alertOpened))).toBe(true);
    expect(passes(evaluateRanking(corpus, titleRanker, index, alertOpened))).toBe(true);
  });

  it("fails it for them when the hub's own lines are compared too: they are what made unrelated incidents alike", () => {
    const kept = indexCorpus(corpus, { summaryText: withoutFindings });
    const withLines = evaluateRanking(corpus, similarityRanker, kept, alertOpened);
    expect(withLines.precisionAt5).toBeLessThan(FLOOR.precisionAt5);
    const without = evaluateRanking(corpus, similarityRanker, indexCorpus(corpus), alertOpened);
    expect(without.precisionAt5 - withLines.precisionAt5).toBeGreaterThan(0.15);
  });
});

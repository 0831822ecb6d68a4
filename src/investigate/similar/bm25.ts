import { type Token, tokenize } from "./tokenize.js";

/**
 * An inverted index over incidents' name and summary, scored with Okapi BM25. The two fields are combined the
 * BM25F way: a name token counts `nameBoost` times in the term frequency and in the document length, so a word
 * in the title weighs more than the same word in the summary without a second set of length statistics.
 *
 *   idf(t)      = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))          (never negative)
 *   score(q, d) = Σ over distinct terms t of q: idf(t) · tf(t,d) · (k1 + 1) / (tf(t,d) + k1 · (1 − b + b · |d| / avgdl))
 *
 * N, df and avgdl are kept current as incidents are added, changed and removed, so scores always reflect the
 * corpus as it is now.
 */

export interface Bm25Params {
  k1: number;
  b: number;
  nameBoost: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75, nameBoost: 2 };

export interface TextFields {
  name: string;
  summary?: string | null;
}

/** A text as the index sees it: weighted term frequencies and length, and the tokens in order. */
export interface AnalysedText {
  tf: Map<string, number>;
  length: number;
  tokens: Token[];
}

interface StoredDoc {
  id: string;
  tf: Map<string, number>;
  length: number;
}

export class TextIndex {
  readonly params: Bm25Params;
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly docs: (StoredDoc | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private totalLength = 0;

  constructor(params: Partial<Bm25Params> = {}) {
    this.params = { ...DEFAULT_BM25, ...params };
  }

  get size(): number {
    return this.slots.size;
  }

  /** How many slots scores are reported over (some may be free). */
  get capacity(): number {
    return this.docs.length;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** Tokenizes name and summary with the name boost. The same analysis serves documents and queries. */
  analyse(fields: TextFields): AnalysedText {
    const nameTokens = tokenize(fields.name);
    const summaryTokens = tokenize(fields.summary ?? "");
    const tf = new Map<string, number>();
    for (const token of nameTokens) tf.set(token.term, (tf.get(token.term) ?? 0) + this.params.nameBoost);
    for (const token of summaryTokens) tf.set(token.term, (tf.get(token.term) ?? 0) + 1);
    const offset = (nameTokens.at(-1)?.position ?? 0) + 2;
    const tokens = [...nameTokens, ...summaryTokens.map((t) => ({ ...t, position: t.position + offset }))];
    return { tf, length: nameTokens.length * this.params.nameBoost + summaryTokens.length, tokens };
  }

  /** Adds the incident's text, or replaces what was indexed for it before. */
  upsert(id: string, fields: TextFields): void {
    this.remove(id);
    const { tf, length } = this.analyse(fields);
    const slot = this.freeSlots.pop() ?? this.docs.length;
    this.docs[slot] = { id, tf, length };
    this.slots.set(id, slot);
    this.totalLength += length;
    for (const [term, freq] of tf) {
      let posting = this.postings.get(term);
      if (!posting) {
        posting = new Map();
        this.postings.set(term, posting);
      }
      posting.set(slot, freq);
    }
  }

  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    const doc = this.docs[slot];
    if (doc) {
      for (const term of doc.tf.keys()) {
        const posting = this.postings.get(term);
        posting?.delete(slot);
        if (posting?.size === 0) this.postings.delete(term);
      }
      this.totalLength -= doc.length;
    }
    this.docs[slot] = undefined;
    this.slots.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  idOf(slot: number): string | undefined {
    return this.docs[slot]?.id;
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** BM25 of every indexed incident that shares a term with the query: slot → score. */
  scoreAll(queryTerms: Iterable<string>): Map<number, number> {
    const scores = new Float64Array(this.capacity);
    const touched: number[] = [];
    this.scoreInto(queryTerms, scores, touched);
    return new Map(touched.map((slot) => [slot, scores[slot] ?? 0]));
  }

  /**
   * Adds each matching incident's BM25 to `scores[slot]` (sized to `capacity`, zeroed) and lists the slots
   * it touched once each in `touched`: the allocation-free form of `scoreAll` that queries use.
   */
  scoreInto(queryTerms: Iterable<string>, scores: Float64Array, touched: number[]): void {
    const avgdl = this.averageLength();
    const { k1, b } = this.params;
    for (const term of new Set(queryTerms)) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term);
      for (const [slot, tf] of posting) {
        const length = this.docs[slot]?.length ?? 0;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] =
          (scores[slot] ?? 0) + (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / avgdl));
      }
    }
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** Each query term's share of one incident's score, for the reasons: term → contribution (positive only). */
  explain(queryTerms: Iterable<string>, id: string): Map<string, number> {
    const slot = this.slots.get(id);
    const doc = slot === undefined ? undefined : this.docs[slot];
    const parts = new Map<string, number>();
    if (!doc) return parts;
    for (const term of new Set(queryTerms)) {
      const tf = doc.tf.get(term);
      if (tf) parts.set(term, this.termScore(term, tf, doc.length));
    }
    return parts;
  }

  /**
   * The score a document identical to the query would get: the normaliser that maps BM25 to 0..1. A document
   * that repeats the query's words more often, in less text, can score above it; callers clamp to 1.
   */
  selfScore(query: AnalysedText): number {
    let total = 0;
    for (const [term, tf] of query.tf) total += this.termScore(term, tf, query.length);
    return total;
  }

  private termScore(term: string, tf: number, length: number): number {
    const { k1, b } = this.params;
    const avgdl = this.averageLength();
    return (this.idf(term) * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / avgdl));
  }

  private averageLength(): number {
    return this.size === 0 ? 1 : Math.max(1, this.totalLength / this.size);
  }
}

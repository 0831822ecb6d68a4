import type { ResolvedQuery } from "./query.js";
import { type Components, type ScoreWeights, timeProximity } from "./score.js";
import type { SimilarIndex } from "./similar-index.js";

/**
 * One query's scoring state over the index, by slot: the candidates (incidents sharing a term or a service
 * with the query) and each component of score.ts for any of them. `score` and `components` read the same
 * per-component functions, so a result's components always add up to its score.
 */
export class Scorer {
  /** Slots of the candidates, each once. */
  readonly candidates: number[] = [];
  private readonly text: Float64Array;
  private readonly services: Uint16Array;
  private readonly fields: Uint16Array;
  private readonly severity: number;
  /** Weights of the components that apply, divided by their sum; 0 for the others. */
  private readonly w: ScoreWeights;

  constructor(
    private readonly index: SimilarIndex,
    private readonly q: ResolvedQuery,
    weights: ScoreWeights,
    private readonly halfLifeDays: number,
  ) {
    const capacity = index.text.capacity;
    this.text = new Float64Array(capacity);
    this.services = new Uint16Array(capacity);
    this.fields = new Uint16Array(capacity);
    if (q.selfScore > 0) index.text.scoreInto(q.text.tf.keys(), this.text, this.candidates);
    // A candidate shares a term or a service: severity, time and other field values only reorder candidates,
    // so an incident with nothing topical in common is never offered as similar.
    for (const { key } of q.services) {
      for (const slot of index.withValue(key)) {
        if (this.services[slot] === 0 && this.text[slot] === 0) this.candidates.push(slot);
        this.services[slot] = (this.services[slot] ?? 0) + 1;
      }
    }
    for (const { key } of q.fields) {
      for (const slot of index.withValue(key)) this.fields[slot] = (this.fields[slot] ?? 0) + 1;
    }
    this.severity = q.severity ? index.severityNumber(q.severity) : -3;
    const applies = {
      text: q.selfScore > 0,
      services: q.services.length > 0,
      fields: q.fields.length > 0,
      severity: q.severity !== undefined,
      time: true,
    };
    const total = (Object.keys(weights) as (keyof ScoreWeights)[])
      .filter((key) => applies[key])
      .reduce((sum, key) => sum + weights[key], 0);
    const share = (key: keyof ScoreWeights) => (applies[key] && total > 0 ? weights[key] / total : 0);
    this.w = {
      text: share("text"),
      services: share("services"),
      fields: share("fields"),
      severity: share("severity"),
      time: share("time"),
    };
  }

  score(slot: number): number {
    const w = this.w;
    return (
      w.text * this.textAt(slot) +
      w.services * this.servicesAt(slot) +
      w.fields * this.fieldsAt(slot) +
      w.severity * this.severityAt(slot) +
      w.time * this.timeAt(slot)
    );
  }

  /** The components that apply, each in 0..1. */
  components(slot: number): Components {
    const q = this.q;
    return {
      ...(q.selfScore > 0 ? { text: this.textAt(slot) } : {}),
      ...(q.services.length > 0 ? { services: this.servicesAt(slot) } : {}),
      ...(q.fields.length > 0 ? { fields: this.fieldsAt(slot) } : {}),
      ...(q.severity !== undefined ? { severity: this.severityAt(slot) } : {}),
      time: this.timeAt(slot),
    };
  }

  /** Each applying component's share of the score; they add up to `score(slot)`. */
  contributions(slot: number): Components {
    const parts: Components = {};
    for (const [key, value] of Object.entries(this.components(slot)) as [keyof ScoreWeights, number][]) {
      parts[key] = this.w[key] * value;
    }
    return parts;
  }

  private textAt(slot: number): number {
    return this.q.selfScore > 0 ? Math.min(1, (this.text[slot] ?? 0) / this.q.selfScore) : 0;
  }

  private servicesAt(slot: number): number {
    return this.q.services.length > 0 ? (this.services[slot] ?? 0) / this.q.services.length : 0;
  }

  private fieldsAt(slot: number): number {
    return this.q.fields.length > 0 ? (this.fields[slot] ?? 0) / this.q.fields.length : 0;
  }

  private severityAt(slot: number): number {
    return this.index.columns.severity[slot] === this.severity ? 1 : 0;
  }

  private timeAt(slot: number): number {
    return timeProximity((this.index.columns.createdMs[slot] ?? 0) - this.q.referenceMs, this.halfLifeDays);
  }
}

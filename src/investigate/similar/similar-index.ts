import { incidentKey, type MirroredIncident } from "../../mirror/incident.js";
import { type Bm25Params, TextIndex } from "./bm25.js";
import {
  categoricalValuesOf,
  type FeatureOptions,
  type FieldValue,
  type ServiceValue,
  servicesOf,
} from "./features.js";
import { similarityText } from "./similarity-text.js";

export interface IndexedIncident {
  incident: MirroredIncident;
  services: ServiceValue[];
  fields: FieldValue[];
  createdMs: number;
}

export interface SimilarIndexOptions extends FeatureOptions {
  bm25?: Partial<Bm25Params>;
  /**
   * What of a summary is compared, for the indexed incidents and the query alike. Default `similarityText`: the
   * summary without incidentkit's own text. The evaluation passes another to measure what leaving it out gains.
   */
  summaryText?: (summary: string | null) => string | null;
}

/**
 * What a query reads for every candidate, by slot of the text index, in flat arrays: scanning tens of
 * thousands of candidates then touches a few numbers each instead of chasing objects across the heap.
 */
export interface SlotColumns {
  readonly createdMs: readonly number[];
  /** 1 for incidents in test mode. */
  readonly test: readonly number[];
  /** See `SimilarIndex.severityNumber`; -1 without a severity. */
  readonly severity: readonly number[];
  readonly account: readonly number[];
}

/**
 * Every mirrored incident the similar-incidents ranking can return, with its text in a BM25 index and its
 * services and field values in lookup tables. Keep it current with the mirror: `upsert` whenever an incident is
 * written (created, edited, re-synced), `remove` when it leaves the mirror.
 */
export class SimilarIndex {
  readonly text: TextIndex;
  readonly options: FeatureOptions;
  /** See `SimilarIndexOptions.summaryText`. */
  readonly summaryText: (summary: string | null) => string | null;
  /** By `incidentKey`. */
  private readonly incidents = new Map<string, IndexedIncident>();
  /** incident.io ID → the keys of the incidents with it (one, but for two organisations' alike IDs). */
  private readonly idKeys = new Map<string, Set<string>>();
  private readonly bySlot: (IndexedIncident | undefined)[] = [];
  private readonly cols = {
    createdMs: [] as number[],
    test: [] as number[],
    severity: [] as number[],
    account: [] as number[],
  };
  /** Service or field-value key → slots of incidents that have it. */
  private readonly byValue = new Map<string, Set<number>>();
  /** Any lower-cased name of a service (label, ID, external ID, alias) → the service. */
  private readonly serviceNames = new Map<string, ServiceValue>();
  private readonly severities = new Map<string, number>();
  private readonly accounts = new Map<string, number>();

  constructor(options: SimilarIndexOptions = {}) {
    this.text = new TextIndex(options.bm25);
    this.options = options.serviceFields ? { serviceFields: options.serviceFields } : {};
    this.summaryText = options.summaryText ?? similarityText;
  }

  get size(): number {
    return this.incidents.size;
  }

  get columns(): SlotColumns {
    return this.cols;
  }

  /** An incident by its ID: the first account's, should two accounts have one with the same ID. */
  get(id: string): IndexedIncident | undefined {
    for (const key of this.idKeys.get(id) ?? []) return this.incidents.get(key);
    return undefined;
  }

  all(): IterableIterator<IndexedIncident> {
    return this.incidents.values();
  }

  upsert(incident: MirroredIncident): void {
    this.remove(incident);
    const key = incidentKey(incident);
    const entry: IndexedIncident = {
      incident,
      services: servicesOf(incident, this.options),
      fields: categoricalValuesOf(incident, this.options),
      createdMs: Date.parse(incident.createdAt),
    };
    this.incidents.set(key, entry);
    const keys = this.idKeys.get(incident.id) ?? new Set<string>();
    keys.add(key);
    this.idKeys.set(incident.id, keys);
    this.text.upsert(key, { name: incident.name, summary: this.summaryText(incident.summary) });
    const slot = this.text.slotOf(key) as number;
    this.bySlot[slot] = entry;
    this.cols.createdMs[slot] = entry.createdMs;
    this.cols.test[slot] = incident.mode === "test" ? 1 : 0;
    this.cols.severity[slot] = incident.severity
      ? intern(this.severities, incident.severity.name.toLowerCase())
      : -1;
    this.cols.account[slot] = intern(this.accounts, incident.account);
    for (const { key } of [...entry.services, ...entry.fields]) {
      let slots = this.byValue.get(key);
      if (!slots) {
        slots = new Set();
        this.byValue.set(key, slots);
      }
      slots.add(slot);
    }
    for (const service of entry.services)
      for (const name of service.names) this.serviceNames.set(name, service);
  }

  /** The slot of an incident in the text index; undefined when it is not indexed. */
  slotOf(incident: { account: string; id: string }): number | undefined {
    return this.text.slotOf(incidentKey(incident));
  }

  remove(incident: { account: string; id: string }): boolean {
    const key = incidentKey(incident);
    const entry = this.incidents.get(key);
    if (!entry) return false;
    const slot = this.text.slotOf(key) as number;
    for (const { key } of [...entry.services, ...entry.fields]) {
      const slots = this.byValue.get(key);
      slots?.delete(slot);
      if (slots?.size === 0) this.byValue.delete(key);
    }
    this.bySlot[slot] = undefined;
    this.incidents.delete(key);
    const keys = this.idKeys.get(incident.id);
    keys?.delete(key);
    if (keys?.size === 0) this.idKeys.delete(incident.id);
    this.text.remove(key);
    return true;
  }

  /** The incident in a slot of the text index. */
  atSlot(slot: number): IndexedIncident | undefined {
    return this.bySlot[slot];
  }

  /** Slots of incidents with this service or field value (a `ServiceValue` or `FieldValue` key). */
  withValue(key: string): ReadonlySet<number> {
    return this.byValue.get(key) ?? new Set();
  }

  /** The number `columns.severity` holds for a severity name (any case); -2 when no incident has it. */
  severityNumber(name: string): number {
    return this.severities.get(name.trim().toLowerCase()) ?? -2;
  }

  /** The number `columns.account` holds for an account alias; -2 when no incident has it. */
  accountNumber(alias: string): number {
    return this.accounts.get(alias) ?? -2;
  }

  /**
   * A service named by a person (label, slug, alias or ID, any case) as the index knows it; a name no incident
   * has used yet stands for itself.
   */
  resolveService(name: string): ServiceValue {
    const lower = name.trim().toLowerCase();
    return this.serviceNames.get(lower) ?? { key: `label:${lower}`, label: name.trim(), names: [lower] };
  }
}

function intern(numbers: Map<string, number>, key: string): number {
  let n = numbers.get(key);
  if (n === undefined) {
    n = numbers.size;
    numbers.set(key, n);
  }
  return n;
}

import type { DirectorySnapshot } from "../../../app/directory.js";
import type { CatalogEntity, EntityMapping } from "../../../catalog/index.js";
import type { MirroredIncident } from "../../../mirror/index.js";
import type { EntityResult } from "../../../scorecards/index.js";
import type { IncidentRow, NamedLink } from "../model.js";
import type { CatalogIndex } from "./catalog-index.js";
import { entityLink, incidentRow, newestFirst } from "./rows.js";

/** A scorecard's result for one entity, with what the scorecard says of itself. */
export interface EntityScore {
  scorecard: string;
  description: string;
  levels: string[];
  result: EntityResult;
}

/**
 * What the pages derive from one directory snapshot, each part worked out on first use and kept until the
 * snapshot changes: every incident newest first, each entity's incidents newest first, the services each
 * incident maps to, and each entity's scorecard results. A page then reads only what it shows.
 */
/** How many derived pages (by their query) a snapshot keeps. */
const MEMO_LIMIT = 64;

export class DirectoryView {
  private readonly byEntity = new Map<string, MirroredIncident[]>();
  private readonly labels = new Map<string, string | null>();
  private everything: MirroredIncident[] | undefined;
  private ids: Map<string, MirroredIncident> | undefined;
  private services: Map<string, NamedLink[]> | undefined;
  private scores: Map<string, EntityScore[]> | undefined;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly snapshot: DirectorySnapshot,
    private readonly incidents: readonly MirroredIncident[],
    private readonly catalog: CatalogIndex,
    private readonly mapping: EntityMapping | undefined,
    private readonly descriptions: ReadonlyMap<string, string>,
    /** Whether references are shown with their account (`staging/INC-7`): the hub serves several. */
    private readonly withAccounts = false,
  ) {}

  /**
   * What `compute` gives for `key`, worked out once per snapshot (pages derived from every incident, such as the
   * analytics, cost a quarter of a second over 50,000 incidents: many people asking cost one computation).
   * At most `MEMO_LIMIT` keys are kept, the oldest dropped first.
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    if (this.memos.size > MEMO_LIMIT) this.memos.delete(this.memos.keys().next().value as string);
    return value;
  }

  /** One incident as the lists and pages show it, with its services. */
  row(incident: MirroredIncident): IncidentRow {
    return incidentRow(incident, this.servicesOf(incident), this.withAccounts);
  }

  /** How many incidents the mirror holds. */
  get mirrored(): number {
    return this.incidents.length;
  }

  /** Every mirrored incident, newest first. */
  all(): readonly MirroredIncident[] {
    this.everything ??= [...this.incidents].sort(newestFirst);
    return this.everything;
  }

  byId(id: string): MirroredIncident | undefined {
    this.ids ??= new Map(this.incidents.map((incident) => [incident.id, incident]));
    return this.ids.get(id);
  }

  /** The entity's incidents, newest first: a System's and a Group's are those of their Components. */
  incidentsOf(entity: CatalogEntity): readonly MirroredIncident[] {
    let list = this.byEntity.get(entity.ref);
    if (list === undefined) {
      const sources = this.catalog.incidentSources(entity);
      const found = new Map<string, MirroredIncident>();
      for (const ref of sources) {
        for (const incident of this.snapshot.byEntity.get(ref) ?? []) found.set(incident.id, incident);
      }
      list = [...found.values()].sort(newestFirst);
      this.byEntity.set(entity.ref, list);
    }
    return list;
  }

  /** The catalog entities the incident maps to. */
  servicesOf(incident: MirroredIncident): NamedLink[] {
    if (this.services === undefined) {
      const services = new Map<string, NamedLink[]>();
      for (const [ref, incidents] of this.snapshot.byEntity) {
        const link = entityLink(ref, this.catalog.byRef);
        for (const { id } of incidents) {
          const list = services.get(id);
          if (list) list.push(link);
          else services.set(id, [link]);
        }
      }
      this.services = services;
    }
    return this.services.get(incident.id) ?? [];
  }

  /** Whether some value of the field maps to the entity; a System or Group when one of its Components is. */
  isMapped(entity: CatalogEntity): boolean {
    return this.catalog.incidentSources(entity).some((ref) => this.snapshot.mapped.has(ref));
  }

  /** The label of a field value that maps to this Component, as its newest incident has it; null if none. */
  mappedLabel(entity: CatalogEntity): string | null {
    let label = this.labels.get(entity.ref);
    if (label === undefined) {
      label = null;
      const mapping = this.mapping;
      const newest = entity.kind === "Component" ? this.incidentsOf(entity)[0] : undefined;
      if (mapping && newest) {
        const value = mapping
          .fieldOf(newest)
          ?.values.find((v) => mapping.entitiesForValue(v, newest.account).includes(entity.ref));
        label = value?.label ?? null;
      }
      this.labels.set(entity.ref, label);
    }
    return label;
  }

  /** The field values of the entity's incidents that map to it: what a new incident for it can carry. */
  mappedValues(entity: CatalogEntity) {
    const mapping = this.mapping;
    if (!mapping) return [];
    return this.incidentsOf(entity).flatMap(
      (incident) =>
        mapping
          .fieldOf(incident)
          ?.values.filter((v) => mapping.entitiesForValue(v, incident.account).includes(entity.ref)) ?? [],
    );
  }

  /** The configured field's name as the mirrored incidents carry it; undefined when none has it. */
  fieldName(): string | undefined {
    const mapping = this.mapping;
    if (!mapping) return undefined;
    for (const incidents of this.snapshot.byEntity.values()) {
      const field = incidents[0] && mapping.fieldOf(incidents[0]);
      if (field) return field.fieldName;
    }
    return undefined;
  }

  /** Each scorecard that scores the entity, with its result. */
  scorecardsOf(ref: string): EntityScore[] {
    if (this.scores === undefined) {
      const scores = new Map<string, EntityScore[]>();
      for (const card of this.snapshot.scorecards) {
        const description = this.descriptions.get(card.scorecard) ?? "";
        for (const result of card.entities) {
          const score = { scorecard: card.scorecard, description, levels: card.levels, result };
          const list = scores.get(result.entity);
          if (list) list.push(score);
          else scores.set(result.entity, [score]);
        }
      }
      this.scores = scores;
    }
    return this.scores.get(ref) ?? [];
  }
}

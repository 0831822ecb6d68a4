/** What the analytics read of a catalog entity. */
export interface AnalysedEntity {
  /** `component:default/payments-api`. */
  ref: string;
  name: string;
  title?: string;
  /** A Group's display name. */
  displayName?: string;
  /** The owner's ref: `group:default/payments-team`. */
  owner?: string;
}

/** The catalog as analytics see it: entities, and incidents by the entity refs they map to. */
export interface ServiceView<T> {
  entities: readonly AnalysedEntity[];
  /** The same incident objects as those analysed; an incident may map to several entities. */
  byEntity: ReadonlyMap<string, readonly T[]>;
}

/** A group of incidents: its key (a ref, a severity name, a period) and how a person reads it. */
export interface GroupLabel {
  key: string;
  label: string;
}

export const NO_SERVICE: GroupLabel = { key: "(no service)", label: "(no service)" };
export const NO_TEAM: GroupLabel = { key: "(no team)", label: "(no team)" };

/** Answers, for an incident, the services it maps to and the teams that own them. */
export class ServiceLookup<T> {
  private readonly services = new Map<T, GroupLabel[]>();
  private readonly entities: Map<string, AnalysedEntity>;

  constructor(view: ServiceView<T>) {
    this.entities = new Map(view.entities.map((entity) => [entity.ref, entity]));
    for (const [ref, incidents] of view.byEntity) {
      const label = this.labelOf(ref);
      for (const incident of incidents) {
        const list = this.services.get(incident);
        if (list) list.push(label);
        else this.services.set(incident, [label]);
      }
    }
  }

  /** The services (entities) the incident maps to; `(no service)` when none. */
  servicesOf(incident: T): GroupLabel[] {
    return this.services.get(incident) ?? [NO_SERVICE];
  }

  /** The owners of the incident's services, each once; `(no team)` when none has an owner. */
  teamsOf(incident: T): GroupLabel[] {
    const teams = new Map<string, GroupLabel>();
    for (const service of this.services.get(incident) ?? []) {
      const owner = this.entities.get(service.key)?.owner;
      if (owner !== undefined && !teams.has(owner)) teams.set(owner, this.labelOf(owner));
    }
    return teams.size > 0 ? [...teams.values()] : [NO_TEAM];
  }

  private labelOf(ref: string): GroupLabel {
    const entity = this.entities.get(ref);
    const label = entity?.displayName ?? entity?.title ?? entity?.name ?? ref.slice(ref.lastIndexOf("/") + 1);
    return { key: ref, label };
  }
}

import type { MirroredCustomField, MirroredFieldValue, MirroredIncident } from "../mirror/incident.js";
import type { CatalogEntity, EntityKind } from "./entity.js";
import { refKey } from "./ref.js";

/**
 * Which catalog entities an incident belongs to, through one incident.io custom field (catalog-backed or with
 * options), the way Cortex maps them. For each value of the field, the first of these that finds entities wins:
 *
 * 1. the value is a catalog entry whose external ID is the entity's reference (`component:default/payments-api`,
 *    as `catalog push` keys entries) or its `namespace/name` (as catalog-importer's Backstage template keys them);
 * 2. an entity's `incidentkit.io/incident-field-value` annotation equals the value's label;
 * 3. that annotation equals one of the value's identifiers (catalog entry ID, external ID, alias);
 * 4. an entity's name equals one of the value's identifiers;
 * 5. an entity's title equals the label;
 * 6. an entity's name equals the label.
 *
 * So when the field's catalog type holds the catalog's entities (pushed, or keyed by their names), the entry
 * decides, by its identifiers; display names are the fallback for fields with options and hand-made entries, and
 * renaming an entry or an entity's title changes nothing. An entity with the annotation is matched by its
 * reference and the annotation only (steps 1-3), never by its title or name. Comparisons ignore case and
 * surrounding spaces. An entity only takes incidents of its account (`incidentkit.io/account`,
 * else the default account); with no account on either side, it takes incidents of any account.
 *
 * "Has a mapping" (for scorecards): some value the field can take maps to the entity. The values are the
 * field's choices, when the caller has them (its options or catalog entries in incident.io), plus the values
 * on the mirrored incidents (`valuesOf`). An entity with no incidents yet still has a mapping when incident.io
 * offers a value naming it.
 */
export interface MappingOptions {
  /** The custom field: its name (any case) or its ID. */
  field: string;
  /** The account of entities without an `incidentkit.io/account` annotation: the hub's account. */
  defaultAccount?: string | undefined;
  /** The kinds incidents map to; Components unless told. */
  kinds?: readonly EntityKind[] | undefined;
}

interface Candidate {
  ref: string;
  account: string | undefined;
}

type Index = Map<string, Candidate[]>;

export class EntityMapping {
  private readonly ref: Index = new Map();
  private readonly override: Index = new Map();
  private readonly title: Index = new Map();
  private readonly name: Index = new Map();
  private readonly fieldId: string;
  private readonly fieldName: string;

  constructor(entities: readonly CatalogEntity[], options: MappingOptions) {
    this.fieldId = options.field.trim();
    this.fieldName = normalise(options.field);
    const kinds = options.kinds ?? ["Component"];
    for (const entity of entities) {
      if (!kinds.includes(entity.kind)) continue;
      const candidate = { ref: entity.ref, account: entity.account ?? options.defaultAccount };
      add(this.ref, refKey(entity.ref), candidate);
      add(this.ref, `${entity.namespace}/${entity.name}`, candidate);
      if (entity.incidentFieldValue !== undefined) {
        add(this.override, entity.incidentFieldValue, candidate);
        continue;
      }
      if (entity.title !== undefined) add(this.title, entity.title, candidate);
      add(this.name, entity.name, candidate);
    }
  }

  /** The configured field on this incident, found by ID or by name (any case). */
  fieldOf(incident: MirroredIncident): MirroredCustomField | undefined {
    return incident.customFields.find(
      (field) => field.fieldId === this.fieldId || normalise(field.fieldName) === this.fieldName,
    );
  }

  /** The references of the entities this incident belongs to, each once. */
  entitiesFor(incident: MirroredIncident): string[] {
    const values = this.fieldOf(incident)?.values ?? [];
    const refs = new Set<string>();
    for (const value of values) {
      for (const ref of this.entitiesForValue(value, incident.account)) refs.add(ref);
    }
    return [...refs];
  }

  /** The entities one value of the field maps to; `account` undefined matches entities of any account. */
  entitiesForValue(value: MirroredFieldValue, account?: string): string[] {
    const label = normalise(value.label);
    const identifiers = [value.id, value.externalId, ...(value.aliases ?? [])].flatMap((identifier) =>
      identifier === undefined || identifier.trim() === "" ? [] : [normalise(identifier)],
    );
    const externalId = value.externalId === undefined ? "" : normalise(value.externalId);
    const tiers: Array<() => Candidate[]> = [
      () => (externalId === "" ? [] : (this.ref.get(externalId) ?? [])),
      () => this.override.get(label) ?? [],
      () => identifiers.flatMap((identifier) => this.override.get(identifier) ?? []),
      () => identifiers.flatMap((identifier) => this.name.get(identifier) ?? []),
      () => this.title.get(label) ?? [],
      () => this.name.get(label) ?? [],
    ];
    for (const tier of tiers) {
      const found = tier().filter(
        (candidate) =>
          account === undefined || candidate.account === undefined || candidate.account === account,
      );
      if (found.length > 0) return [...new Set(found.map((candidate) => candidate.ref))];
    }
    return [];
  }

  /** Incidents by the entity they belong to; an incident of several entities is under each. */
  incidentsByEntity(incidents: Iterable<MirroredIncident>): Map<string, MirroredIncident[]> {
    const byEntity = new Map<string, MirroredIncident[]>();
    for (const incident of incidents) {
      for (const ref of this.entitiesFor(incident)) {
        const list = byEntity.get(ref);
        if (list) list.push(incident);
        else byEntity.set(ref, [incident]);
      }
    }
    return byEntity;
  }

  /** The values of the configured field on these incidents, each once (by ID, else by label). */
  valuesOf(incidents: Iterable<MirroredIncident>): MirroredFieldValue[] {
    const values = new Map<string, MirroredFieldValue>();
    for (const incident of incidents) {
      for (const value of this.fieldOf(incident)?.values ?? []) {
        values.set(value.id ?? `label:${normalise(value.label)}`, value);
      }
    }
    return [...values.values()];
  }

  /** The entities that have a mapping: some of these values maps to them (see the class's description). */
  mappedEntities(values: Iterable<MirroredFieldValue>, account?: string): Set<string> {
    const refs = new Set<string>();
    for (const value of values) {
      for (const ref of this.entitiesForValue(value, account)) refs.add(ref);
    }
    return refs;
  }
}

/** Trimmed and in lower case: how labels, titles, names and identifiers are compared. */
export function normalise(text: string): string {
  return text.trim().toLowerCase();
}

function add(index: Index, key: string, candidate: Candidate): void {
  const normalised = normalise(key);
  const list = index.get(normalised);
  if (list) list.push(candidate);
  else index.set(normalised, [candidate]);
}

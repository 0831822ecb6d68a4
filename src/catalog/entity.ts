/** Where an entity (or a problem) is written: the file as given, 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** Every kind Backstage defines: each is read, checked and listed. */
export const BACKSTAGE_KINDS = [
  "Component",
  "System",
  "Group",
  "User",
  "API",
  "Resource",
  "Domain",
  "Location",
  "Template",
] as const;
export type BackstageKind = (typeof BACKSTAGE_KINDS)[number];

/**
 * The kinds the hub has pages for, maps incidents to and scores: `Catalog.entities` holds these. The others are
 * in `Catalog.others`, with their relations, for listing and for references to resolve.
 */
export const ENTITY_KINDS = ["Component", "System", "Group"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export type OtherKind = Exclude<BackstageKind, EntityKind>;

/** A `metadata.links` item, as Backstage has it. */
export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

/** Backstage's names for the relations a spec field makes (`spec.owner` makes `ownedBy`). */
export type RelationType =
  | "ownedBy"
  | "partOf"
  | "dependsOn"
  | "dependencyOf"
  | "providesApi"
  | "consumesApi"
  | "childOf"
  | "parentOf"
  | "memberOf"
  | "hasMember";

/** One reference an entity makes, normalised like every reference. */
export interface EntityRelation {
  type: RelationType;
  /** `group:default/payments`. */
  target: string;
}

/**
 * An entity, read from a Backstage `catalog-info.yaml` document. References (`owner`, `system`, `dependsOn`,
 * `parent`, `children`, and every relation) are normalised to `kind:namespace/name`, kind and namespace in lower
 * case; a reference to an entity that is not in the catalog is kept as it is.
 */
export interface BackstageEntity<K extends BackstageKind = BackstageKind> {
  /** `component:default/payments-api`. */
  ref: string;
  kind: K;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  tags: string[];
  /** Every annotation of the document, ours and anyone else's. */
  annotations: Record<string, string>;
  links: EntityLink[];
  /** `spec.type`: `service`, `website`, `team`… */
  type?: string;
  /** `spec.lifecycle`: `production`, `experimental`… */
  lifecycle?: string;
  /** `spec.owner`, a Group (or User) reference. */
  owner?: string;
  /** `spec.system`, a System reference. */
  system?: string;
  /** `spec.dependsOn`: the Components (or Resources) this one needs. */
  dependsOn: string[];
  /** A Group's or User's `spec.profile.displayName`. */
  displayName?: string;
  /** A Group's `spec.parent`. */
  parent?: string;
  /** A Group's `spec.children`. */
  children: string[];
  /** Every reference the entity makes, in the order written, under Backstage's relation names. */
  relations: EntityRelation[];
  /** A Location's `spec.target` and `spec.targets`, as written. */
  targets?: string[];
  /** The `incidentkit.io/account` annotation: the account alias this entity's incidents live in. */
  account?: string;
  /** The `incidentkit.io/incident-field-value` annotation: the only value of the custom field that maps here. */
  incidentFieldValue?: string;
  source: SourcePosition;
}

/** A Component, System or Group: what the hub's pages, incident mapping and scorecards work on. */
export type CatalogEntity = BackstageEntity<EntityKind>;
/** A User, API, Resource, Domain, Location or Template. */
export type OtherEntity = BackstageEntity<OtherKind>;

export function isHubEntity(entity: BackstageEntity): entity is CatalogEntity {
  return (ENTITY_KINDS as readonly string[]).includes(entity.kind);
}

/** Why a document was not read as an entity. */
export type SkipReason =
  /** YAML that is not a Backstage entity: `mkdocs.yml`, `app-config.yaml`, a Helm chart… */
  | "not-backstage"
  /** A software template's skeleton, with `${{ … }}` placeholders filled in when the template runs. */
  | "template-skeleton"
  /** A kind Backstage does not define (a plugin's own, or a misspelling); warned about. */
  | "unknown-kind"
  /** An entity with an error; the error names what to correct. */
  | "invalid";

/** A document that is not among the entities, and why. */
export interface SkippedEntity {
  reason: SkipReason;
  /** As written, when the document has one. */
  kind?: string;
  /** Its reference when it has a usable name, so references to it still resolve. */
  ref?: string;
  source: SourcePosition;
}

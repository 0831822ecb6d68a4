/** Where an entity (or a problem) is written: the file as given, 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** The Backstage kinds the catalog models; other kinds are read, counted as skipped and otherwise ignored. */
export const ENTITY_KINDS = ["Component", "System", "Group"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** A `metadata.links` item, as Backstage has it. */
export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

/**
 * A catalog entity, read from a Backstage `catalog-info.yaml` document. References (`owner`, `system`,
 * `dependsOn`, `parent`, `children`) are normalised to `kind:namespace/name`, kind and namespace in lower case.
 */
export interface CatalogEntity {
  /** `component:default/payments-api`. */
  ref: string;
  kind: EntityKind;
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
  /** A Group's `spec.profile.displayName`. */
  displayName?: string;
  /** A Group's `spec.parent`. */
  parent?: string;
  /** A Group's `spec.children`. */
  children: string[];
  /** The `incidentkit.io/account` annotation: the account alias this entity's incidents live in. */
  account?: string;
  /** The `incidentkit.io/incident-field-value` annotation: the only value of the custom field that maps here. */
  incidentFieldValue?: string;
  source: SourcePosition;
}

/** A document of a kind the catalog does not model (API, Resource, User…), or of an unknown kind. */
export interface SkippedEntity {
  kind: string;
  /** Its reference when it has a usable name, so references to it (an owner `user:alice`) still resolve. */
  ref?: string;
  source: SourcePosition;
}

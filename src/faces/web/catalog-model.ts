/** The catalog page's view model: what the hub read from its catalog, and what it could not. */

/** A problem of a catalog file, at its place. */
export interface CatalogProblemView {
  severity: "error" | "warning";
  /** `catalog/payments.yaml:12:3`. */
  where: string;
  /** `spec.owner`; empty for a whole file. */
  field: string;
  message: string;
}

/** An entity of a kind the hub has no page for (User, API, Resource, Domain, Location, Template). */
export interface OtherEntityView {
  ref: string;
  kind: string;
  title: string | null;
  /** `ownedBy group:payments`, `consumesApi api:search`… each target with its entity page when there is one. */
  relations: Array<{ type: string; target: string; url: string | null }>;
}

export interface CatalogPageModel {
  /** The folder the catalog is read from; null when none is configured. */
  dir: string | null;
  /** `catalog: 12 entities, 3 warnings, 2 files skipped (not Backstage)`. */
  summary: string;
  problems: CatalogProblemView[];
  /** Files skipped as not Backstage or as template skeletons, each once, with the reason. */
  skippedFiles: Array<{ file: string; reason: string }>;
  others: OtherEntityView[];
}

import { BACKSTAGE_KINDS, type BackstageKind, ENTITY_KINDS, type SkipReason } from "./entity.js";
import type { Catalog } from "./load.js";

export interface CatalogSummary {
  /** Entities of every kind. */
  entities: number;
  byKind: Record<BackstageKind, number>;
  skipped: {
    /** Files with YAML that is not a Backstage entity (each counted once). */
    notBackstageFiles: number;
    /** Files of software templates' skeletons (each counted once). */
    templateSkeletonFiles: number;
    /** Documents of a kind Backstage does not define. */
    unknownKinds: number;
    /** Entities left out for an error. */
    invalid: number;
  };
  errors: number;
  warnings: number;
}

export function summarise(catalog: Catalog): CatalogSummary {
  const byKind = Object.fromEntries(BACKSTAGE_KINDS.map((kind) => [kind, 0])) as Record<
    BackstageKind,
    number
  >;
  for (const entity of [...catalog.entities, ...catalog.others]) byKind[entity.kind] += 1;
  const files = (reason: SkipReason) =>
    new Set(catalog.skipped.filter((entry) => entry.reason === reason).map((entry) => entry.source.file))
      .size;
  const documents = (reason: SkipReason) => catalog.skipped.filter((entry) => entry.reason === reason).length;
  const errors = catalog.problems.filter((problem) => problem.severity === "error").length;
  return {
    entities: catalog.entities.length + catalog.others.length,
    byKind,
    skipped: {
      notBackstageFiles: files("not-backstage"),
      templateSkeletonFiles: files("template-skeleton"),
      unknownKinds: documents("unknown-kind"),
      invalid: documents("invalid"),
    },
    errors,
    warnings: catalog.problems.length - errors,
  };
}

/**
 * `catalog validate`'s last line: `28 entities: 12 Component, 6 System, 8 Group, 1 API, 1 Resource; skipped: 2
 * files not Backstage, 1 template skeleton; 2 errors, 1 warning`. The hub's kinds are always named, the others when
 * there are any.
 */
export function describeSummary(summary: CatalogSummary): string {
  const kinds = BACKSTAGE_KINDS.filter(
    (kind) => (ENTITY_KINDS as readonly string[]).includes(kind) || summary.byKind[kind] > 0,
  ).map((kind) => `${summary.byKind[kind]} ${kind}`);
  const parts = [`${plural(summary.entities, "entity", "entities")}: ${kinds.join(", ")}`];
  const skipped = describeSkipped(summary);
  if (skipped.length > 0) parts.push(`skipped: ${skipped.join(", ")}`);
  if (summary.errors + summary.warnings > 0) {
    parts.push(
      `${plural(summary.errors, "error", "errors")}, ${plural(summary.warnings, "warning", "warnings")}`,
    );
  }
  return parts.join("; ");
}

/** The hub's line at start: `catalog: 12 entities, 3 warnings, 2 files skipped (not Backstage)`. */
export function describeForHub(summary: CatalogSummary): string {
  const parts = [plural(summary.entities, "entity", "entities")];
  if (summary.errors > 0) parts.push(`${plural(summary.errors, "error", "errors")} (entities left out)`);
  if (summary.warnings > 0) parts.push(plural(summary.warnings, "warning", "warnings"));
  const { notBackstageFiles, templateSkeletonFiles } = summary.skipped;
  if (notBackstageFiles > 0)
    parts.push(`${plural(notBackstageFiles, "file", "files")} skipped (not Backstage)`);
  if (templateSkeletonFiles > 0) {
    parts.push(`${plural(templateSkeletonFiles, "template skeleton", "template skeletons")} skipped`);
  }
  return `catalog: ${parts.join(", ")}`;
}

function describeSkipped(summary: CatalogSummary): string[] {
  const { notBackstageFiles, templateSkeletonFiles, unknownKinds, invalid } = summary.skipped;
  return [
    notBackstageFiles > 0 ? `${plural(notBackstageFiles, "file", "files")} not Backstage` : "",
    templateSkeletonFiles > 0 ? plural(templateSkeletonFiles, "template skeleton", "template skeletons") : "",
    unknownKinds > 0 ? plural(unknownKinds, "entity of an unknown kind", "entities of unknown kinds") : "",
    invalid > 0 ? plural(invalid, "entity with an error", "entities with errors") : "",
  ].filter((part) => part !== "");
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

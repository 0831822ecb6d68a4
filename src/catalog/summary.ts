import { ENTITY_KINDS, type EntityKind } from "./entity.js";
import type { Catalog } from "./load.js";

export interface CatalogSummary {
  entities: number;
  byKind: Record<EntityKind, number>;
  skipped: number;
  errors: number;
  warnings: number;
}

export function summarise(catalog: Catalog): CatalogSummary {
  const byKind = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, 0])) as Record<EntityKind, number>;
  for (const entity of catalog.entities) byKind[entity.kind] += 1;
  const errors = catalog.problems.filter((problem) => problem.severity === "error").length;
  return {
    entities: catalog.entities.length,
    byKind,
    skipped: catalog.skipped.length,
    errors,
    warnings: catalog.problems.length - errors,
  };
}

/** `14 entities: 10 Component, 2 System, 2 Group; 1 skipped; 2 errors, 1 warning`. */
export function describeSummary(summary: CatalogSummary): string {
  const kinds = ENTITY_KINDS.map((kind) => `${summary.byKind[kind]} ${kind}`).join(", ");
  const parts = [`${plural(summary.entities, "entity", "entities")}: ${kinds}`, `${summary.skipped} skipped`];
  if (summary.errors + summary.warnings > 0) {
    parts.push(
      `${plural(summary.errors, "error", "errors")}, ${plural(summary.warnings, "warning", "warnings")}`,
    );
  }
  return parts.join("; ");
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

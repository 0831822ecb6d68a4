import { type Catalog, describeForHub, refKey, type SkipReason, summarise } from "../../../catalog/index.js";
import type { CatalogPageModel } from "../catalog-model.js";
import { serviceUrl } from "../format.js";

const FILE_REASONS: Partial<Record<SkipReason, string>> = {
  "not-backstage": "not a Backstage entity",
  "template-skeleton": "a software template's skeleton",
};

/** `/catalog`: the catalog's summary line, its problems, the files it skipped and the kinds without pages. */
export function catalogPage(catalog: Catalog, dir: string | null): CatalogPageModel {
  // References are compared without regard to case, as Backstage compares them.
  const pages = new Map(catalog.entities.map((entity) => [refKey(entity.ref), entity.ref]));
  const skippedFiles = new Map<string, string>();
  for (const entry of catalog.skipped) {
    const reason = FILE_REASONS[entry.reason];
    if (reason !== undefined && !skippedFiles.has(entry.source.file))
      skippedFiles.set(entry.source.file, reason);
  }
  return {
    dir,
    summary: describeForHub(summarise(catalog)),
    problems: catalog.problems.map((problem) => ({
      severity: problem.severity,
      where: `${problem.file}:${problem.line}:${problem.column}`,
      field: problem.field,
      message: problem.message,
    })),
    skippedFiles: [...skippedFiles].map(([file, reason]) => ({ file, reason })),
    others: catalog.others.map((entity) => ({
      ref: entity.ref,
      kind: entity.kind,
      title: entity.title ?? entity.displayName ?? null,
      relations: entity.relations.map((relation) => {
        const page = pages.get(refKey(relation.target));
        return { type: relation.type, target: relation.target, url: page ? serviceUrl(page) : null };
      }),
    })),
  };
}

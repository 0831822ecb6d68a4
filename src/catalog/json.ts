import { shownAnnotations } from "./annotations.js";
import type { BackstageEntity, SkippedEntity } from "./entity.js";
import type { Catalog } from "./load.js";
import type { CatalogProblem } from "./problem.js";
import { summarise } from "./summary.js";

/** An entity as `--json` output and the hub's API give it: snake_case keys, absent fields left out. */
export function entityJson(entity: BackstageEntity): Record<string, unknown> {
  return stripUndefined({
    ref: entity.ref,
    kind: entity.kind,
    namespace: entity.namespace,
    name: entity.name,
    title: entity.title,
    description: entity.description,
    tags: entity.tags,
    annotations: shownAnnotations(entity.annotations),
    links: entity.links,
    type: entity.type,
    lifecycle: entity.lifecycle,
    owner: entity.owner,
    system: entity.system,
    depends_on: entity.dependsOn,
    display_name: entity.displayName,
    parent: entity.parent,
    children: entity.children,
    relations: entity.relations,
    targets: entity.targets,
    account: entity.account,
    incident_field_value: entity.incidentFieldValue,
    source: entity.source,
  });
}

export function skippedJson(skipped: SkippedEntity): Record<string, unknown> {
  return stripUndefined({
    reason: skipped.reason,
    kind: skipped.kind,
    ref: skipped.ref,
    source: skipped.source,
  });
}

export function problemJson(problem: CatalogProblem): Record<string, unknown> {
  return {
    severity: problem.severity,
    file: problem.file,
    line: problem.line,
    column: problem.column,
    field: problem.field,
    message: problem.message,
  };
}

/**
 * `{ valid, summary: { entities, by_kind, skipped: { not_backstage_files, template_skeleton_files, unknown_kinds,
 * invalid }, errors, warnings }, problems, skipped }`.
 */
export function validationJson(catalog: Catalog): Record<string, unknown> {
  const summary = summarise(catalog);
  return {
    valid: catalog.valid,
    summary: {
      entities: summary.entities,
      by_kind: summary.byKind,
      skipped: {
        not_backstage_files: summary.skipped.notBackstageFiles,
        template_skeleton_files: summary.skipped.templateSkeletonFiles,
        unknown_kinds: summary.skipped.unknownKinds,
        invalid: summary.skipped.invalid,
      },
      errors: summary.errors,
      warnings: summary.warnings,
    },
    problems: catalog.problems.map(problemJson),
    skipped: catalog.skipped.map(skippedJson),
  };
}

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

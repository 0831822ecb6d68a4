import type { BackstageEntity, SkippedEntity, SourcePosition } from "./entity.js";
import type { CatalogProblem } from "./problem.js";
import { refKey } from "./ref.js";
import type { RefSite } from "./ref-reader.js";
import { closest } from "./suggest.js";

/**
 * Checks across files: one entity per reference (the second is refused, naming where the first is), references
 * that point at no entity (a warning: in one repository's catalog the owner and the systems are usually defined
 * elsewhere; the likeliest meant is named when one is close), and Components incidents could not tell apart.
 * Returns the entities that are kept: the first of each reference (a copy is added to `skipped`).
 */
export function crossCheck(
  entities: readonly BackstageEntity[],
  skipped: SkippedEntity[],
  refs: readonly RefSite[],
  problems: CatalogProblem[],
): BackstageEntity[] {
  const kept = new Map<string, BackstageEntity>();
  for (const entity of entities) {
    const first = kept.get(refKey(entity.ref));
    if (first === undefined) {
      kept.set(refKey(entity.ref), entity);
      continue;
    }
    problems.push(
      problem(
        "error",
        entity.source,
        "metadata.name",
        `${entity.ref} is already defined at ${where(first.source)}; rename one of them or remove the copy`,
      ),
    );
    skipped.push({ reason: "invalid", kind: entity.kind, ref: entity.ref, source: entity.source });
  }
  // Entities left out for an error or an unknown kind still exist: references to them are not dangling.
  const knownRefs = [
    ...Array.from(kept.values(), (entity) => entity.ref),
    ...skipped.flatMap((entity) => entity.ref ?? []),
  ];
  const known = new Set(knownRefs.map(refKey));
  for (const site of refs) {
    if (known.has(refKey(site.target))) continue;
    const guess = likeliest(site.target, knownRefs);
    const hint = guess
      ? `did you mean ${shortRef(guess)}?`
      : "kept as written (it may be defined in another repository)";
    problems.push(
      problem(
        "warning",
        site.position,
        site.field,
        `"${site.written}" is not an entity in the catalog; ${hint}`,
      ),
    );
  }
  warnIndistinct([...kept.values()], problems);
  return [...kept.values()];
}

/** Two Components with the same override or title: an incident naming it would map to both. */
function warnIndistinct(entities: readonly BackstageEntity[], problems: CatalogProblem[]): void {
  const seen = new Map<string, BackstageEntity>();
  for (const entity of entities) {
    if (entity.kind !== "Component") continue;
    const label = entity.incidentFieldValue ?? entity.title;
    if (label === undefined) continue;
    const key = `${entity.account ?? ""}\u0000${label.trim().toLowerCase()}`;
    const other = seen.get(key);
    if (other === undefined) {
      seen.set(key, entity);
      continue;
    }
    const what = entity.incidentFieldValue !== undefined ? "incident field value" : "title";
    problems.push(
      problem(
        "warning",
        entity.source,
        "metadata.name",
        `${entity.ref} has the same ${what} "${label}" as ${other.ref} (${where(other.source)}): incidents naming it map to both; set incidentkit.io/incident-field-value on one`,
      ),
    );
  }
}

/** The known reference of the same kind and namespace whose name is closest to the wanted one's. */
function likeliest(wanted: string, knownRefs: readonly string[]): string | undefined {
  const prefix = wanted.slice(0, wanted.indexOf("/") + 1).toLowerCase();
  const names = knownRefs
    .filter((ref) => ref.toLowerCase().startsWith(prefix))
    .map((ref) => ref.slice(prefix.length));
  const name = closest(wanted.slice(prefix.length), names);
  return name === undefined ? undefined : `${prefix}${name}`;
}

function problem(
  severity: CatalogProblem["severity"],
  at: SourcePosition,
  field: string,
  message: string,
): CatalogProblem {
  return { severity, ...at, field, message };
}

export function where(at: SourcePosition): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/** `group:payments` for the default namespace, else the full reference. */
export function shortRef(ref: string): string {
  return ref.replace(/:default\//, ":");
}

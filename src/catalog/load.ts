import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { crossCheck } from "./cross-check.js";
import { type CatalogEntity, isHubEntity, type OtherEntity, type SkippedEntity } from "./entity.js";
import { catalogFiles, expandTarget } from "./files.js";
import { followLocations } from "./locations.js";
import { emptyParsedFile, type ParsedFile, parseCatalogFile } from "./parse-file.js";
import { type CatalogProblem, sortProblems } from "./problem.js";

export { catalogFiles } from "./files.js";

/** A catalog read from its files: the entities, what was skipped, and every problem found. */
export interface Catalog {
  /** The Components, Systems and Groups: the entities the hub has pages for. */
  entities: CatalogEntity[];
  /** Every other kind: Users, APIs, Resources, Domains, Locations and Templates. */
  others: OtherEntity[];
  /** Documents that are not among the entities, each with its reason. */
  skipped: SkippedEntity[];
  /** In reading order (file, line, column). An error left its entity out; a warning did not. */
  problems: CatalogProblem[];
  /** No errors (warnings allowed). */
  valid: boolean;
}

export interface CatalogFile {
  /** The name problems are reported under, e.g. `catalog/payments.yaml`. */
  path: string;
  text: string;
}

/** A catalog with nothing in it: the hub's when it has no catalog configured. */
export function emptyCatalog(): Catalog {
  return { entities: [], others: [], skipped: [], problems: [], valid: true };
}

/** Reads catalog files' texts, in the order given, and checks them together. Location targets are not followed. */
export function parseCatalog(files: readonly CatalogFile[]): Catalog {
  const all = emptyParsedFile();
  for (const file of files) merge(all, parseCatalogFile(file.text, file.path));
  return finish(all);
}

/**
 * Reads a catalog file, or every `*.yaml` and `*.yml` file under a folder (see `catalogFiles`), then every file
 * their Location entities lead to, and checks them together. Files are reported as `path` joined with their place
 * in it.
 */
export function loadCatalogDir(path: string): Catalog {
  const all = emptyParsedFile();
  const start = catalogFiles(path).map((name) => ({ name, absolute: resolve(name) }));
  followLocations(
    start,
    (source) => {
      const parsed = readCatalogFile(source.absolute, source.name);
      merge(all, parsed);
      return parsed.locations;
    },
    expandTarget,
    all.problems,
  );
  return finish(all);
}

function readCatalogFile(absolute: string, name: string): ParsedFile {
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    const parsed = emptyParsedFile();
    const reason = error instanceof Error ? error.message : String(error);
    parsed.problems.push({
      severity: "error",
      file: name,
      line: 1,
      column: 1,
      field: "",
      message: `cannot be read: ${reason}`,
    });
    return parsed;
  }
  return parseCatalogFile(text, name);
}

function merge(into: ParsedFile, parsed: ParsedFile): void {
  into.entities.push(...parsed.entities);
  into.skipped.push(...parsed.skipped);
  into.problems.push(...parsed.problems);
  into.refs.push(...parsed.refs);
  into.locations.push(...parsed.locations);
}

function finish(all: ParsedFile): Catalog {
  const kept = crossCheck(all.entities, all.skipped, all.refs, all.problems);
  return {
    entities: kept.filter(isHubEntity),
    others: kept.filter((entity): entity is OtherEntity => !isHubEntity(entity)),
    skipped: all.skipped,
    problems: sortProblems(all.problems),
    valid: all.problems.every((problem) => problem.severity !== "error"),
  };
}

/** For `--strict` (CI): every warning counts as an error, so a catalog with any problem is invalid. */
export function strictly(catalog: Catalog): Catalog {
  return {
    ...catalog,
    problems: catalog.problems.map((problem) => ({ ...problem, severity: "error" })),
    valid: catalog.problems.length === 0,
  };
}

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../api/errors.js";
import { crossCheck } from "./cross-check.js";
import type { CatalogEntity, SkippedEntity } from "./entity.js";
import { type ParsedFile, parseCatalogFile } from "./parse-file.js";
import { type CatalogProblem, sortProblems } from "./problem.js";

/** A catalog read from its files: the entities, what was skipped, and every problem found. */
export interface Catalog {
  entities: CatalogEntity[];
  skipped: SkippedEntity[];
  /** In reading order (file, line, column). */
  problems: CatalogProblem[];
  /** No errors (warnings allowed). */
  valid: boolean;
}

export interface CatalogFile {
  /** The name problems are reported under, e.g. `catalog/payments.yaml`. */
  path: string;
  text: string;
}

/** Reads catalog files' texts, in the order given, and checks them together. */
export function parseCatalog(files: readonly CatalogFile[]): Catalog {
  const all: ParsedFile = { entities: [], skipped: [], problems: [], refs: [] };
  for (const file of files) {
    const parsed = parseCatalogFile(file.text, file.path);
    all.entities.push(...parsed.entities);
    all.skipped.push(...parsed.skipped);
    all.problems.push(...parsed.problems);
    all.refs.push(...parsed.refs);
  }
  const entities = crossCheck(all.entities, all.skipped, all.refs, all.problems);
  return {
    entities,
    skipped: all.skipped,
    problems: sortProblems(all.problems),
    valid: all.problems.every((problem) => problem.severity !== "error"),
  };
}

/**
 * Reads every `*.yaml` and `*.yml` file under `dir` (sub-folders included, hidden ones and node_modules left
 * out), in name order. Files are reported as `dir` joined with their path inside it.
 */
export function loadCatalogDir(dir: string): Catalog {
  return parseCatalog(catalogFiles(dir).map((path) => ({ path, text: readFileSync(path, "utf8") })));
}

/** The catalog files under `dir`; a missing folder is a configuration problem. */
export function catalogFiles(dir: string): string[] {
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new ConfigError(
      "catalog.dir",
      `the catalog folder ${dir} does not exist`,
      "create it with catalog-info.yaml files (see examples/catalog), or name another folder with --dir",
    );
  }
  return walk(dir);
}

function walk(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  return entries.flatMap((entry) => {
    if (entry.name.startsWith(".") || entry.name === "node_modules") return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.isFile() && /\.ya?ml$/i.test(entry.name) ? [path] : [];
  });
}

import { type Dirent, readdirSync, realpathSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { ConfigError } from "../api/errors.js";

/** Folders never searched: hidden ones (`.git`, `.github`) and installed packages. */
function searched(entry: Dirent): boolean {
  return !entry.name.startsWith(".") && entry.name !== "node_modules";
}

/**
 * The catalog files at `path`: the file itself, or every `*.yaml` and `*.yml` file under the folder (sub-folders
 * included, hidden ones and node_modules left out), in name order, each named as `path` joined with its place in
 * it. A missing path is a configuration problem.
 */
export function catalogFiles(path: string): string[] {
  const kind = statKind(path);
  if (kind === "file") return [path];
  if (kind !== "folder") {
    throw new ConfigError(
      "catalog.dir",
      `the catalog folder ${path} does not exist`,
      "create it with catalog-info.yaml files (see examples/catalog), or name another folder with --dir",
    );
  }
  return walk(path);
}

function walk(dir: string): string[] {
  return entriesOf(dir).flatMap((entry) => {
    if (!searched(entry)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.isFile() && /\.ya?ml$/i.test(entry.name) ? [path] : [];
  });
}

const GLOB = /[*?[{]/;

/**
 * The files a Location target names, relative to `fromDir` (the Location's folder): one path, or a glob with `*`,
 * `?`, `[…]`, `{a,b}` and `**` (any depth of folders), as Backstage reads file targets. Absolute paths, in name
 * order; hidden files and folders match only a pattern that names them, and `**` does not enter node_modules or
 * follow links to folders (which could loop).
 */
export function expandTarget(fromDir: string, target: string): string[] {
  const pattern = resolve(fromDir, target);
  if (!GLOB.test(target)) return statKind(pattern) === "file" ? [pattern] : [];
  const segments = pattern.split(sep);
  const first = segments.findIndex((segment) => GLOB.test(segment));
  const root = segments.slice(0, first).join(sep) || sep;
  return [...new Set(matchFrom(root, segments.slice(first)))].sort();
}

function matchFrom(dir: string, rest: readonly string[]): string[] {
  const [head, ...tail] = rest;
  if (head === undefined) return statKind(dir) === "file" ? [dir] : [];
  if (head === "**") {
    const deeper = entriesOf(dir).filter((entry) => entry.isDirectory() && searched(entry));
    return [...matchFrom(dir, tail), ...deeper.flatMap((entry) => matchFrom(join(dir, entry.name), rest))];
  }
  if (!GLOB.test(head)) return matchFrom(join(dir, head), tail);
  const matcher = segmentPattern(head);
  return entriesOf(dir)
    .filter((entry) => matcher.test(entry.name) && (head.startsWith(".") || !entry.name.startsWith(".")))
    .flatMap((entry) => matchFrom(join(dir, entry.name), tail));
}

/** One path segment of a glob as a regular expression. */
export function segmentPattern(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i] ?? "";
    if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "[" && segment.indexOf("]", i + 2) > i) {
      const end = segment.indexOf("]", i + 2);
      const body = segment
        .slice(i + 1, end)
        .replace(/^!/, "^")
        .replace(/\\/g, "\\\\");
      source += `[${body}]`;
      i = end;
    } else if (char === "{" && segment.indexOf("}", i) > i) {
      const end = segment.indexOf("}", i);
      const options = segment
        .slice(i + 1, end)
        .split(",")
        .map((option) => segmentPattern(option).source.slice(1, -1));
      source += `(?:${options.join("|")})`;
      i = end;
    } else source += char.replace(/[.+^$()|\\\]{}]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** The file's one name whatever the path (links resolved), so a file reached two ways is read once. */
export function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return [];
  }
}

function statKind(path: string): "file" | "folder" | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? "file" : stat.isDirectory() ? "folder" : undefined;
  } catch {
    return undefined;
  }
}

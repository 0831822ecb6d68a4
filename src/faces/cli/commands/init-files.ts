import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The files `incidentkit init` writes: the package's examples (hub.yaml, rules.yaml, catalog/, scorecards/), so a
 * hub of one's own starts from what the demo and the README show, and a change to the examples reaches it.
 */

/** One file to write, by its path inside the hub's folder. */
export interface HubFile {
  path: string;
  text: string;
}

/** The package's examples: `examples/` beside `src/` in a checkout and beside `dist/` once built. */
export function examplesDir(): string {
  return fileURLToPath(new URL("../../../../examples", import.meta.url));
}

/** The folders copied whole, beside hub.yaml and rules.yaml. */
export const COPIED_FOLDERS = ["catalog", "scorecards"] as const;

/**
 * Where the written hub keeps its state: beside its config, so it is not the demo hub's (whose data directory is
 * the default) and two hubs never share one.
 */
const DATA_DIR_LINES = [
  "# The hub's state (its database, and the local emulator's while no account is configured), beside this file.",
  "data_dir: ./data",
];

/** hub.yaml (with a data directory of its own), rules.yaml and every file of the copied folders. */
export function hubFiles(examples = examplesDir()): HubFile[] {
  const read = (path: string) => readFileSync(join(examples, path), "utf8");
  return [
    { path: "hub.yaml", text: withDataDir(read("hub.yaml")) },
    { path: "rules.yaml", text: read("rules.yaml") },
    ...COPIED_FOLDERS.flatMap((folder) =>
      filesUnder(join(examples, folder)).map((file) => ({
        path: relative(examples, file),
        text: readFileSync(file, "utf8"),
      })),
    ),
  ];
}

/** The example hub.yaml with `data_dir` set, just before its `listen:` section. */
export function withDataDir(hubYaml: string): string {
  const at = hubYaml.search(/^listen:/m);
  if (at < 0) throw new Error("examples/hub.yaml has no top-level listen: section to put data_dir before");
  return `${hubYaml.slice(0, at)}${DATA_DIR_LINES.join("\n")}\n${hubYaml.slice(at)}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(path);
      return entry.isFile() ? [path] : [];
    });
}

/**
 * What writing `files` into `dir` would overwrite or mix into: each file that exists, and each copied folder
 * that already holds files (example services added to a real catalog would be taken for real ones).
 */
export function conflicts(dir: string, files: readonly HubFile[]): string[] {
  const existing = files.map((file) => file.path).filter((path) => existsSync(join(dir, path)));
  const folders = COPIED_FOLDERS.filter((folder) => {
    const path = join(dir, folder);
    return (
      existsSync(path) &&
      statSync(path).isDirectory() &&
      readdirSync(path).length > 0 &&
      !existing.some((file) => file.startsWith(`${folder}/`))
    );
  }).map((folder) => `${folder}/`);
  return [...existing, ...folders];
}

/** Writes every file, creating the folders they need. */
export function writeHubFiles(dir: string, files: readonly HubFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
}

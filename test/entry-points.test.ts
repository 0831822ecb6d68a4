import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The package's entry points (package.json `exports`), each imported in a fresh `node` process whose loader hook
 * (test/support/load-recorder.mjs) records every module loaded: `incidentkit` is the client alone, without the
 * emulator, a database driver, an HTTP server or the MCP SDK; `incidentkit/emulator` and `incidentkit/hub` load
 * what they need and not the layers above them.
 *
 * The build (dist/) is imported by the package's own name, so `exports` is what is tested. When dist/ is missing or
 * older than a source file, the sources are imported through tsx instead (same imports, same modules), and the
 * test says so: `npm run build` first to test the build itself, as CI does.
 */

const run = promisify(execFile);
const root = new URL("../", import.meta.url);
const rootPath = root.pathname;
const TEST_CODE = /(\.test\.tsx?$)|(\/testing(\.ts$|\/))/;

interface Entry {
  /** The name a program imports. */
  specifier: string;
  /** Its key in package.json `exports`. */
  key: string;
  source: string;
  built: string;
  /** The only folders of src/ it may load. */
  folders?: string[];
  /** Folders of src/ it must not load. */
  neverFolders?: string[];
  /** Packages it must load: evidence that the recorder sees them, and that the entry is what it says. */
  loads: string[];
  /** Packages it must not load. */
  never: string[];
}

const ENTRIES: Entry[] = [
  {
    specifier: "incidentkit",
    key: ".",
    source: "src/index.ts",
    built: "dist/index.js",
    folders: ["api", "shared"],
    loads: ["zod"],
    never: [
      "better-sqlite3",
      "hono",
      "@hono/node-server",
      "pg",
      "kysely",
      "@modelcontextprotocol/sdk",
      "commander",
    ],
  },
  {
    specifier: "incidentkit/emulator",
    key: "./emulator",
    source: "src/emulator/index.ts",
    built: "dist/emulator/index.js",
    // The emulator stands alone, with shared/: it never loads the client it imitates a server for.
    folders: ["emulator", "shared"],
    loads: ["better-sqlite3", "hono"],
    never: ["pg", "kysely", "@modelcontextprotocol/sdk", "commander"],
  },
  {
    specifier: "incidentkit/hub",
    key: "./hub",
    source: "src/hub/index.ts",
    built: "dist/hub/index.js",
    // The hub delivers to incident.io: the emulator is the CLI's, for the demo and tests.
    neverFolders: ["emulator", "faces/cli"],
    loads: ["kysely", "hono"],
    never: ["commander"],
  },
];

/** Every file under `dir` (relative to the root), recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(new URL(dir, root), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(rootPath.length));
}

/** Why the build cannot be tested, or undefined when dist/ holds every entry, built after every shipped source. */
function staleBuild(): string | undefined {
  const missing = ENTRIES.find((entry) => !exists(entry.built));
  if (missing) return `${missing.built} is missing`;
  const built = Math.min(...ENTRIES.map((entry) => statSync(new URL(entry.built, root)).mtimeMs));
  const newer = filesUnder("src/").find(
    (file) => /\.tsx?$/.test(file) && !TEST_CODE.test(file) && statSync(new URL(file, root)).mtimeMs > built,
  );
  return newer === undefined ? undefined : `${newer} is newer than dist/`;
}

function exists(path: string): boolean {
  try {
    statSync(new URL(path, root));
    return true;
  } catch {
    return false;
  }
}

const stale = staleBuild();
if (stale !== undefined)
  console.log(`entry points: ${stale} (npm run build to test the build): importing src/ through tsx instead`);

const records = mkdtempSync(join(tmpdir(), "incidentkit-entry-points-"));
afterAll(() => rmSync(records, { recursive: true, force: true }));

/** The URLs of every module a fresh `node` loads to import `entry`. */
async function modulesLoaded(entry: Entry): Promise<string[]> {
  const record = join(records, `${entry.key.replace(/\W/g, "_")}.txt`);
  const target = stale === undefined ? entry.specifier : `./${entry.source}`;
  await run(
    process.execPath,
    [
      ...(stale === undefined ? [] : ["--import", "tsx"]),
      "--import",
      "./test/support/load-recorder.mjs",
      "--input-type=module",
      "-e",
      "await import(process.argv[1]);",
      target,
    ],
    { cwd: rootPath, env: { ...process.env, LOAD_RECORD: record }, timeout: 60_000 },
  );
  return readFileSync(record, "utf8").split("\n").filter(Boolean);
}

/** The npm packages among `urls`, by name. */
function packagesOf(urls: string[]): Set<string> {
  return new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
}

/** The folders of src/ (as layers.json names them) that `urls` come from, in src/ or dist/. */
function foldersOf(urls: string[]): Set<string> {
  const prefixes = [`file://${rootPath}src/`, `file://${rootPath}dist/`];
  return new Set(
    urls.flatMap((url) => {
      const prefix = prefixes.find((candidate) => url.startsWith(candidate));
      if (prefix === undefined || url.includes("/node_modules/")) return [];
      const parts = url.slice(prefix.length).split("/");
      if (parts.length < 2) return [];
      return parts[0] === "faces" ? [`faces/${parts[1]}`] : [parts[0] as string];
    }),
  );
}

describe("the package's entry points", () => {
  const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
    exports: Record<string, { types: string; default: string }>;
  };

  it("are exactly the client, the emulator and the hub, each built from its source with its types", () => {
    expect(Object.keys(pkg.exports)).toEqual(ENTRIES.map((entry) => entry.key));
    for (const entry of ENTRIES) {
      expect(pkg.exports[entry.key]).toEqual({
        types: `./${entry.built.replace(/\.js$/, ".d.ts")}`,
        default: `./${entry.built}`,
      });
      expect(entry.built).toBe(entry.source.replace(/^src\//, "dist/").replace(/\.ts$/, ".js"));
      expect(exists(entry.source)).toBe(true);
    }
  });

  for (const entry of ENTRIES) {
    it(`${entry.specifier} loads what it needs and nothing more`, async () => {
      const urls = await modulesLoaded(entry);
      const packages = packagesOf(urls);
      const folders = foldersOf(urls);
      for (const name of entry.loads) expect(packages, `${entry.specifier} loads ${name}`).toContain(name);
      expect(entry.never.filter((name) => packages.has(name))).toEqual([]);
      if (entry.folders)
        expect([...folders].filter((folder) => !entry.folders?.includes(folder))).toEqual([]);
      expect((entry.neverFolders ?? []).filter((folder) => folders.has(folder))).toEqual([]);
      // Nothing of the tests is ever loaded.
      const ours = urls
        .filter((url) => url.startsWith(`file://${rootPath}`) && !url.includes("/node_modules/"))
        .map((url) => url.slice(`file://${rootPath}`.length));
      expect(ours.length).toBeGreaterThan(1);
      expect(ours.filter((path) => TEST_CODE.test(path) || /^(test|bench)\//.test(path))).toEqual([]);
    }, 90_000);
  }
});

describe("the build", () => {
  it("leaves out every test and test helper", async () => {
    const build = JSON.parse(readFileSync(new URL("tsconfig.build.json", root), "utf8")) as {
      exclude: string[];
    };
    expect(build.exclude).toEqual(
      expect.arrayContaining(["src/**/*.test.ts", "src/**/testing.ts", "src/**/testing/**"]),
    );
    // The files `npm run build` compiles, and so emits to dist/.
    const { stdout } = await run(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--listFilesOnly"],
      { cwd: rootPath, maxBuffer: 16 * 1024 * 1024 },
    );
    const compiled = stdout
      .split("\n")
      .filter((file) => file.startsWith(`${rootPath}src/`))
      .map((file) => file.slice(rootPath.length));
    expect(compiled).toContain("src/index.ts");
    expect(compiled).toContain("src/hub/index.ts");
    expect(compiled.filter((file) => TEST_CODE.test(file))).toEqual([]);
    // Every test helper in src/ exists, so the exclusion above has something to leave out.
    expect(
      filesUnder("src/").filter((file) => TEST_CODE.test(file) && !file.endsWith(".test.ts")),
    ).not.toEqual([]);
  }, 90_000);
});

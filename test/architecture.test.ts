import { readdirSync, readFileSync } from "node:fs";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layering of src/ (layers.json), checked two ways: dependency-cruiser with the rules `npm run lint` uses,
 * and the folder graph re-derived here from the modules it found, so a wrong rule cannot hide a wrong import.
 */

const root = new URL("../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

interface Layers {
  layers: string[][];
  onlyFrom: Record<string, string[]>;
}
const declared: Layers = JSON.parse(read("layers.json"));

const TEST_CODE = /(\.test\.tsx?$)|(\/testing(\.ts$|\/))/;

/** The folder a path under src/ belongs to (`faces/web`, `api`…); undefined for entry points and outside src/. */
function folderOf(path: string): string | undefined {
  const parts = path.split("/");
  if (parts[0] !== "src" || parts.length < 3) return undefined;
  return parts[1] === "faces" ? `faces/${parts[2]}` : parts[1];
}

/** Every import between folders that goes against the layers, as `from → to (file → file)`. */
function layerViolations(imports: Array<[string, string]>, layers: Layers): string[] {
  const rank = new Map(
    layers.layers.flatMap((layer, index) => layer.map((folder) => [folder, index] as const)),
  );
  const found: string[] = [];
  for (const [from, to] of imports) {
    if (TEST_CODE.test(from) || !from.startsWith("src/")) continue;
    if (TEST_CODE.test(to) || to.startsWith("test/") || to.startsWith("bench/")) {
      found.push(`shipped code imports test code (${from} → ${to})`);
      continue;
    }
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === undefined || b === undefined || a === b) continue;
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined || rb === undefined) {
      found.push(`${ra === undefined ? a : b} has no layer in layers.json (${from} → ${to})`);
    } else if (rb >= ra) {
      found.push(`${a} → ${b} goes ${rb === ra ? "across" : "up"} the layers (${from} → ${to})`);
    }
    const only = layers.onlyFrom[b];
    if (only && !only.includes(a)) {
      found.push(`${b} is imported only by ${only.join(", ") || "entry points"} (${from} → ${to})`);
    }
  }
  return found;
}

/** The folders of src/ as layers.json names them: `faces/*` one by one, the rest by their top-level name. */
function srcFolders(): string[] {
  const top = readdirSync(new URL("src/", root), { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  );
  return top.flatMap((entry) =>
    entry.name === "faces"
      ? readdirSync(new URL("src/faces/", root), { withFileTypes: true })
          .filter((face) => face.isDirectory())
          .map((face) => `faces/${face.name}`)
      : [entry.name],
  );
}

/** The layers docs/architecture.md draws between its markers, top line first, as folder lists. */
function drawnLayers(): string[][] {
  const doc = read("docs/architecture.md");
  const block = /<!-- layers -->\n```\n([\s\S]*?)```\n<!-- \/layers -->/.exec(doc)?.[1];
  if (block === undefined) throw new Error("docs/architecture.md has no <!-- layers --> block");
  return block
    .trimEnd()
    .split("\n")
    .map((line) => (line.split(/ {2,}/)[0] ?? "").split(" ").filter(Boolean));
}

describe("the layers of src/", () => {
  let result: ICruiseResult;

  beforeAll(async () => {
    const options = await extractDepcruiseOptions(new URL(".dependency-cruiser.cjs", root).pathname);
    const tsConfig = extractTSConfig(new URL("tsconfig.json", root).pathname);
    // dependency-cruiser names modules relative to the working directory, which vitest sets to the root.
    expect(`${process.cwd()}/`).toBe(new URL(".", root).pathname);
    const output = await cruise(
      ["src"],
      options,
      { extensions: [".ts", ".tsx", ".js", ".json"] },
      { tsConfig },
    );
    result = output.output as ICruiseResult;
  }, 120_000);

  it("has no violation of the rules npm run lint checks", () => {
    const violations = result.summary.violations.map(
      (violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`,
    );
    expect(violations).toEqual([]);
    // A cruise that found nothing would pass too.
    expect(result.modules.length).toBeGreaterThan(500);
  });

  it("imports, folder by folder, only downwards", () => {
    const imports = result.modules.flatMap((module) =>
      module.dependencies.map((dependency) => [module.source, dependency.resolved] as [string, string]),
    );
    expect(imports.length).toBeGreaterThan(2_000);
    expect(layerViolations(imports, declared)).toEqual([]);
  });

  it("gives every folder a layer, and no layer a folder that is gone", () => {
    const layered = declared.layers.flat();
    expect(srcFolders().filter((folder) => !layered.includes(folder))).toEqual([]);
    expect(layered.filter((folder) => !srcFolders().includes(folder))).toEqual([]);
  });

  it("is drawn in docs/architecture.md as layers.json declares it", () => {
    expect(drawnLayers()).toEqual([...declared.layers].reverse());
  });

  it("finds imports against the layers", () => {
    const layers: Layers = { layers: [["shared"], ["api", "emulator"], ["ops"]], onlyFrom: { emulator: [] } };
    expect(layerViolations([["src/ops/a.ts", "src/api/b.ts"]], layers)).toEqual([]);
    expect(layerViolations([["src/api/a.test.ts", "src/ops/b.ts"]], layers)).toEqual([]);
    expect(layerViolations([["src/api/a.ts", "src/ops/b.ts"]], layers)).toEqual([
      "api → ops goes up the layers (src/api/a.ts → src/ops/b.ts)",
    ]);
    expect(layerViolations([["src/api/a.ts", "src/emulator/b.ts"]], layers)).toEqual([
      "api → emulator goes across the layers (src/api/a.ts → src/emulator/b.ts)",
      "emulator is imported only by entry points (src/api/a.ts → src/emulator/b.ts)",
    ]);
    expect(layerViolations([["src/ops/a.ts", "src/ops/testing.ts"]], layers)).toEqual([
      "shipped code imports test code (src/ops/a.ts → src/ops/testing.ts)",
    ]);
    expect(layerViolations([["src/ops/a.ts", "src/new/b.ts"]], layers)).toEqual([
      "new has no layer in layers.json (src/ops/a.ts → src/new/b.ts)",
    ]);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { conflicts, examplesDir, hubFiles, withDataDir, writeHubFiles } from "./init-files.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-init-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the files init writes", () => {
  it("are the examples: hub.yaml with a data directory of its own, rules.yaml, the catalog and scorecards", () => {
    const files = hubFiles();
    const paths = files.map((file) => file.path);
    expect(paths.slice(0, 2)).toEqual(["hub.yaml", "rules.yaml"]);
    expect(paths).toContain("catalog/payments.yaml");
    expect(paths).toContain("scorecards/reliability.yaml");
    const hub = files[0]?.text ?? "";
    const example = readFileSync(join(examplesDir(), "hub.yaml"), "utf8");
    expect(hub.replace(/^# The hub's state.*\ndata_dir: \.\/data\n/m, "")).toBe(example);
    expect(hub.indexOf("data_dir: ./data\n")).toBeLessThan(hub.search(/^listen:/m));
  });

  it("refuse an example hub.yaml without its listen section, rather than guess where data_dir goes", () => {
    expect(() => withDataDir("sources: {}\n")).toThrow(/no top-level listen: section/);
  });

  it("name what exists: each file, and a copied folder already holding files of its own", () => {
    const files = hubFiles();
    expect(conflicts(dir, files)).toEqual([]);
    mkdirSync(join(dir, "catalog"));
    expect(conflicts(dir, files)).toEqual([]);
    writeFileSync(join(dir, "catalog", "ours.yaml"), "kind: Group\n");
    writeFileSync(join(dir, "rules.yaml"), "rules: []\n");
    expect(conflicts(dir, files)).toEqual(["rules.yaml", "catalog/"]);
    writeHubFiles(dir, files);
    expect(readFileSync(join(dir, "catalog", "ours.yaml"), "utf8")).toBe("kind: Group\n");
    expect(conflicts(dir, files)).toContain("catalog/payments.yaml");
    expect(conflicts(dir, files)).not.toContain("catalog/");
  });
});

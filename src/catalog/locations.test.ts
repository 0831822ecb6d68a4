import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandTarget, segmentPattern } from "./files.js";
import { loadCatalogDir } from "./load.js";
import { formatProblem } from "./problem.js";

let tmp: string;
let root: string;

const component = (name: string, owner = "group:payments") =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: ${owner}\n`;
const location = (name: string, spec: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(tmp, path)), { recursive: true });
  writeFileSync(join(tmp, path), text);
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "incidentkit-locations-"));
  root = join(tmp, "repo");
  write(
    "repo/catalog-info.yaml",
    `${component("monorepo")}---\n${location(
      "everything",
      [
        "  targets:",
        "    - ./services/*/catalog-info.yaml",
        "    - ../shared/teams.yaml",
        "    - https://github.com/acme/payments/blob/main/catalog-info.yaml",
        "    - ./missing.yaml",
        "",
      ].join("\n"),
    )}---\n${location("maybe", "  presence: optional\n  target: ./optional.yaml\n")}`,
  );
  write("repo/services/ledger/catalog-info.yaml", component("ledger"));
  write("repo/services/search/catalog-info.yaml", component("search"));
  write("repo/services/.draft/catalog-info.yaml", component("draft"));
  write("repo/loop/one.yaml", location("one", "  target: ./two.yaml\n"));
  write("repo/loop/two.yaml", location("two", "  target: ./one.yaml\n"));
  write("repo/all.yaml", location("all", "  target: ./**/catalog-info.yaml\n"));
  write(
    "shared/teams.yaml",
    "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n",
  );
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("Location entities are followed", () => {
  it("from one file: globs relative to the Location, files outside the folder, each file once", () => {
    const catalog = loadCatalogDir(join(root, "catalog-info.yaml"));
    expect(catalog.entities.map((entity) => [entity.ref, entity.source.file])).toEqual([
      ["component:default/monorepo", join(root, "catalog-info.yaml")],
      ["component:default/ledger", join(root, "services/ledger/catalog-info.yaml")],
      ["component:default/search", join(root, "services/search/catalog-info.yaml")],
      ["group:default/payments", join(tmp, "shared/teams.yaml")],
    ]);
    expect(catalog.problems.map(formatProblem)).toEqual([
      `${join(root, "catalog-info.yaml")}:18:7: warning: spec.targets[2]: "https://github.com/acme/payments/blob/main/catalog-info.yaml" is not a local file, so it is not followed: incidentkit reads the files of one folder; copy that catalog in, or point catalog.dir at a clone of it`,
      `${join(root, "catalog-info.yaml")}:19:7: warning: spec.targets[3]: "./missing.yaml" matches no file (looked in ${root}); correct the path, or set spec.presence: optional`,
    ]);
  });

  it("from a folder: a glob matching its own Location's file is no loop; a loop through files is warned about once", () => {
    const catalog = loadCatalogDir(root);
    expect(catalog.entities.map((entity) => entity.ref).sort()).toEqual([
      "component:default/ledger",
      "component:default/monorepo",
      "component:default/search",
      "group:default/payments",
    ]);
    const loops = catalog.problems.filter((problem) => problem.message.includes("leads back"));
    expect(loops.map(formatProblem)).toEqual([
      `${join(root, "loop/two.yaml")}:6:3: warning: spec.target: this Location leads back to where it started (${join(root, "loop/one.yaml")} → ${join(root, "loop/two.yaml")} → ${join(root, "loop/one.yaml")}); each file is read once, and Backstage would loop`,
    ]);
  });

  it("a loop is found as well when only its first file is given", () => {
    const catalog = loadCatalogDir(join(root, "loop/one.yaml"));
    expect(catalog.others.map((entity) => entity.ref)).toEqual([
      "location:default/one",
      "location:default/two",
    ]);
    expect(catalog.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`)).toEqual([
      `${join(root, "loop/two.yaml")}:6: this Location leads back to where it started (${join(root, "loop/one.yaml")} → ${join(root, "loop/two.yaml")} → ${join(root, "loop/one.yaml")}); each file is read once, and Backstage would loop`,
    ]);
  });

  it("reads a file reached through a link once", () => {
    write(
      "linked/teams.yaml",
      "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: sre\nspec:\n  type: team\n",
    );
    symlinkSync(join(tmp, "linked/teams.yaml"), join(tmp, "linked/alias.yaml"));
    write("linked/catalog-info.yaml", location("teams", "  target: ./alias.yaml\n"));
    const catalog = loadCatalogDir(join(tmp, "linked"));
    expect(catalog.entities.map((entity) => entity.ref)).toEqual(["group:default/sre"]);
    expect(catalog.problems).toEqual([]);
  });

  it("a Location with an error is not followed", () => {
    write("broken/catalog-info.yaml", location("Bad Name", "  target: ../shared/teams.yaml\n"));
    const catalog = loadCatalogDir(join(tmp, "broken/catalog-info.yaml"));
    expect(catalog.entities).toEqual([]);
    expect(catalog.problems.map((problem) => problem.field)).toEqual(["metadata.name"]);
  });
});

describe("globs", () => {
  it("match one path segment with * ? [ ] and { }", () => {
    expect(segmentPattern("*.{yaml,yml}").test("catalog-info.yml")).toBe(true);
    expect(segmentPattern("*.{yaml,yml}").test("catalog-info.json")).toBe(false);
    expect(segmentPattern("team-?.yaml").test("team-a.yaml")).toBe(true);
    expect(segmentPattern("team-[ab].yaml").test("team-c.yaml")).toBe(false);
    expect(segmentPattern("team-[!ab].yaml").test("team-c.yaml")).toBe(true);
    expect(segmentPattern("a.b").test("axb")).toBe(false);
  });

  it("** matches any depth, none included, and does not enter hidden folders", () => {
    expect(expandTarget(root, "./**/catalog-info.yaml")).toEqual([
      join(root, "catalog-info.yaml"),
      join(root, "services/ledger/catalog-info.yaml"),
      join(root, "services/search/catalog-info.yaml"),
    ]);
    expect(expandTarget(root, "services/.draft/*.yaml")).toEqual([
      join(root, "services/.draft/catalog-info.yaml"),
    ]);
    expect(expandTarget(root, "./nowhere/*.yaml")).toEqual([]);
  });
});
